// `/opml.xml`: an OPML 2.0 subscription list of every feed the site publishes (the main feed and each
// tag's, in all three formats), grouped one folder per feed so readers that import folders keep the
// formats together. Dated by the site's newest article, never the clock.

import { escapeXml } from "../../shared/escape";
import { formatRfc822 } from "./html/format";
import { allFeedSets, type FeedLink, type FeedSet, OPML_PATH } from "./html/links";
import { checkSite } from "./html/validate";
import type { RenderContext, RenderedRoute } from "./types";

export const OPML_TYPE = "text/x-opml; charset=utf-8";

// OPML 2.0's `version` attribute names the feed format for readers that care.
const VERSION: Record<FeedLink["format"], string> = { rss: "RSS2", atom: "Atom", json: "JSONFeed1.1" };

function feedOutline(ctx: RenderContext, set: FeedSet, feed: FeedLink): string {
  const title = `${set.title} (${feed.label})`;
  return `      <outline type="rss" text="${escapeXml(title)}" title="${escapeXml(title)}" xmlUrl="${escapeXml(
    ctx.origin + feed.path,
  )}" htmlUrl="${escapeXml(ctx.origin + set.htmlPath)}" description="${escapeXml(set.description)}" language="${escapeXml(
    ctx.site.settings.language,
  )}" version="${VERSION[feed.format]}"/>`;
}

export function renderOpml(ctx: RenderContext): RenderedRoute {
  checkSite(ctx.site);
  const { settings, updated } = ctx.site;
  const groups = allFeedSets(ctx.site).map(
    (set) => `    <outline text="${escapeXml(set.title)}" title="${escapeXml(set.title)}">
${set.feeds.map((feed) => feedOutline(ctx, set, feed)).join("\n")}
    </outline>`,
  );
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
