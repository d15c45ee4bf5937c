// Format rules per feed, as pure functions: document text + its own URL in, a list of problems and the
// item ids out (ids are compared across formats afterwards).
import { isRfc822, isRfc3339 } from "./dates";
import { JSON_FEED_VERSION } from "./formats";
import { attr, isAbsoluteHttpUrl, kid, kids, parseXml, text, wellFormed, type XNode } from "./xml";

export interface FeedCheck {
  /** Rule name -> problems (empty: the rule passed). */
  rules: Record<string, string[]>;
  ids: string[];
  titles: string[];
}

function dupes(xs: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(xs.filter((x) => seen.has(x) || !seen.add(x)))];
}

function xmlFailure(rule: string, problem: string): FeedCheck {
  return { rules: { [rule]: [problem] }, ids: [], titles: [] };
}

export function checkRss(body: string, selfUrl: string): FeedCheck {
  const wf = wellFormed(body);
  if (wf) return xmlFailure("XML well-formed", wf);
  const doc = parseXml(body);
  const rss = kid(doc, "rss");
  const channel = kid(rss, "channel");
  if (!rss || !channel) return xmlFailure("RSS 2.0 root", "no <rss><channel>");
  const items = kids(channel, "item");
  const r: Record<string, string[]> = {
    "XML well-formed": [],
    "rss version 2.0": attr(rss, "version") === "2.0" ? [] : [`version=${attr(rss, "version")}`],
    "channel title, link, description": ["title", "link", "description"]
      .filter((n) => !kid(channel, n))
      .map((n) => `missing <${n}>`),
    "atom:link rel=self equals URL": [],
    "one author per item": [],
    "guid present": [],
    "absolute links": [],
    "pubDate RFC 822": [],
    "item title or description": [],
  };
  const selves = kids(channel, "atom:link").filter((l) => attr(l, "rel") === "self");
  if (selves.length !== 1) r["atom:link rel=self equals URL"]?.push(`${selves.length} self links`);
  else if (attr(selves[0], "href") !== selfUrl)
    r["atom:link rel=self equals URL"]?.push(`href=${attr(selves[0], "href")} expected ${selfUrl}`);
  if (!isAbsoluteHttpUrl(text(kid(channel, "link"))))
    r["absolute links"]?.push(`channel link ${text(kid(channel, "link"))}`);
  for (const d of [...kids(channel, "pubDate"), ...kids(channel, "lastBuildDate")])
    if (!isRfc822(text(d))) r["pubDate RFC 822"]?.push(`channel date ${text(d)}`);
  const ids: string[] = [];
  const titles: string[] = [];
  items.forEach((item, i) => {
    const at = `item ${i + 1}`;
    const authors = kids(item, "author").length + kids(item, "dc:creator").length;
    if (authors > 1) r["one author per item"]?.push(`${at}: ${authors} author elements`);
    const guid = kid(item, "guid");
    const id = text(guid).trim();
    if (!id) r["guid present"]?.push(`${at}: no guid`);
    else ids.push(id);
    if (guid && attr(guid, "isPermaLink") !== "false" && !isAbsoluteHttpUrl(id))
      r["absolute links"]?.push(`${at}: permalink guid ${id}`);
    for (const l of kids(item, "link"))
      if (!isAbsoluteHttpUrl(text(l))) r["absolute links"]?.push(`${at}: link ${text(l)}`);
    for (const e of [...kids(item, "enclosure"), ...kids(item, "source")])
      if (!isAbsoluteHttpUrl(attr(e, "url"))) r["absolute links"]?.push(`${at}: url ${attr(e, "url")}`);
    for (const d of kids(item, "pubDate"))
      if (!isRfc822(text(d))) r["pubDate RFC 822"]?.push(`${at}: ${text(d)}`);
    if (!kid(item, "title") && !kid(item, "description")) r["item title or description"]?.push(at);
    titles.push(text(kid(item, "title")));
  });
  r["guids unique"] = dupes(ids).map((d) => `duplicate guid ${d}`);
  return { rules: r, ids, titles };
}

const ATOM_NS = "http://www.w3.org/2005/Atom";

function atomTextConstruct(node: XNode | undefined, where: string, out: string[]): void {
  if (!node) return;
  const type = attr(node, "type");
  if (type !== undefined && type !== "text") out.push(`${where}: type=${type}`);
}

