// The seed corpus's own feeds, fetched from the Worker in workerd, read by an independent parser and
// checked field by field against the build's article data; then compared to golden files so any change
// in what readers receive is a visible diff (`npx vitest run --project worker -u` to accept one).
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import siteJson from "../../.generated/site.json";
import type { Site } from "../../src/shared/types";
import { BASE, get } from "./support";

const site = siteJson as unknown as Site;
const seeds = site.articles.filter((a) => /^corpus\/\d{3}_[0-9a-f]{16}\.txt$/.test(a.file));
const onlySeeds = seeds.length === site.articles.length && seeds.length === 5;

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  parseTagValue: false,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) =>
    ["item", "entry", "link", "category", "author", "atom:link", "dc:creator"].includes(name),
});
const xml = (body: string): Node => {
  const v = XMLValidator.validate(body);
  if (v !== true) throw new Error(`not well-formed: ${v.err.msg} line ${v.err.line}`);
  return parser.parse(body) as Node;
};
const txt = (n: unknown): string =>
  typeof n === "string" ? n : n && typeof n === "object" && "#text" in n ? String((n as Node)["#text"]) : "";
const rfc822 = (iso: string) => new Date(iso).toUTCString();
/** Same instant (RFC 3339 allows the fraction `.000` or none). */
const instant = (s: string) => new Date(s).toISOString();
const link = (n: unknown) => txt(Array.isArray(n) ? n[0] : n);

const FEEDS = ["", "/tags/llama", "/tags/ami-labs", "/tags/meta"];

describe.skipIf(!onlySeeds)("the seed corpus's feeds", () => {
  for (const prefix of FEEDS) {
    const tag = prefix ? prefix.split("/")[2] : null;
    const expected = site.articles.filter((a) => tag === null || a.tags.includes(tag as string));

    it(`${prefix || "/"} RSS has every article with its fields`, async () => {
      const res = await get(`${prefix}/feed.xml`);
      expect(res.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
      const body = await res.text();
      const ch = (xml(body).rss as Node).channel as Node;
      const items = ch.item as Node[];
      expect(items.map((i) => txt(i.title))).toEqual(expected.map((a) => a.title));
      expect(txt(ch.lastBuildDate)).toBe(rfc822(site.updated));
      const self = (ch["atom:link"] as Node[]).find((l) => l["@rel"] === "self");
      expect(self?.["@href"]).toBe(`${BASE}${prefix}/feed.xml`);
      items.forEach((item, i) => {
        const a = expected[i];
        if (!a) throw new Error("missing article");
        expect(txt(item.guid)).toBe(a.id);
        expect((item.guid as Node)["@isPermaLink"]).toBe("false");
        expect(link(item.link)).toBe(`${BASE}/articles/${a.slug}`);
        // Undated articles (the seeds are dated only by capture) carry no pubDate: see README "Dates".
        if (a.dateSource === "captured") expect(item.pubDate).toBeUndefined();
        else expect(instant(txt(item.pubDate))).toBe(instant(a.date));
        expect(item.author).toBeUndefined();
        const creators = (item["dc:creator"] as Node[] | undefined) ?? [];
        expect(creators.length).toBe(a.authors.length ? 1 : 0);
        if (a.authors.length) expect(txt(creators[0])).toBe(a.authors.join(", "));
        expect((item.category as Node[]).map(txt)).toEqual(
          a.tags.map((s) => site.tags.find((t) => t.slug === s)?.name),
        );
        expect(txt(item["content:encoded"]).length).toBeGreaterThan(a.contentHtml.length * 0.9);
      });
      await expect(body).toMatchFileSnapshot(`../golden/feeds${prefix || "/site"}/feed.xml`);
    });

    it(`${prefix || "/"} Atom has every article with its fields`, async () => {
      const res = await get(`${prefix}/atom.xml`);
      expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
      const body = await res.text();
      const feed = xml(body).feed as Node;
      expect(feed["@xml:lang"]).toBe(site.settings.language);
      expect(instant(txt(feed.updated))).toBe(instant(site.updated));
      const entries = feed.entry as Node[];
      expect(entries.map((e) => txt(e.title))).toEqual(expected.map((a) => a.title));
      expect((feed.link as Node[]).find((l) => l["@rel"] === "self")?.["@href"]).toBe(
        `${BASE}${prefix}/atom.xml`,
      );
      entries.forEach((e, i) => {
        const a = expected[i];
        if (!a) throw new Error("missing article");
        expect((e.title as Node)["@type"] ?? "text").toBe("text");
        expect(txt(e.id)).toBe(a.id);
        expect(instant(txt(e.updated))).toBe(instant(a.updated ?? a.date));
        expect(e.published === undefined).toBe(a.published === null);
        for (const c of (e.category as Node[]) ?? []) {
          expect(c["@term"]).toMatch(/^[a-z0-9-]+$/);
          expect(c["@label"]).toBeTruthy();
        }
        expect(((e.category as Node[]) ?? []).map((c) => c["@term"])).toEqual(a.tags);
        expect((e.content as Node)["@type"]).toBe("html");
      });
      await expect(body).toMatchFileSnapshot(`../golden/feeds${prefix || "/site"}/atom.xml`);
    });

    it(`${prefix || "/"} JSON Feed 1.1 has every article with its fields`, async () => {
      const res = await get(`${prefix}/feed.json`);
      expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
      const body = await res.text();
      const feed = JSON.parse(body) as Node;
      expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
      expect(feed.feed_url).toBe(`${BASE}${prefix}/feed.json`);
      expect(feed.language).toBe(site.settings.language);
      expect(feed.author).toBeUndefined();
      const items = feed.items as Node[];
      expect(items.map((i) => i.title)).toEqual(expected.map((a) => a.title));
      items.forEach((item, i) => {
        const a = expected[i];
        if (!a) throw new Error("missing article");
        expect(item.id).toBe(a.id);
        expect(item.url).toBe(`${BASE}/articles/${a.slug}`);
        expect(item.external_url).toBe(a.url ?? undefined);
        expect(item.date_published).toBe(a.published ?? undefined);
        expect(item.date_modified).toBe(a.updated ?? a.date);
        expect(item.author).toBeUndefined();
        expect(item.authors).toEqual(a.authors.length ? a.authors.map((name) => ({ name })) : undefined);
        expect(item.summary).toBe(a.summary);
        expect(item.content_html).toBe(a.contentHtml);
        expect(item.language).toBe(a.language);
        const source = item._source as Node;
        expect(source.date_source).toBe(a.dateSource);
        expect((source.related as Node[]).map((r) => r.id)).toEqual(a.related);
      });
      await expect(body).toMatchFileSnapshot(`../golden/feeds${prefix || "/site"}/feed.json`);
    });
  }

  it("gives each article one id, the same in every format and every feed", async () => {
    const ids = new Map<string, Set<string>>();
    for (const prefix of FEEDS) {
      const rss = ((xml(await (await get(`${prefix}/feed.xml`)).text()).rss as Node).channel as Node)
        .item as Node[];
      const atom = (xml(await (await get(`${prefix}/atom.xml`)).text()).feed as Node).entry as Node[];
      const json = (JSON.parse(await (await get(`${prefix}/feed.json`)).text()) as Node).items as Node[];
      rss.forEach((it, i) => {
        const key = link(it.link);
        const set = ids.get(key) ?? new Set<string>();
        set.add(txt(it.guid)).add(txt(atom[i]?.id)).add(String(json[i]?.id));
        ids.set(key, set);
      });
    }
    expect(ids.size).toBe(5);
    for (const set of ids.values()) expect(set.size).toBe(1);
  });
});
