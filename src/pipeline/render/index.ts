// Render stage: Site -> every canonical response, packed for the Worker. The origin is either the
// configured base URL or a placeholder derived from the site's content (so it cannot occur in any
// article by accident), which the Worker swaps for the request's origin.
import { createHash } from "node:crypto";
import type { Site } from "../../shared/types";
import {
  type EmitOptions,
  type EmitResult,
  type EmitSummary,
  emit,
  emitTo,
  type StorageSetting,
} from "../pack/emit";
import { apiIndex, apiRoutes } from "./api";
import { feedRoutes } from "./feeds/index";
import { pageRoutes, renderNotFound } from "./html/index";
import { renderOpml } from "./opml";
import type { RenderContext, RenderedRoute } from "./types";

export function originToken(site: Site): string {
  // Hashed piece by piece: one JSON string of a large site would pass V8's string length limit.
  const hash = createHash("sha256").update(JSON.stringify({ ...site, articles: [] }));
  for (const a of site.articles) hash.update(JSON.stringify(a));
  return `https://origin-${hash.digest("hex").slice(0, 16)}.invalid`;
}

/** Every route as a lazy iterable, the 404 page and the emitter's options. */
function renderInputs(
  site: Site,
  storage: StorageSetting,
  onRoute?: (done: number) => void,
): { routes: Iterable<RenderedRoute>; notFound: RenderedRoute; opts: EmitOptions } {
  const token = originToken(site);
  const ctx: RenderContext = { site, origin: site.settings.baseUrl ?? token };
  // The API is rendered after the feeds and pages, one document at a time as it is packed.
  function* routes() {
    yield* feedRoutes(ctx);
    yield* pageRoutes(ctx);
    yield renderOpml(ctx);
    yield* apiRoutes(ctx);
  }
  return {
    routes: routes(),
    notFound: renderNotFound(ctx),
    opts: {
      origin: site.settings.baseUrl,
      originToken: token,
      extra: { api: () => apiIndex(ctx) },
      storage,
      onRoute,
    },
  };
}

/** `onRoute`: called with the count of responses packed so far (progress only). */
export function renderSite(
  site: Site,
  storage: StorageSetting = "auto",
  onRoute?: (done: number) => void,
): EmitResult {
  const { routes, notFound, opts } = renderInputs(site, storage, onRoute);
  return emit(routes, notFound, opts);
}

/**
 * The same output, written into `outDir` as it is made (see emitTo); `compressThreads` worker threads
 * compress meanwhile (the same bytes for any count).
 */
export function renderSiteTo(
  outDir: string,
  site: Site,
  storage: StorageSetting = "auto",
  onRoute?: (done: number) => void,
  compressThreads = 0,
): EmitSummary {
  const { routes, notFound, opts } = renderInputs(site, storage, onRoute);
  return emitTo(outDir, routes, notFound, { ...opts, compressThreads });
}
