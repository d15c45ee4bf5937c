// Entry point: every feed document of the site (site feed + one per tag, subscription + RFC 5005
// archive pages) in RSS 2.0, Atom 1.0 and JSON Feed 1.1.

import type { RenderContext, RenderedRoute } from "../types";
import { renderAtom } from "./atom";
import { feedEnv, linkHeader } from "./context";
import { itemCaches } from "./items";
import { renderJsonFeed } from "./jsonfeed";
import { FORMAT_INFO, FORMATS, pagePath, planFeeds } from "./plan";
import { renderRss } from "./rss";

export { FeedInputError } from "./errors";
export type { FeedFormat, FeedPage } from "./plan";
export { FROZEN_CACHE_CONTROL, pagePath, planFeeds } from "./plan";

const RENDERERS = { rss: renderRss, atom: renderAtom, json: renderJsonFeed } as const;

export function renderFeeds(ctx: RenderContext): RenderedRoute[] {
  return [...feedRoutes(ctx)];
}

/** The same routes, rendered one at a time as they are consumed (a large site never holds them all). */
export function* feedRoutes(ctx: RenderContext): Generator<RenderedRoute> {
  const env = feedEnv(ctx);
  // Each article's item is rendered once per format and reused by every document listing it.
  const caches = itemCaches();
  for (const page of planFeeds(ctx.site)) {
    for (const format of FORMATS) {
      yield {
        path: pagePath(page.scope, page.archive, format),
        body: RENDERERS[format](env, page, caches[format]),
        type: `${FORMAT_INFO[format].mediaType}; charset=utf-8`,
        kind: "feed",
        lastModified: page.lastModified,
        ...(page.cacheControl === undefined ? {} : { cacheControl: page.cacheControl }),
        link: linkHeader(env, page, format),
      };
    }
  }
}