export function checkAtom(body: string, selfUrl: string): FeedCheck {
  const wf = wellFormed(body);
  if (wf) return xmlFailure("XML well-formed", wf);
  const feed = kid(parseXml(body), "feed");
  if (!feed) return xmlFailure("Atom root", "no <feed>");
  const r: Record<string, string[]> = {
    "XML well-formed": [],
    "Atom namespace": attr(feed, "xmlns") === ATOM_NS ? [] : [`xmlns=${attr(feed, "xmlns")}`],
    "ids present": [],
    "updated RFC 3339": [],
    "category has term": [],
    "self link equals URL": [],
    "text titles": [],
    "absolute links": [],
    "author on every entry or feed": [],
  };
  if (!text(kid(feed, "id")).trim()) r["ids present"]?.push("feed has no id");
  const check = (node: XNode, where: string) => {
    for (const n of ["updated", "published"])
      for (const d of kids(node, n))
        if (!isRfc3339(text(d))) r["updated RFC 3339"]?.push(`${where} ${n} ${text(d)}`);
    for (const c of kids(node, "category"))
      if (!attr(c, "term")?.trim()) r["category has term"]?.push(`${where}: category without term`);
    atomTextConstruct(kid(node, "title"), `${where} title`, r["text titles"] ?? []);
    for (const l of kids(node, "link"))
      if (!isAbsoluteHttpUrl(attr(l, "href"))) r["absolute links"]?.push(`${where}: ${attr(l, "href")}`);
  };
  if (kids(feed, "updated").length !== 1) r["updated RFC 3339"]?.push("feed needs exactly one updated");
  check(feed, "feed");
  const selves = kids(feed, "link").filter((l) => attr(l, "rel") === "self");
  if (selves.length !== 1) r["self link equals URL"]?.push(`${selves.length} self links`);
  else if (attr(selves[0], "href") !== selfUrl)
    r["self link equals URL"]?.push(`href=${attr(selves[0], "href")} expected ${selfUrl}`);
  const feedHasAuthor = kids(feed, "author").length > 0;
  const ids: string[] = [];
  const titles: string[] = [];
  kids(feed, "entry").forEach((entry, i) => {
    const at = `entry ${i + 1}`;
    const id = text(kid(entry, "id")).trim();
    if (!id) r["ids present"]?.push(`${at}: no id`);
    else ids.push(id);
    if (kids(entry, "updated").length !== 1) r["updated RFC 3339"]?.push(`${at}: needs exactly one updated`);
    if (!feedHasAuthor && kids(entry, "author").length === 0) r["author on every entry or feed"]?.push(at);
    check(entry, at);
    titles.push(text(kid(entry, "title")));
  });
  r["ids unique"] = dupes(ids).map((d) => `duplicate id ${d}`);
  return { rules: r, ids, titles };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function checkJsonFeed(body: string, selfUrl: string): FeedCheck {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    return xmlFailure("JSON parses", e instanceof Error ? e.message : String(e));
  }
  if (!isRecord(doc)) return xmlFailure("JSON parses", "top level is not an object");
  const r: Record<string, string[]> = {
    "JSON parses": [],
    "version 1.1": doc.version === JSON_FEED_VERSION ? [] : [`version=${String(doc.version)}`],
    "title present": typeof doc.title === "string" && doc.title.trim() ? [] : ["no title"],
    "feed_url equals URL":
      doc.feed_url === selfUrl ? [] : [`feed_url=${String(doc.feed_url)} expected ${selfUrl}`],
    "authors not author": [],
    "items ids unique": [],
    "date formats": [],
    "absolute urls": [],
    "item content": [],
  };
  const authorsOk = (o: Record<string, unknown>, where: string) => {
    if ("author" in o) r["authors not author"]?.push(`${where} has "author"`);
    if ("authors" in o) {
      const a = o.authors;
      if (
        !Array.isArray(a) ||
        a.some((x) => !isRecord(x) || (typeof x.name !== "string" && typeof x.url !== "string"))
      )
        r["authors not author"]?.push(`${where}: authors must be objects with name or url`);
    }
  };
  authorsOk(doc, "feed");
  for (const k of ["home_page_url", "feed_url", "next_url", "icon", "favicon"])
    if (k in doc && !isAbsoluteHttpUrl(String(doc[k])))
      r["absolute urls"]?.push(`feed ${k}=${String(doc[k])}`);
  const items = Array.isArray(doc.items) ? doc.items : [];
  if (!Array.isArray(doc.items)) r["items ids unique"]?.push("items is not an array");
  const ids: string[] = [];
  const titles: string[] = [];
  items.forEach((item: unknown, i: number) => {
    const at = `item ${i + 1}`;
    if (!isRecord(item)) {
      r["items ids unique"]?.push(`${at} is not an object`);
      return;
    }
    if (typeof item.id !== "string" || !item.id.trim())
      r["items ids unique"]?.push(`${at}: id must be a non-blank string`);
    else ids.push(item.id);
    for (const k of ["date_published", "date_modified"])
      if (k in item && !isRfc3339(item[k])) r["date formats"]?.push(`${at} ${k}=${String(item[k])}`);
    for (const k of ["url", "external_url", "image", "banner_image"])
      if (k in item && !isAbsoluteHttpUrl(String(item[k])))
        r["absolute urls"]?.push(`${at} ${k}=${String(item[k])}`);
    if (typeof item.content_html !== "string" && typeof item.content_text !== "string")
      r["item content"]?.push(`${at}: neither content_html nor content_text`);
    authorsOk(item, at);
    titles.push(typeof item.title === "string" ? item.title : "");
  });
  r["items ids unique"]?.push(...dupes(ids).map((d) => `duplicate id ${d}`));
  return { rules: r, ids, titles };
}
