// Atom 1.0 through the `feed` package, corrected where the package is wrong: text constructs are
// declared `type="text"` (the package says "html" around raw text, so a bare `&` vanishes in readers),
// every category has term + label, dates never default to the wall clock, xml:lang is set, and RFC 5005
// paging links plus `<fh:archive/>` are added, and each entry says where it came from (sources.ts).

import { Feed } from "feed";
import type { Article } from "../../../shared/types";
import { ICON_PATH } from "../html/layout";
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
import { withAtomSource } from "./sources";
import { placeholders } from "./tokens";
import { assertWellFormed, checkLanguage, emptyElement, replaceOnce } from "./xml";

export const ATOM_NS = "http://www.w3.org/2005/Atom";
export const FH_NS = "http://purl.org/syndication/history/1.0";
const ATOM_TYPE = "application/atom+xml";

export function renderAtom(env: FeedEnv, page: FeedPage, cache: ItemCache = new Map()): string {
  const p = placeholders();
  const { settings } = env.site;
  const language = checkLanguage(settings.language, "settings.language");
  const selfUrl = pageUrl(env, page, page.archive, "atom");
  const feed = new Feed({
    // One logical feed, one id: archive pages share the subscription document's id.
    id: p.text(pageUrl(env, page, null, "atom")),
    title: p.text(page.scope.title),
    description: page.scope.description === "" ? undefined : p.text(page.scope.description),
    updated: parseDate(page.lastModified, `${selfUrl} last-modified`),
    generator: false,
    link: p.url(abs(env, page.scope.htmlPath)),
    feedLinks: { atom: p.url(selfUrl) },
    hub: settings.websubHub === null ? undefined : p.url(settings.websubHub),
    // <icon> and <logo> (RFC 4287 4.2.5, 4.2.8): readers show the site's icon beside the feed.
    favicon: p.url(abs(env, ICON_PATH)),
    image: p.url(abs(env, ICON_PATH)),
    // A feed-level author makes every entry valid even when the article names nobody.
    author: { name: p.text(settings.title), link: p.url(abs(env, "/")) },
  });
  const entries = page.articles.map((a) =>
    cachedItem(cache, a, (x) => renderEntry(env, x, language), xmlContent),
  );

  // The frame: the document without entries, which the entries then fill in (see items.ts).
  let xml = feed.atom1();
  const rootAttrs = ` xml:lang="${language}"${page.archive === null ? "" : ` xmlns:fh="${FH_NS}"`}`;
  xml = replaceOnce(xml, `<feed xmlns="${ATOM_NS}">`, `<feed xmlns="${ATOM_NS}"${rootAttrs}>`);
  xml = xml.replace(/<(title|summary) type="html">/g, '<$1 type="text">');
  xml = replaceOnce(xml, /<link rel="self" href="[^"]*"\/>/, (m) => m + pagingXml(env, page));
  xml = `${p.fill(xml)}\n`;
  assertWellFormed(xml, selfUrl);
  return spliceItems(xml, "\n</feed>", "\n    ", entries);
}

/** One `<entry>` as the package lays it out inside a feed, corrected and with placeholders filled. */
function renderEntry(env: FeedEnv, a: Article, language: string): HeldItem {
  const p = placeholders();
  const feed = new Feed({ ...ENTRY_FRAME, link: p.url(abs(env, "/")) });
  feed.addItem(atomItem(env, a, p));
  let xml = feed.atom1().replace(/<(title|summary) type="html">/g, '<$1 type="text">');
  const lang = checkLanguage(a.language, `${a.file} language`);
  if (lang !== language) xml = replaceOnce(xml, "<entry>", `<entry xml:lang="${lang}">`);
  const what = `${a.file} Atom entry`;
  return splitAtHole(soleElement(withAtomSource(p.fill(xml), a), "entry", what), what);
}

// Feed fields for rendering one entry alone: fixed (the entry's bytes do not depend on them).
const ENTRY_FRAME = { id: "", title: "", updated: new Date(0), generator: false as const };

function atomItem(env: FeedEnv, a: Article, p: ReturnType<typeof placeholders>) {
  return {
    title: p.text(a.title),
    id: p.url(a.id),
    link: p.url(articleUrl(env, a)),
    date: parseDate(a.updated ?? a.date, `${a.file} ${a.updated === null ? "date" : "updated"}`),
    published: a.published === null ? undefined : parseDate(a.published, `${a.file} published`),
    // Some readers (rss2email by default) show <summary> instead of <content>: emit it only when it tells
    // the reader something the content does not already start with (a dek, a given summary).
    description: summaryAddsToContent(a) ? p.text(a.summary) : undefined,
    content: p.hole(),
    author: a.authors.length === 0 ? undefined : a.authors.map((name) => ({ name: p.text(name) })),
    category: a.tags.map((slug) => ({
      term: p.text(slug),
      name: p.text(tagOf(env, slug, a).name),
      scheme: p.url(abs(env, "/tags/")),
    })),
  };
}

function pagingXml(env: FeedEnv, page: FeedPage): string {
  const links = pageLinks(page);
  const out: string[] = [];
  const link = (rel: string, archive: number | null) =>
    out.push(emptyElement("link", { rel, type: ATOM_TYPE, href: pageUrl(env, page, archive, "atom") }));
  if (links.current !== undefined) link("current", null);
  if (links.prevArchive !== undefined) link("prev-archive", links.prevArchive);
  if (links.nextArchive !== undefined) link("next-archive", links.nextArchive);
  if (page.archive !== null) out.push("<fh:archive/>");
  return out.map((s) => `\n    ${s}`).join("");
}

const flat = (s: string) => s.replace(/\s+/gu, " ").trim();

/** False for an empty summary or one the content starts with (a clipped first paragraph). */
export function summaryAddsToContent(a: Pick<Article, "summary" | "text">): boolean {
  const summary = flat(a.summary).replace(/\s*…$/u, "");
  return summary !== "" && !flat(a.text).startsWith(summary);
}
