// A saved feed (RSS 2.0, RSS 1.0/RDF, Atom 1.0, JSON Feed 1.0/1.1), parsed by feedsmith: each item is
// an article. Its slug comes from the feed's own address and the item's guid/id (or link), never from
// the file name, so renaming or re-saving the file keeps every item's id.
import { createHash } from "node:crypto";
import { parseFeed } from "feedsmith";
import { slugify } from "../../enrich/identity";
import { parseDocument } from "../../extract/html-dom";
import { date } from "../../extract/html-meta";
import { htmlUnits, sanitizeArticle } from "../../extract/html-units";
import { collapse } from "../../extract/text";
import type { GivenMeta } from "../frontmatter";
import type { Format, Problem, SourceArticle, SourceRead } from "./types";

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
/** A string out of a value, an Atom text construct ({value}) or an RSS guid ({value}). */
const s = (v: unknown): string | undefined => {
  const x =
    typeof v === "string" ? v : typeof rec(v).value === "string" ? (rec(v).value as string) : undefined;
  return x !== undefined && x.trim() !== "" ? x.trim() : undefined;
};
const plain = (html: string): string | undefined =>
  collapse(parseDocument(`<!doctype html><html><body>${html}</body></html>`).body.textContent ?? "") ||
  undefined;

function resolve(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const u = base ? new URL(href, base) : new URL(href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function atomLink(links: unknown): string | undefined {
  const all = list(links).map(rec);
  const alt = all.find((l) => l.rel === undefined || l.rel === "alternate") ?? all[0];
  return s(alt?.href);
}

interface Item {
  id?: string;
  link?: string;
  title?: string;
  html?: string;
  text?: string;
  published?: string;
  updated?: string;
  authors: string[];
}

function names(v: unknown): string[] {
  return list(v)
    .map((a) => (typeof a === "string" ? a : s(rec(a).name)))
    .filter((x): x is string => typeof x === "string" && x.trim() !== "")
    .map(collapse);
}

function items(format: string, feed: Rec): { title?: string; link?: string; id?: string; items: Item[] } {
  if (format === "atom") {
    return {
      title: s(feed.title),
      link: atomLink(feed.links),
      id: s(feed.id),
      items: list(feed.entries).map((e0) => {
        const e = rec(e0);
        const content = rec(e.content);
        const html = content.type === "text" ? undefined : (s(content) ?? s(e.summary));
        return {
          id: s(e.id),
          link: atomLink(e.links),
          title: rec(e.title).type === "html" ? plain(s(e.title) ?? "") : s(e.title),
          ...(html ? { html } : { text: s(content) ?? s(e.summary) }),
          published: s(e.published),
          updated: s(e.updated),
          authors: names(e.authors),
        };
      }),
    };
  }
  if (format === "json") {
    return {
      title: s(feed.title),
      link: s(feed.home_page_url) ?? s(feed.feed_url),
      id: s(feed.feed_url),
      items: list(feed.items).map((i0) => {
        const i = rec(i0);
        return {
          id: s(i.id) ?? (typeof i.id === "number" ? String(i.id) : undefined),
          link: s(i.url),
          title: s(i.title),
          html: s(i.content_html),
          text: s(i.content_text) ?? s(i.summary),
          published: s(i.date_published),
          updated: s(i.date_modified),
          authors: names(i.authors ?? i.author),
        };
      }),
    };
  }
  // RSS 2.0 and RSS 1.0 (RDF): the same item shape, with Dublin Core for dates and creators.
  return {
    title: s(feed.title),
    link: s(feed.link),
    id: s(feed.link),
    items: list(feed.items).map((i0) => {
      const i = rec(i0);
      const dc = rec(i.dc);
      return {
        id: s(i.guid) ?? s(rec(i.rdf).about),
        link: s(i.link),
        // RSS titles may carry escaped HTML ("Market &lt;em&gt;reopens"): readers show it as text.
        title: plain(s(i.title) ?? ""),
        html: s(rec(i.content).encoded) ?? s(i.description),
        published: s(i.pubDate) ?? s(list(dc.dates)[0]) ?? s(dc.date),
        authors: [...names(i.authors), ...names(dc.creators ?? dc.creator)],
      };
    }),
  };
}

const lineOf = (text: string, needle: string | undefined): number =>
  needle && text.indexOf(needle) >= 0 ? text.slice(0, text.indexOf(needle)).split("\n").length : 1;

function readFeed(text: string): SourceRead {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  let parsed: { format: string; feed: unknown };
  try {
    const input: unknown = /^\s*[{[]/.test(text) ? JSON.parse(text) : text;
    parsed = parseFeed(input as string) as { format: string; feed: unknown };
  } catch (e) {
    problems.push({
      line: 1,
      message: `is not a feed that can be read (${e instanceof Error ? e.message : String(e)})`,
      fix: "save the feed again from its address (RSS 2.0, RSS 1.0, Atom 1.0 or JSON Feed), or remove the file",
    });
    return { articles: [], problems, warnings };
  }
  const f = items(parsed.format, rec(parsed.feed));
  const namespace = f.link ?? f.id ?? f.title ?? "";
  const source = slugify(resolve(namespace, undefined) ? new URL(namespace).hostname : namespace) || "feed";
  const seen = new Set<string>();
  const articles: SourceArticle[] = [];
  for (const [n, it] of f.items.entries()) {
    const link = resolve(it.link, f.link);
    const key = it.id ?? link;
    const line = lineOf(text, it.id ?? it.link ?? it.title);
    const where = `item ${n + 1}${it.title ? ` ("${it.title.slice(0, 60)}")` : ""}`;
    if (!key) {
      warnings.push({
        line,
        message: `${where} has no guid, id or link, so it gets no stable id; it was left out`,
        fix: "ask the publisher for item ids, or save the article itself as a page",
      });
      continue;
    }
    if (seen.has(key)) {
      warnings.push({
        line,
        message: `${where} repeats the id "${key}" of an earlier item; it was left out`,
        fix: "keep one copy of the item",
      });
      continue;
    }
    seen.add(key);
    const units = it.html ? htmlUnits(sanitizeArticle(it.html), link ?? null, text) : [];
    const body = units.length ? units.map((u) => u.text).join("\n\n") : collapse(it.text ?? "");
    if (body === "") {
      warnings.push({
        line,
        message: `${where} has no content; it was left out`,
        fix: "save the article itself as a page",
      });
      continue;
    }
    const published = date(it.published);
    const updated = date(it.updated);
    const declared: GivenMeta = {
      ...(it.title ? { title: it.title } : {}),
      ...(published ? { published } : updated ? { published: updated } : {}),
      ...(updated ? { updated } : {}),
      ...(it.authors.length ? { authors: [...new Set(it.authors)] } : {}),
      ...(f.title ? { publisher: f.title } : {}),
      ...(link ? { url: link } : {}),
    };
    const hash = createHash("sha1").update(`${namespace}\n${key}`).digest("hex").slice(0, 12);
    articles.push({
      key,
      slug: `${source}-${hash}`,
      given: {},
      givenLines: {},
      declared,
      declaredLines: { published: line, updated: line },
      keywords: [],
      titleHint: null,
      ingest: units.length
        ? { body, format: "html", firstLine: line, units }
        : { body: it.text ?? "", format: "text", firstLine: line },
    });
  }
  if (articles.length === 0 && problems.length === 0) {
    problems.push({
      line: 1,
      message: "is a feed with no usable items",
      fix: "save the feed again when it has items, or remove the file",
    });
  }
  return { articles, problems, warnings };
}

export const feed: Format = {
  name: "feed",
  extensions: [".xml", ".rss", ".atom", ".json"],
  read: readFeed,
};
