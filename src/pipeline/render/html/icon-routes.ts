// The raster forms of the site icon as routes: /assets/icon.png (RSS `<image>`, `<link rel=icon>` for
// clients without SVG) and /favicon.ico (asked for unprompted by browsers and readers; 16 and 32 px).
import type { RenderedRoute } from "../types";
import { encodeIco, iconPng } from "./icon-raster";
import { FAVICON_PATH, ICON_PNG_PATH, ICON_PNG_SIZE } from "./layout";

const CACHE = "public, max-age=86400";
let drawn: { png: Uint8Array; ico: Uint8Array } | null = null;

/** The same bytes for every build (the icon never depends on the corpus): drawn once per process. */
function icons(): { png: Uint8Array; ico: Uint8Array } {
  drawn ??= {
    png: iconPng(ICON_PNG_SIZE),
    ico: encodeIco([16, 32].map((size) => ({ size, png: iconPng(size) }))),
  };
  return drawn;
}

export function rasterIcons(updated: string): RenderedRoute[] {
  const { png, ico } = icons();
  return [
    {
      path: ICON_PNG_PATH,
      body: "",
      bytes: png,
      type: "image/png",
      kind: "asset",
      lastModified: updated,
      cacheControl: CACHE,
    },
    {
      path: FAVICON_PATH,
      body: "",
      bytes: ico,
      // The IANA type; browsers and readers also accept image/x-icon, which is only an alias.
      type: "image/vnd.microsoft.icon",
      kind: "asset",
      lastModified: updated,
      cacheControl: CACHE,
    },
  ];
}
