// RSS 2.0 through the `feed` package, corrected where the package is wrong: authors become ONE
// `dc:creator` (the package writes one `<author>` per name, and RSS `<author>` must be an e-mail),
// descriptions are HTML (plain-text summaries are escaped as HTML first), `lastBuildDate` is the newest
// article date, never the wall clock, RFC 5005 paging links plus `<fh:archive/>` are added, and each
// item names its `<source>` (sources.ts).

import { Feed } from "feed";
import type { Article } from "../../../shared/types";
import { ICON_PNG_PATH, ICON_PNG_SIZE } from "../html/layout";
import { ATOM_NS, FH_NS } from "./atom";
import { abs, articleUrl, type FeedEnv, pageUrl, tagOf } from "./context";
import { parseDate } from "./dates";
import {
  cachedItem,
  type HeldItem,
  type ItemCache,
  soleElement,
  spliceItems,
  splitAtHole,
  xmlContent,
} from "./items";
import { type FeedPage, pageLinks } from "./plan";
import { withRssSource } from "./sources";
import { plainTextToHtml } from "./text";
import { placeholders } from "./tokens";
import { assertWellFormed, checkLanguage, emptyElement, replaceOnce } from "./xml";

const DC_NS = "http://purl.org/dc/elements/1.1/";
const CONTENT_NS = "http://purl.org/rss/1.0/modules/content/";
const RSS_TYPE = "application/rss+xml";
const RSS_DOCS = "https://www.rssboard.org/rss-specification";

export function renderRss(env: FeedEnv, page: FeedPage, cache: ItemCache = new Map()): string {
  const p = placeholders();
  const { settings } = env.site;
  const selfUrl = pageUrl(env, page, page.archive, "rss");
  const feed = new Feed({
    title: p.text(page.scope.title),
    description: p.text(page.scope.description),
    link: p.url(abs(env, page.scope.htmlPath)),
    updated: parseDate(page.lastModified, `${selfUrl} last-modified`),
    generator: false,
    docs: RSS_DOCS,
    language: checkLanguage(settings.language, "settings.language"),
    feedLinks: { rss: p.url(selfUrl) },
    hub: settings.websubHub === null ? undefined : p.url(settings.websubHub),
    // <image> (url, title, link): RSS allows only GIF, JPEG or PNG there, so the icon's PNG form.
    image: p.url(abs(env, ICON_PNG_PATH)),
  });
  const items = page.articles.map((a) => cachedItem(cache, a, (x) => renderItem(env, x), xmlContent));

  // The frame: the document without items, which the items then fill in (see items.ts).
  let xml = feed.rss2();
  xml = replaceOnce(xml, /<rss version="2\.0"[^>]*>/, () => rssRoot(page));
  // Its real size: without width and height a reader takes the default 88x31 and squashes it.
  xml = replaceOnce(
    xml,
    /<\/image>/,
    (m) => `    <width>${ICON_PNG_SIZE}</width>\n            <height>${ICON_PNG_SIZE}</height>\n        ${m}`,
  );
  xml = replaceOnce(
    xml,
    /<atom:link href="[^"]*" rel="self" type="application\/rss\+xml"\/>/,
    (m) => m + pagingXml(env, page),
  );
  xml = `${p.fill(xml)}\n`;
  assertWellFormed(xml, selfUrl);
  return spliceItems(xml, "\n    </channel>", "\n        ", items);
}

/** One `<item>` as the package lays it out inside a channel, placeholders filled, but for its content. */
function renderItem(env: FeedEnv, a: Article): HeldItem {
  const p = placeholders();
  const feed = new Feed({ ...ITEM_FRAME, link: p.url(abs(env, "/")) });
  feed.addItem(rssItem(env, a, p));
  const what = `${a.file} RSS item`;
  return splitAtHole(soleElement(withRssSource(p.fill(feed.rss2()), a), "item", what), what);
}

// Channel fields for rendering one item alone: fixed (the item's bytes do not depend on them).
const ITEM_FRAME = { id: "", title: "", updated: new Date(0), generator: false as const };

/** Declares every namespace the document may use, whatever the package decided to declare. */
function rssRoot(page: FeedPage): string {
  const fh = page.archive === null ? "" : ` xmlns:fh="${FH_NS}"`;
  return `<rss version="2.0" xmlns:atom="${ATOM_NS}" xmlns:content="${CONTENT_NS}" xmlns:dc="${DC_NS}"${fh}>`;
}

function rssItem(env: FeedEnv, a: Article, p: ReturnType<typeof placeholders>) {
  return {
    title: p.text(a.title),
    link: p.url(articleUrl(env, a)),
    guid: p.text(a.id),
    // RSS has one date per item, and it means "published": an article whose publication date is unknown
    // gets none (RSS allows that), so no reader shows the day it was captured as the day it appeared.
    // Readers then fall back to when they first saw it, and the channel's order stays the site's order.
    date: (a.dateSource === "captured" ? undefined : parseDate(a.date, `${a.file} date`)) as Date,
    description: a.summary === "" ? undefined : p.text(plainTextToHtml(a.summary)),
    content: p.hole(),
    category: a.tags.map((slug) => ({
      name: p.text(tagOf(env, slug, a).name),
      domain: p.url(abs(env, "/tags/")),
    })),
    extensions:
      a.authors.length === 0
        ? undefined
        : [{ name: "dc:creator", objects: { _text: p.text(a.authors.join(", ")) } }],
  };
}

function pagingXml(env: FeedEnv, page: FeedPage): string {
  const links = pageLinks(page);
  const out: string[] = [];
  const link = (rel: string, archive: number | null) =>
    out.push(emptyElement("atom:link", { href: pageUrl(env, page, archive, "rss"), rel, type: RSS_TYPE }));
  if (links.current !== undefined) link("current", null);
  if (links.prevArchive !== undefined) link("prev-archive", links.prevArchive);
  if (links.nextArchive !== undefined) link("next-archive", links.nextArchive);
  if (page.archive !== null) out.push("<fh:archive/>");
  return out.map((s) => `\n        ${s}`).join("");
}
