// A saved feed (RSS 2.0, RSS 1.0/RDF, Atom 1.0, JSON Feed 1.0/1.1), parsed by feedsmith: each item is
// an article. Its slug comes from the feed's own address and the item's guid/id (or link), never from
// the file name, so renaming or re-saving the file keeps every item's id.
import { createHash } from "node:crypto";
import { XMLValidator } from "fast-xml-parser";
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

const selfLink = (links: unknown): string | undefined =>
  s(
    list(links)
      .map(rec)
      .find((l) => l.rel === "self")?.href,
  );

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

interface Channel {
  title?: string;
  link?: string;
  id?: string;
  /** The feed document's own address, when it declares one. */
  self?: string;
  items: Item[];
}

function items(format: string, feed: Rec): Channel {
  if (format === "atom") {
    return {
      title: s(feed.title),
      link: atomLink(feed.links),
      id: s(feed.id),
      self: selfLink(feed.links),
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
      self: s(feed.feed_url),
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
    self: selfLink(rec(feed.atom).links) ?? s(rec(feed.rdf).about),
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
  const malformed = wellFormed(text);
  if (malformed) return { articles: [], problems: [malformed], warnings };
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
    const impossible = [it.published, it.updated].find((d) => d !== undefined && !realDay(d));
    if (impossible !== undefined) {
      warnings.push({
        line: lineOf(text, impossible),
        message: `${where} is dated "${impossible}", a day the calendar does not have; it was left out`,
        fix: "ask the publisher to fix the item's date, or save the article itself as a page with its real date",
      });
      continue;
    }
    const unread = [it.published, it.updated].find((d) => d !== undefined && readDate(d) === null);
    if (unread !== undefined) {
      warnings.push({
        line: lineOf(text, unread),
        message: `${where} is dated "${unread}", which is not a date this build reads (RFC 822 or RFC 3339 with a time zone); the item is dated by the feed's \`captured\` date instead`,
        fix: "give the feed a sidecar with `captured: YYYY-MM-DD` if it has none, or save the article itself as a page",
      });
    }
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
    const published = readDate(it.published);
    const updated = readDate(it.updated);
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
      origin: {
        kind: "feed",
        title: f.title ?? source,
        // Atom feeds carry a permanent id; RSS and JSON Feed have none, so their address stands for it.
        id: (parsed.format === "atom" ? f.id : (f.self ?? f.id)) ?? f.self ?? null,
        link: resolve(f.link, undefined) ?? null,
        feedUrl: resolve(f.self, f.link) ?? null,
      },
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
    problems.push(
      f.items.length === 0
        ? {
            line: 1,
            message: "is a feed with no usable items",
            fix: "save the feed again when it has items, or remove the file",
          }
        : {
            line: 1,
            message: `is a feed whose ${f.items.length === 1 ? "only item was" : `${f.items.length} items were all`} left out (see the warnings)`,
            fix: "save the feed again when it has usable items, or remove the file",
          },
    );
  }
  return { articles, problems, warnings };
}

/**
 * Not well-formed XML or JSON, at the line where the parser stopped. feedsmith recovers from some
 * broken markup silently, and a document that is not well-formed is not a feed whatever a lenient
 * parser makes of it, so this runs first.
 */
function wellFormed(text: string): Problem | null {
  const fix =
    "save the feed again from its address (a truncated download or a hand edit breaks it), or remove the file";
  if (/^\s*[{[]/.test(text)) {
    try {
      JSON.parse(text);
      return null;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const at = /position (\d+)/.exec(msg);
      const line = at ? text.slice(0, Number(at[1])).split("\n").length : 1;
      return {
        line,
        message: `is not well-formed JSON (${msg.replace(/ in JSON at position \d+.*$/, "")})`,
        fix,
      };
    }
  }
  if (!/^\s*</.test(text)) return null; // not markup at all: feedsmith says what it is not
  const r = XMLValidator.validate(text);
  if (r === true) return null;
  return { line: r.err.line, message: `is not well-formed XML (${r.err.msg})`, fix };
}

// RFC 822 §5.1 zone names, which RSS dates use and the shared date reader does not take.
const RFC822_ZONES: Record<string, string> = {
  UT: "+0000",
  EST: "-0500",
  EDT: "-0400",
  CST: "-0600",
  CDT: "-0500",
  MST: "-0700",
  MDT: "-0600",
  PST: "-0800",
  PDT: "-0700",
};

function readDate(v: string | undefined): string | null {
  if (v === undefined) return null;
  return date(
    v.trim().replace(/\s([A-Z]{2,3})$/, (m, z: string) => (RFC822_ZONES[z] ? ` ${RFC822_ZONES[z]}` : m)),
  );
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * False for a date naming a day the calendar does not have (`30 Feb`, `2026-02-30`): JavaScript's own
 * parser rolls those over to the next month, which would date the item wrongly rather than refuse it.
 */
function realDay(v: string): boolean {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(v.trim());
  const rfc = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})/.exec(v);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : rfc
      ? [Number(rfc[3]), MONTHS.indexOf((rfc[2] ?? "").toLowerCase()) + 1, Number(rfc[1])]
      : [0, 0, 0];
  if (y === 0) return true; // another shape: date() decides
  const t = new Date(Date.UTC(y, m - 1, d));
  return m >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export const feed: Format = {
  name: "feed",
  extensions: [".xml", ".rss", ".atom", ".json"],
  read: readFeed,
};
