// Render stage: Site -> every canonical response, packed for the Worker. The origin is either the
// configured base URL or a placeholder derived from the site's content (so it cannot occur in any
// article by accident), which the Worker swaps for the request's origin.
import { createHash } from "node:crypto";
import type { Site } from "../../shared/types";
import { type EmitResult, emit, type StorageSetting } from "../pack/emit";
import { renderApi } from "./api";
import { feedRoutes } from "./feeds/index";
import { renderNotFound, renderPages } from "./html/index";
import { renderOpml } from "./opml";
import type { RenderContext } from "./types";

export function originToken(site: Site): string {
  // Hashed piece by piece: one JSON string of a large site would pass V8's string length limit.
  const hash = createHash("sha256").update(JSON.stringify({ ...site, articles: [] }));
  for (const a of site.articles) hash.update(JSON.stringify(a));
  return `https://origin-${hash.digest("hex").slice(0, 16)}.invalid`;
}

/** `onRoute`: called with the count of responses packed so far (progress only). */
export function renderSite(
  site: Site,
  storage: StorageSetting = "auto",
  onRoute?: (done: number) => void,
): EmitResult {
  const token = originToken(site);
  const ctx: RenderContext = { site, origin: site.settings.baseUrl ?? token };
  const api = renderApi(ctx);
  function* routes() {
    yield* feedRoutes(ctx);
    yield* renderPages(ctx);
    yield renderOpml(ctx);
    yield* api.routes;
  }
  return emit(routes(), renderNotFound(ctx), {
    origin: site.settings.baseUrl,
    originToken: token,
    extra: { api: api.index },
    storage,
    onRoute,
  });
}
