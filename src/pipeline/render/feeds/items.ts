// Per-article feed items, rendered once and reused. An article appears in the site feed, in every tag
// feed it carries and in their archive pages, in three formats: rendering its item again for each of
// those documents was most of the feed stage. An item's bytes depend only on the article and the site
// (never on the document it lands in: the `feed` package indents items at a fixed depth and our
// placeholders are filled per item), so each document is its frame with the cached items spliced in.

import type { Article } from "../../../shared/types";
import { assertWellFormed } from "./xml";

/** Rendered items by article, one map per format, living for one `renderFeeds` call. */
export type ItemCache = Map<Article, string>;

export interface ItemCaches {
  rss: ItemCache;
  atom: ItemCache;
  json: ItemCache;
}

export function itemCaches(): ItemCaches {
  return { rss: new Map(), atom: new Map(), json: new Map() };
}

/** The cached item of `article`, rendered (and, for XML, checked well-formed) on first use. */
export function cachedItem(cache: ItemCache, article: Article, render: (a: Article) => string): string {
  let item = cache.get(article);
  if (item === undefined) {
    item = render(article);
    cache.set(article, item);
  }
  return item;
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
