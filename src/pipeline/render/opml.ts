// `/opml.xml`: an OPML 2.0 subscription list of every feed the site publishes (the main feed and each
// tag's), each listed ONCE, in one format (OPML_FORMAT), so importing it subscribes to each feed once.
// Dated by the site's clock (render/clock.ts), never the wall clock.

import { escapeXml } from "../../shared/escape";
import { formatRfc822 } from "./html/format";
import { allFeedSets, type FeedLink, type FeedSet, OPML_PATH } from "./html/links";
import { checkSite } from "./html/validate";
import type { RenderContext, RenderedRoute } from "./types";

export const OPML_TYPE = "text/x-opml; charset=utf-8";

/**
 * The one format the OPML subscribes to. A reader importing a list subscribes to every entry in it, so
 * listing a feed in three formats delivered each article three times. Atom, because it is the one
 * format that dates every entry honestly (`updated` even when the publication date is unknown, where
 * RSS has no date at all), gives every entry a permanent id and separates summary from content; every
 * reader we test imports it. The other two formats stay discoverable from each page's
 * `<link rel="alternate">` and each feed's `Link` header.
 */
export const OPML_FORMAT: FeedLink["format"] = "atom";

function feedOutline(ctx: RenderContext, set: FeedSet, feed: FeedLink): string {
  return `    <outline type="rss" text="${escapeXml(set.title)}" title="${escapeXml(set.title)}" xmlUrl="${escapeXml(
    ctx.origin + feed.path,
  )}" htmlUrl="${escapeXml(ctx.origin + set.htmlPath)}" description="${escapeXml(set.description)}" language="${escapeXml(
    ctx.site.settings.language,
  )}" version="Atom"/>`;
}

export function renderOpml(ctx: RenderContext): RenderedRoute {
  checkSite(ctx.site);
  const { settings, updated } = ctx.site;
  const groups = allFeedSets(ctx.site).map((set) => {
    const feed = set.feeds.find((f) => f.format === OPML_FORMAT);
    if (feed === undefined) throw new Error(`opml: ${set.htmlPath} has no ${OPML_FORMAT} feed`);
    return feedOutline(ctx, set, feed);
  });
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>${escapeXml(`${settings.title}: every feed`)}</title>
    <dateCreated>${formatRfc822(updated)}</dateCreated>
    <dateModified>${formatRfc822(updated)}</dateModified>
    <docs>http://opml.org/spec2.opml</docs>
  </head>
  <body>
${groups.join("\n")}
  </body>
</opml>
`;
  return {
    path: OPML_PATH,
    body,
    type: OPML_TYPE,
    kind: "opml",
    lastModified: updated,
    link: `<${ctx.origin}/>; rel="alternate"; type="text/html"`,
  };
}
