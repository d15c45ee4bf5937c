// Attribution in the feeds: where each article came from. Atom and RSS allow ONE `<source>` per item, so
// it names the article's first feed source (a real feed, with an id), else its first source; Atom also
// links every copy's own address with `rel="via"` (RFC 4287 §4.2.7.2: "a resource that is the source of
// the information provided in the containing element"), and JSON Feed lists every source.

import type { Article, ArticleSource } from "../../../shared/types";
import { cleanText, escapeXml } from "./text";
import { emptyElement } from "./xml";

const isHttp = (v: string | null): v is string => {
  if (v === null) return false;
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
};

/** An IRI as Atom's `id` needs it: any absolute one (`tag:`, `urn:`, `https:`), never a bare word. */
const isIri = (v: string | null): v is string => v !== null && /^[a-z][a-z0-9+.-]*:\S+$/i.test(v);

/** The source `<source>` names: the first that is a feed, else the first. */
export function mainSource(a: Article): ArticleSource | undefined {
  return a.sources.find((s) => s.kind === "feed") ?? a.sources[0];
}

/**
 * Atom `<source>` (RFC 4287 §4.2.11): the source feed's id, title and links. A saved page or pasted
 * capture has no feed: its source gives only what is known (the site's name and home page), no id.
 */
function atomSource(s: ArticleSource, indent: string): string {
  const inner: string[] = [];
  if (s.kind === "feed" && isIri(s.id)) inner.push(`<id>${escapeXml(s.id)}</id>`);
  if (s.title !== "") inner.push(`<title type="text">${escapeXml(s.title)}</title>`);
  if (isHttp(s.link)) inner.push(emptyElement("link", { rel: "alternate", href: s.link }));
  if (isHttp(s.feedUrl)) inner.push(emptyElement("link", { rel: "self", href: s.feedUrl }));
  if (inner.length === 0) return "";
  return `${indent}<source>${inner.map((x) => `${indent}    ${x}`).join("")}${indent}</source>`;
}

/** Inserts the entry's `via` links and `<source>` before its closing tag, at the package's indent. */
export function withAtomSource(xml: string, a: Article): string {
  const at = xml.lastIndexOf("</entry>");
  if (at < 0) throw new Error(`feed renderer: no </entry> for ${a.file}`);
  const indent = `${xml.slice(xml.lastIndexOf("\n", at), at)}    `;
  const vias = [...new Set(a.sources.map((s) => s.url).filter(isHttp))];
  const main = mainSource(a);
  const add =
    vias.map((href) => `${indent}${emptyElement("link", { rel: "via", href })}`).join("") +
    (main === undefined ? "" : atomSource(main, indent));
  const close = xml.lastIndexOf("\n", at);
  return xml.slice(0, close) + add + xml.slice(close);
}

/** RSS 2.0 `<source url="...">title</source>`: `url` is the source's feed, else its site, else the copy. */
export function withRssSource(xml: string, a: Article): string {
  const s = mainSource(a);
  const url = [s?.feedUrl ?? null, s?.link ?? null, s?.url ?? null].find(isHttp);
  if (s === undefined || url === undefined || s.title === "") return xml;
  const at = xml.lastIndexOf("</item>");
  if (at < 0) throw new Error(`feed renderer: no </item> for ${a.file}`);
  const close = xml.lastIndexOf("\n", at);
  const indent = `${xml.slice(close, at)}    `;
  return `${xml.slice(0, close)}${indent}<source url="${escapeXml(url)}">${escapeXml(s.title)}</source>${xml.slice(close)}`;
}

/** One source in JSON Feed's `_source.sources`, with JSON Feed's own names for its fields. */
export interface JsonFeedSourceEntry {
  kind: ArticleSource["kind"];
  title: string;
  id?: string;
  home_page_url?: string;
  feed_url?: string;
  url?: string;
  file: string;
}

export function jsonSources(a: Article): JsonFeedSourceEntry[] {
  return a.sources.map((s) => ({
    kind: s.kind,
    title: cleanText(s.title),
    ...(s.id === null ? {} : { id: cleanText(s.id) }),
    ...(isHttp(s.link) ? { home_page_url: s.link } : {}),
    ...(isHttp(s.feedUrl) ? { feed_url: s.feedUrl } : {}),
    ...(isHttp(s.url) ? { url: s.url } : {}),
    file: cleanText(s.file),
  }));
}
