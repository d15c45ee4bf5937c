// Finds what to check from the site itself: OPML outlines, HTML autodiscovery links, RFC 5005 archive
// links. Nothing is hard-coded beyond the entry points, so a new tag is covered without editing this.
import { type FeedFormat, formatOfMime, formatOfPath } from "./formats";
import { attr, kids, parseXml, wellFormed, type XNode } from "./xml";

export interface FeedRef {
  url: string;
  format: FeedFormat;
}

export function opmlFeeds(opml: string, base: string): FeedRef[] {
  if (wellFormed(opml)) return [];
  const out: FeedRef[] = [];
  const walk = (node: XNode) => {
    for (const o of kids(node, "outline")) {
      const xmlUrl = attr(o, "xmlUrl");
      if (xmlUrl) {
        const url = new URL(xmlUrl, base).href;
        // OPML's `type` is "rss" for every kind of feed by convention, so the path decides first.
        const format = formatOfPath(new URL(url).pathname) ?? formatOfMime(attr(o, "type"));
        if (format) out.push({ url, format });
      }
      walk(o);
    }
  };
  for (const opmlNode of kids(parseXml(opml), "opml")) for (const body of kids(opmlNode, "body")) walk(body);
  return out;
}

/** Attributes of every start tag named `tag` in an HTML string (enough for <link> and <a>). */
export function htmlTags(html: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const tagRe = new RegExp(`<${tag}\\b([^>]*)>`, "gi");
  for (const m of html.matchAll(tagRe)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? "").matchAll(/([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g))
      attrs[(a[1] ?? "").toLowerCase()] = decodeHtmlAttr(a[2] ?? a[3] ?? a[4] ?? "");
    out.push(attrs);
  }
  return out;
}

function decodeHtmlAttr(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export function autodiscoveryFeeds(html: string, pageUrl: string): FeedRef[] {
  const out: FeedRef[] = [];
  for (const l of htmlTags(html, "link")) {
    const rels = (l.rel ?? "").toLowerCase().split(/\s+/);
    const format = formatOfMime(l.type);
    if (rels.includes("alternate") && format && l.href)
      out.push({ url: new URL(l.href, pageUrl).href, format });
  }
  return out;
}

const ARCHIVE_RELS = new Set(["prev-archive", "next-archive", "current", "prev", "next"]);

/** RFC 5005 paging/archive links in an RSS (atom:link) or Atom feed, same origin only. */
export function archiveLinks(xml: string, feedUrl: string): string[] {
  const origin = new URL(feedUrl).origin;
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:atom:)?link\b[^>]*>/g)) {
    const a = htmlTags(m[0].replace(/^<atom:link/, "<link"), "link")[0] ?? {};
    if (a.rel && ARCHIVE_RELS.has(a.rel) && a.href) {
      const u = new URL(a.href, feedUrl);
      if (u.origin === origin) out.push(u.href);
    }
  }
  return out;
}

/**
 * The other formats of a feed, as its `Link` header announces them (`<url>; rel="alternate";
 * type="application/atom+xml"`, RFC 8288). The OPML lists each feed once, in one format: this is how
 * the validators still reach all three without guessing paths.
 */
export function linkAlternates(link: string | null | undefined, feedUrl: string): FeedRef[] {
  const out: FeedRef[] = [];
  for (const m of (link ?? "").matchAll(/<([^>]*)>((?:\s*;\s*[^;,=]+=(?:"[^"]*"|[^;,]*))*)/g)) {
    const params = new Map<string, string>();
    for (const p of (m[2] ?? "").matchAll(/;\s*([^;,=\s]+)\s*=\s*(?:"([^"]*)"|([^;,]*))/g))
      params.set((p[1] ?? "").toLowerCase(), (p[2] ?? p[3] ?? "").trim());
    const rels = (params.get("rel") ?? "").toLowerCase().split(/\s+/);
    const format = formatOfMime(params.get("type"));
    if (rels.includes("alternate") && format) out.push({ url: new URL(m[1] ?? "", feedUrl).href, format });
  }
  return out;
}

/** The three formats of one feed share a directory; given one, name all three. */
export function siblings(url: string): FeedRef[] {
  const dir = url.slice(0, url.lastIndexOf("/") + 1);
  return [
    { url: `${dir}feed.xml`, format: "rss" },
    { url: `${dir}atom.xml`, format: "atom" },
    { url: `${dir}feed.json`, format: "json" },
  ];
}
