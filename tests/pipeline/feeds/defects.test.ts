// One test per defect of the npm `feed` package (v6.0.0) that must never reach a reader. Each builds the
// smallest input that triggers the defect in the raw package and checks our output instead.

import { Feed } from "feed";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderFeeds } from "../../../src/pipeline/render/feeds/index";
import { article, ORIGIN, site } from "./fixture";
import { arr, atomFeed, byPath, type Node, parseXml, rssChannel, text } from "./parse";

const render = (articles = [article(1)], over = {}, origin = ORIGIN) =>
  renderFeeds({ site: site(articles, over), origin });
const body = (routes: ReturnType<typeof render>, path: string) => byPath(routes, path).body;

describe("defects of the feed package stay out of our output", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("RSS: three authors give ONE dc:creator (declared namespace) and no <author>", () => {
    const xml = body(render([article(1, { authors: ["A One", "B Two", "C Three"] })]), "/feed.xml");
    const item = arr(rssChannel(xml).item)[0] as Node;
    expect(arr(item["dc:creator"]).map(text)).toEqual(["A One, B Two, C Three"]);
    expect(xml).not.toMatch(/<author[\s>]/);
    expect(xml).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"');
  });

  it('Atom: titles, subtitle and summary are type="text", so a bare & survives', () => {
    const a = article(1, { title: "Q&A: AT&T", summary: "Tom & Jerry" });
    const feed = atomFeed(body(render([a], { description: "Salt & pepper" }), "/atom.xml"));
    const entry = arr(feed.entry)[0] as Node;
    expect(text(entry.title)).toBe("Q&A: AT&T");
    expect((entry.title as Node)["@type"]).toBe("text");
    expect(text(entry.summary)).toBe("Tom & Jerry");
    expect((entry.summary as Node)["@type"]).toBe("text");
    expect(text(feed.subtitle)).toBe("Salt & pepper");
    expect((feed.subtitle as Node)["@type"] ?? "text").toBe("text");
  });

  it("two ]]> in one string keep every format well-formed and the text intact", () => {
    const html = "<p>x ]]> y ]]> z]]></p>";
    const routes = render([article(1, { contentHtml: html, title: "a]]>b]]>c" })]);
    const rss = arr(rssChannel(body(routes, "/feed.xml")).item)[0] as Node;
    expect(text(rss["content:encoded"])).toBe(html);
    expect(text(rss.title)).toBe("a]]>b]]>c");
    const atom = arr(atomFeed(body(routes, "/atom.xml")).entry)[0] as Node;
    expect(text(atom.content)).toBe(html);
  });

  it("< in a tag name does not break the Atom category", () => {
    const s = site([article(1, { tags: ["llama"] })]);
    s.tags = s.tags.map((t) => (t.slug === "llama" ? { ...t, name: "<Llama> & co" } : t));
    const xml = body(renderFeeds({ site: s, origin: ORIGIN }), "/atom.xml");
    const cat = arr((arr(atomFeed(xml).entry)[0] as Node).category)[0] as Node;
    expect(cat["@label"]).toBe("<Llama> & co");
  });

  it("every Atom category has term (slug) and label (name); RSS has domain + name", () => {
    const routes = render([article(1, { tags: ["llama", "r-and-d"] })]);
    const cats = arr((arr(atomFeed(body(routes, "/atom.xml")).entry)[0] as Node).category);
    expect(cats.map((c) => [c["@term"], c["@label"]])).toEqual([
      ["llama", "Llama"],
      ["r-and-d", 'R&D <lab> "quoted"'],
    ]);
    const rssCats = arr((arr(rssChannel(body(routes, "/feed.xml")).item)[0] as Node).category);
    expect(rssCats.map((c) => [text(c), c["@domain"]])).toEqual([
      ["Llama", `${ORIGIN}/tags/`],
      ['R&D <lab> "quoted"', `${ORIGIN}/tags/`],
    ]);
  });

  it("control characters never reach any format", () => {
    const dirty = "a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\u007fh\uFFFEi\uFFFFj\uD800k";
    const routes = render([
      article(1, { title: dirty, summary: dirty, contentHtml: dirty, authors: [dirty] }),
    ]);
    for (const r of routes) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for exactly these.
      expect(r.body, r.path).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|\uD800/);
      if (r.path.endsWith(".xml")) parseXml(r.body);
    }
    expect(text((arr(atomFeed(body(routes, "/atom.xml")).entry)[0] as Node).title)).toBe("abcdefghijk");
    expect(JSON.parse(body(routes, "/feed.json")).items[0].title).toBe("abcdefghijk");
  });

  it("lastBuildDate / updated come from the articles, never the clock", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2001-02-03T04:05:06Z"));
    const first = render([article(2), article(1)]);
    vi.setSystemTime(new Date("2039-12-31T23:59:59Z"));
    const second = render([article(2), article(1)]);
    expect(second.map((r) => r.body)).toEqual(first.map((r) => r.body));
    // The site's clock: both entered on 2026-04-01, article 2 one clock second after article 1.
    expect(text(rssChannel(body(first, "/feed.xml")).lastBuildDate)).toBe("Wed, 01 Apr 2026 00:00:01 GMT");
    expect(text(atomFeed(body(first, "/atom.xml")).updated)).toBe("2026-04-01T00:00:01.000Z");
    // An empty feed takes the site's date, not "now".
    expect(text(atomFeed(body(first, "/tags/empty/atom.xml")).updated)).toBe("2026-04-01T00:00:01.000Z");
  });

  it("URLs are always absolute and the origin is copied verbatim (no URL re-serialisation)", () => {
    // `new URL` would lowercase this host and drop nothing else; the Worker must find the origin as given.
    const origin = "https://ORIGIN-Token.invalid:8443";
    const routes = render([article(1)], {}, origin);
    for (const r of routes) {
      const urls = [
        ...r.body.matchAll(
          /(?:href|domain|scheme)="([^"]*)"|<link>([^<]*)<|"(?:url|feed_url|home_page_url)":"([^"]*)"/g,
        ),
      ]
        .map((m) => m[1] ?? m[2] ?? m[3] ?? "")
        .filter((u) => !u.startsWith("https://hub.") && !u.startsWith("https://news.example.com/"));
      expect(urls.length, r.path).toBeGreaterThan(0);
      for (const u of urls) expect(u.startsWith(`${origin}/`), `${r.path}: ${u}`).toBe(true);
    }
  });

  it("a literal &amp; in text is not turned into & (xml-js 'desanitising')", () => {
    const a = article(1, { title: "Write &amp; for &", summary: "&amp;lt;" });
    const routes = render([a]);
    expect(text((arr(atomFeed(body(routes, "/atom.xml")).entry)[0] as Node).title)).toBe("Write &amp; for &");
    expect(text((arr(rssChannel(body(routes, "/feed.xml")).item)[0] as Node).title)).toBe(
      "Write &amp; for &",
    );
  });

  it("control check: the raw package really has these defects (so the tests above mean something)", () => {
    const f = new Feed({ title: "T", id: "https://x.test/", link: "https://x.test/" });
    f.addItem({
      title: "A & B",
      link: "https://x.test/a",
      date: new Date("2026-01-01T00:00:00Z"),
      content: "x ]]> y ]]> z",
      author: [{ name: "One" }, { name: "Two" }],
      category: [{ name: "<c>" }],
    });
    const rss = f.rss2();
    const atom = f.atom1();
    expect(rss.match(/<author>/g)?.length).toBe(2);
    expect(atom).toContain('<title type="html"><![CDATA[A & B]]></title>');
    expect(atom).toContain('label="<c>"');
    // Only the first ]]> is split: the second one ends the CDATA section early.
    expect(rss).toContain("<![CDATA[x ]]]]><![CDATA[> y ]]> z]]>");
    expect(() => new Feed({ title: "T", link: "/relative" }).rss2()).toThrow();
  });
});
