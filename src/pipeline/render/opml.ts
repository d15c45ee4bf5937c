// `/opml.xml`: an OPML 2.0 subscription list of every feed the site publishes (the main feed and each
// tag's), each listed ONCE, in one format (OPML_FORMAT), so importing it subscribes to each feed once;
// then, as a separate group, the sources the site aggregates (not subscribed to on import: see below).
// Dated by the site's clock (render/clock.ts), never the wall clock.

import { escapeXml } from "../../shared/escape";
import { formatRfc822 } from "./html/format";
import { allFeedSets, type FeedLink, type FeedSet, OPML_PATH } from "./html/links";
import { checkSite, safeHttpUrl } from "./html/validate";
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

/**
 * The sources the site aggregates, one outline each (a feed once however many items it gave), as their
 * own group after the site's feeds. They are `type="link"` outlines with a `url` (OPML 2.0), not
 * `type="rss"` with an `xmlUrl`: a reader importing this list subscribes to every `xmlUrl`, and
 * subscribing to a source as well as to this site would deliver its articles twice. The `url` is the
 * source's feed address when it declares one, else its site.
 */
function sourcesGroup(ctx: RenderContext): string {
  const byKey = new Map<string, { text: string; url: string; kind: string }>();
  for (const a of ctx.site.articles)
    for (const s of a.sources) {
      const url = safeHttpUrl(s.feedUrl) ?? safeHttpUrl(s.link);
      if (url === null) continue;
      const text = s.title !== "" ? s.title : new URL(url).host;
      const key = `${s.kind === "feed" ? "feed" : "site"}\n${url}`;
      const seen = byKey.get(key);
      if (seen === undefined || text < seen.text)
        byKey.set(key, { text, url, kind: s.kind === "feed" ? "feed" : "site" });
    }
  if (byKey.size === 0) return "";
  const rows = [...byKey.values()]
    .sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : x.url < y.url ? -1 : x.url > y.url ? 1 : 0))
    .map(
      (s) =>
        `      <outline type="link" text="${escapeXml(s.text)}" title="${escapeXml(s.text)}" url="${escapeXml(s.url)}" category="/source/${s.kind}"/>`,
    );
  const title = "Sources this site aggregates";
  return `\n    <outline text="${title}" title="${title}">\n${rows.join("\n")}\n    </outline>`;
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
${groups.join("\n")}${sourcesGroup(ctx)}
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
