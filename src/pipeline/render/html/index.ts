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
  checkSite(ctx.site);
  const index = buildIndex(ctx.site);
  return [
    ...renderHome(ctx, index),
    renderTagsIndex(ctx, index),
    ...ctx.site.tags.flatMap((tag) => renderTagPage(ctx, index, tag)),
    ...ctx.site.articles.map((article) => renderArticle(ctx, index, article)),
    ...renderAssets(ctx.site.updated),
  ];
}

/** The 404 page: path "/404", status 404; names every tag and the feeds. */
export function renderNotFound(ctx: RenderContext): RenderedRoute {
  checkSite(ctx.site);
  return renderNotFoundPage(ctx, buildIndex(ctx.site));
}
