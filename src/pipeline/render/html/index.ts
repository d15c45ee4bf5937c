// HTML pages rendered at build time: the paged home page, tag pages, the tags index, one page per
// article, the 404 page, and the assets they link.

import type { RenderContext, RenderedRoute } from "../types";
import { renderArticle } from "./article";
import { renderAssets } from "./assets";
import { renderHome, renderTagPage } from "./listing";
import { renderNotFoundPage } from "./notfound";
import { buildIndex } from "./parts";
import { renderTagsIndex } from "./tags";
import { checkSite } from "./validate";

export { STYLESHEET } from "./assets";
export { ICON_PATH, STYLESHEET_PATH } from "./layout";

/** Every HTML page and asset except the 404 page (see renderNotFound). Throws on an inconsistent Site. */
export function renderPages(ctx: RenderContext): RenderedRoute[] {
  return [...pageRoutes(ctx)];
}

/** The same routes, rendered one at a time as they are consumed (a large site never holds them all). */
export function* pageRoutes(ctx: RenderContext): Generator<RenderedRoute> {
  checkSite(ctx.site);
  const index = buildIndex(ctx.site);
  yield* renderHome(ctx, index);
  yield renderTagsIndex(ctx, index);
  for (const tag of ctx.site.tags) yield* renderTagPage(ctx, index, tag);
  for (const article of ctx.site.articles) yield renderArticle(ctx, index, article);
  yield* renderAssets(ctx.site.updated);
}

/** The 404 page: path "/404", status 404; names every tag and the feeds. */
export function renderNotFound(ctx: RenderContext): RenderedRoute {
  checkSite(ctx.site);
  return renderNotFoundPage(ctx, buildIndex(ctx.site));
}
