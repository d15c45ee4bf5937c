// Per-article feed items, rendered once and reused. An article appears in the site feed, in every tag
// feed it carries and in their archive pages, in three formats: rendering its item again for each of
// those documents was most of the feed stage. An item's bytes depend only on the article and the site
// (never on the document it lands in: the `feed` package indents items at a fixed depth and our
// placeholders are filled per item), so each document is its frame with the cached items spliced in.

import type { Article } from "../../../shared/types";
import { escapeXml } from "./text";
import { CONTENT_HOLE } from "./tokens";
import { assertWellFormed } from "./xml";

/**
 * An item without its content: the bytes before and after the one value that makes most of its size
 * (the article's HTML, escaped for the format). The cache keeps these, and the content is escaped again
 * for each document (a cheap pass over one string, unlike laying out the item): caching whole items held
 * one copy of every article's HTML per format until the last feed page, the render stage's largest cost.
 */
export interface HeldItem {
  head: string;
  tail: string;
}

/**
 * What the cache keeps of an item: its head and tail as one UTF-8 buffer, `cut` bytes of head first.
 * About half of all items hold a character past Latin-1 (a curly quote in a title), which makes V8 store
 * the whole string at two bytes per character: as strings the caches held 8.4 MiB per 1,000 articles (420
 * MiB at 50,000, to the last feed page), as UTF-8 4.3. Decoding one again is cheap next to laying it out.
 */
interface StoredItem {
  bytes: Buffer;
  cut: number;
}

/** Rendered items by article, one map per format, living for one `renderFeeds` call. */
export type ItemCache = Map<Article, StoredItem | HeldItem>;

export interface ItemCaches {
  rss: ItemCache;
  atom: ItemCache;
  json: ItemCache;
}

export function itemCaches(): ItemCaches {
  return { rss: new Map(), atom: new Map(), json: new Map() };
}

/**
 * The item of `article`: its held parts, rendered (and, for XML, checked well-formed) on first use, around
 * `content(article)`.
 */
export function cachedItem(
  cache: ItemCache,
  article: Article,
  render: (a: Article) => HeldItem,
  content: (a: Article) => string,
): string {
  const stored = cache.get(article);
  if (stored === undefined) {
    const item = render(article);
    cache.set(article, store(item));
    return item.head + content(article) + item.tail;
  }
  if ("head" in stored) return stored.head + content(article) + stored.tail;
  const { bytes, cut } = stored;
  return bytes.toString("utf8", 0, cut) + content(article) + bytes.toString("utf8", cut);
}

/** As UTF-8 when that gives the same strings back (a lone surrogate would not: then kept as it is). */
function store(item: HeldItem): StoredItem | HeldItem {
  const bytes = Buffer.from(item.head + item.tail);
  const cut = Buffer.byteLength(item.head);
  return bytes.toString("utf8", 0, cut) === item.head && bytes.toString("utf8", cut) === item.tail
    ? { bytes, cut }
    : item;
}

/** What fills an RSS item's or Atom entry's content hole: what its text placeholder was filled with. */
export const xmlContent = (a: Article): string => escapeXml(a.contentHtml);

/** `xml` cut at its one content hole (see tokens.ts). */
export function splitAtHole(xml: string, what: string): HeldItem {
  const at = xml.indexOf(CONTENT_HOLE);
  if (at < 0 || xml.indexOf(CONTENT_HOLE, at + 1) >= 0) {
    throw new Error(`feed renderer: expected one content hole in ${what}`);
  }
  return { head: xml.slice(0, at), tail: xml.slice(at + CONTENT_HOLE.length) };
}

/**
 * The one `<tag>...</tag>` element of a document the package rendered with a single item. Placeholders
 * keep article text out of the package's output, so the tag cannot occur inside the item.
 */
export function soleElement(xml: string, tag: string, what: string): string {
  const start = xml.indexOf(`<${tag}`);
  const close = `</${tag}>`;
  const end = xml.lastIndexOf(close);
  if (start < 0 || end < start || xml.indexOf(`<${tag}`, start + 1) >= 0) {
    throw new Error(`feed renderer: expected one <${tag}> in the feed package's output for ${what}`);
  }
  const element = xml.slice(start, end + close.length);
  // Checked once here; a document is then its (checked) frame plus checked elements between its tags.
  assertWellFormed(element, what);
  return element;
}

/** Inserts `items` (each on its own line at `indent`) right before the last `before` of `frame`. */
export function spliceItems(frame: string, before: string, indent: string, items: readonly string[]): string {
  if (items.length === 0) return frame;
  const at = frame.lastIndexOf(before);
  if (at < 0) throw new Error(`feed renderer: no ${JSON.stringify(before)} in the feed package's output`);
  let middle = "";
  for (const item of items) middle += `${indent}${item}`;
  return frame.slice(0, at) + middle + frame.slice(at);
}
