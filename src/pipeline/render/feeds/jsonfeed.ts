// JSON Feed 1.1, written by hand: the `feed` package only speaks 1.0 (`author`, no `authors`,
// `language` or `hubs`). Objects are built in a fixed key order so the same input gives the same bytes.

import type { Article } from "../../../shared/types";
import { ICON_PATH } from "../html/layout";
import { abs, articleUrl, externalUrl, type FeedEnv, pageUrl, tagOf } from "./context";
import { parseDate } from "./dates";
import { cachedItem, type HeldItem, type ItemCache } from "./items";
import { type FeedPage, pageLinks } from "./plan";
import { type JsonFeedSourceEntry, jsonSources } from "./sources";
import { cleanText } from "./text";
import { checkLanguage } from "./xml";

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";
/** What the `_source` extension means; JSON Feed asks extensions to name such a document. */
export const SOURCE_EXTENSION_ABOUT = "https://jsonfeed.org/version/1.1";

export interface JsonFeedRelated {
  id: string;
  url: string;
  title: string;
}

/** `_source`: where an item came from and how it was dated (JSON Feed allows `_`-prefixed keys). */
export interface JsonFeedSource {
  about: string;
  publisher: string | null;
  file: string;
  date_source: Article["dateSource"];
  captured: string | null;
  story: string;
  /** Every copy the article was built from (more than one when copies were merged), kept copy first. */
  sources: JsonFeedSourceEntry[];
}

export interface JsonFeedItem {
  id: string;
  url: string;
  external_url?: string;
  title: string;
  summary: string;
  content_html: string;
  date_published?: string;
  date_modified: string;
  authors?: { name: string }[];
  tags: string[];
  language: string;
  _source: JsonFeedSource;
}

export interface JsonFeedDocument {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  icon: string;
  favicon: string;
  language: string;
  authors: { name: string; url: string }[];
  hubs?: { type: string; url: string }[];
  next_url?: string;
  items: JsonFeedItem[];
}

function rfc3339(value: string, where: string): string {
  parseDate(value, where);
  return value;
}

function jsonItem(env: FeedEnv, a: Article): JsonFeedItem {
  const external = externalUrl(a);
  const item: JsonFeedItem = {
    id: cleanText(a.id),
    url: articleUrl(env, a),
    ...(external === undefined ? {} : { external_url: external }),
    title: cleanText(a.title),
    summary: cleanText(a.summary),
    content_html: cleanText(a.contentHtml),
    ...(a.published === null ? {} : { date_published: rfc3339(a.published, `${a.file} published`) }),
    date_modified: rfc3339(a.updated ?? a.date, `${a.file} ${a.updated === null ? "date" : "updated"}`),
    ...(a.authors.length === 0 ? {} : { authors: a.authors.map((name) => ({ name: cleanText(name) })) }),
    tags: a.tags.map((slug) => cleanText(tagOf(env, slug, a).name)),
    language: checkLanguage(a.language, `${a.file} language`),
    _source: {
      about: SOURCE_EXTENSION_ABOUT,
      publisher: a.publisher === null ? null : cleanText(a.publisher),
      file: cleanText(a.file),
      date_source: a.dateSource,
      captured: a.captured,
      // No related list here: it is scored against the whole corpus, so any arrival may reorder it, and
      // an archived item must never change. The story id groups captures; pages and the API list them.
      story: cleanText(a.story),
      // Added after the fields above, which keep their names and order for existing consumers.
      sources: jsonSources(a),
    },
  };
  return item;
}

export function jsonFeedDocument(env: FeedEnv, page: FeedPage): JsonFeedDocument {
  const { settings } = env.site;
  const older = pageLinks(page).prevArchive;
  return {
    version: JSON_FEED_VERSION,
    title: cleanText(page.scope.title),
    home_page_url: abs(env, page.scope.htmlPath),
    feed_url: pageUrl(env, page, page.archive, "json"),
    description: cleanText(page.scope.description),
    // The site's icon, square and scalable: fit for both the large `icon` and the small `favicon`.
    icon: abs(env, ICON_PATH),
    favicon: abs(env, ICON_PATH),
    language: checkLanguage(settings.language, "settings.language"),
    authors: [{ name: cleanText(settings.title), url: abs(env, "/") }],
    ...(settings.websubHub === null ? {} : { hubs: [{ type: "WebSub", url: settings.websubHub }] }),
    // JSON Feed paging walks backwards in time: subscription -> newest archive page -> ... -> page 1.
    ...(older === undefined ? {} : { next_url: pageUrl(env, page, older, "json") }),
    items: page.articles.map((a) => jsonItem(env, a)),
  };
}

/**
 * An item's JSON around its `content_html` value: JSON.stringify of the item, whose keys come in a fixed
 * order, is the same bytes as the keys before it, the value, and the keys after it.
 */
function heldItem(env: FeedEnv, a: Article): HeldItem {
  const entries = Object.entries(jsonItem(env, a));
  const at = entries.findIndex(([key]) => key === "content_html");
  if (at < 1 || at >= entries.length - 1)
    throw new Error("feed renderer: JSON Feed content_html is not inside");
  const head = JSON.stringify(Object.fromEntries(entries.slice(0, at)));
  const tail = JSON.stringify(Object.fromEntries(entries.slice(at + 1)));
  return { head: `${head.slice(0, -1)},"content_html":`, tail: `,${tail.slice(1)}` };
}

const jsonContent = (a: Article): string => JSON.stringify(cleanText(a.contentHtml));

export function renderJsonFeed(env: FeedEnv, page: FeedPage, cache: ItemCache = new Map()): string {
  // `items` is the document's last key, so the serialised frame ends with `[]}` and each item's JSON,
  // serialised once per article, goes between the brackets: the same bytes as serialising it all.
  const items = page.articles.map((a) => cachedItem(cache, a, (x) => heldItem(env, x), jsonContent));
  const frame = JSON.stringify(jsonFeedDocument(env, { ...page, articles: [] }));
  if (!frame.endsWith("[]}")) throw new Error("feed renderer: JSON Feed items are not the last key");
  return `${frame.slice(0, -3)}[${items.join(",")}]}\n`;
}
