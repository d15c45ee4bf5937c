import { describe, expect, it } from "vitest";
import { summaryAddsToContent } from "../../../src/pipeline/render/feeds/atom";
import { renderFeeds } from "../../../src/pipeline/render/feeds/index";
import type { Article } from "../../../src/shared/types";
import { hostileArticles, ORIGIN, site, TAGS } from "./fixture";
import { arr, atomFeed, byPath, type Node, rssChannel, stripControls, text } from "./parse";

const theSite = site(hostileArticles(), { websubHub: "https://hub.example.net/websub" });
const routes = renderFeeds({ site: theSite, origin: ORIGIN });
const articles = theSite.articles;
const tagName = (slug: string) => TAGS.find((t) => t.slug === slug)?.name;

const rfc822 = (iso: string) => new Date(iso).toUTCString();
const instant = (s: string) => new Date(s).toISOString();

describe("routes", () => {
  it("has the three formats for the site and for every tag, even an empty one", () => {
    const expected = ["", ...TAGS.map((t) => `/tags/${t.slug}`)].flatMap((b) => [
      `${b}/feed.xml`,
      `${b}/atom.xml`,
      `${b}/feed.json`,
    ]);
    expect(routes.map((r) => r.path).sort()).toEqual(expected.sort());
  });

  it.each([
    ["/feed.xml", "application/rss+xml; charset=utf-8"],
    ["/atom.xml", "application/atom+xml; charset=utf-8"],
    ["/feed.json", "application/feed+json; charset=utf-8"],
    ["/tags/llama/atom.xml", "application/atom+xml; charset=utf-8"],
  ])("%s is served as %s, kind feed", (path, type) => {
    const r = byPath(routes, path);
    expect(r.type).toBe(type);
    expect(r.kind).toBe("feed");
    expect(r.cacheControl).toBeUndefined();
  });

  it.each([
    // The site's clock (render/clock.ts): entered in file order, one
    // second apart; article 3's update (2026-05-01T12:00) pushes the clock of every later arrival past it.
    ["/feed.xml", "2026-05-01T12:00:03Z"],
    ["/tags/lonely/atom.xml", "2026-05-01T12:00:01Z"],
    ["/tags/r-and-d/feed.json", "2026-05-01T12:00:03Z"],
    ["/tags/empty/feed.xml", theSite.updated],
  ])("%s lastModified is %s", (path, date) => {
    expect(byPath(routes, path).lastModified).toBe(date);
  });

  it("Link header names the other two formats of the same feed", () => {
    expect(byPath(routes, "/tags/llama/atom.xml").link).toBe(
      `<${ORIGIN}/tags/llama/feed.xml>; rel="alternate"; type="application/rss+xml", ` +
        `<${ORIGIN}/tags/llama/feed.json>; rel="alternate"; type="application/feed+json"`,
    );
  });

  it("every body ends with a newline", () => {
    for (const r of routes) expect(r.body.endsWith("\n"), r.path).toBe(true);
  });
});

describe("Atom, field by field", () => {
  const feed = atomFeed(byPath(routes, "/atom.xml").body);
  const entries = arr(feed.entry);
  const links = arr(feed.link);
  const href = (rel: string) => links.filter((l) => l["@rel"] === rel).map((l) => l["@href"]);

  it("feed-level metadata", () => {
    expect(feed["@xml:lang"]).toBe("en");
    expect(text(feed.id)).toBe(`${ORIGIN}/atom.xml`);
    expect(text(feed.title)).toBe("News & <Views>");
    expect(text(feed.subtitle)).toBe(theSite.settings.description);
    expect(text(feed.updated)).toBe("2026-05-01T12:00:03.000Z");
    expect(text((arr(feed.author)[0] as Node).name)).toBe("News & <Views>");
    expect(href("self")).toEqual([`${ORIGIN}/atom.xml`]);
    expect(href("alternate")).toEqual([`${ORIGIN}/`]);
    expect(href("hub")).toEqual(["https://hub.example.net/websub"]);
    expect(href("prev-archive")).toEqual([]);
    expect("fh:archive" in feed).toBe(false);
    expect(text(feed.icon)).toBe(`${ORIGIN}/assets/icon.svg`);
    expect(text(feed.logo)).toBe(`${ORIGIN}/assets/icon.svg`);
  });

  it("has every article, newest first", () => {
    expect(entries.map((e) => text(e.id))).toEqual(articles.map((a) => a.id));
  });

  it.each(hostileArticles().map((a, i) => [a.slug, i, a] as [string, number, Article]))(
    "entry %s",
    (_s, i, a) => {
      const e = entries[i] as Node;
      const title = e.title as Node;
      expect(title["@type"]).toBe("text");
      expect(text(title)).toBe(stripControls(a.title));
      expect(arr(e.link).map((l) => [l["@rel"], l["@href"]])).toEqual([
        [undefined, `${ORIGIN}/articles/${a.slug}`],
        // Where the copy came from (RFC 4287 §4.2.7.2 "via"), then the source feed (§4.2.11).
        ...a.sources.map((s) => ["via", s.url]),
      ]);
      const src = e.source as Node;
      const s = a.sources[0];
      expect(text(src.id)).toBe(s?.id);
      expect((src.title as Node)["@type"]).toBe("text");
      expect(text(src.title)).toBe(s?.title);
      expect(arr(src.link).map((l) => [l["@rel"], l["@href"]])).toEqual([
        ["alternate", s?.link],
        ["self", s?.feedUrl],
      ]);
      expect(text(e.updated)).toBe(instant(a.updated ?? a.date));
      if (a.published === null) expect(e.published).toBeUndefined();
      else expect(text(e.published)).toBe(instant(a.published));
      if (!summaryAddsToContent(a)) expect(e.summary).toBeUndefined();
      else {
        expect((e.summary as Node)["@type"]).toBe("text");
        expect(text(e.summary)).toBe(stripControls(a.summary));
      }
      expect((e.content as Node)["@type"]).toBe("html");
      expect(text(e.content)).toBe(stripControls(a.contentHtml));
      expect(arr(e.author).map((x) => text(x.name))).toEqual(a.authors);
      expect(arr(e.category).map((c) => [c["@term"], c["@label"], c["@scheme"]])).toEqual(
        a.tags.map((t) => [t, tagName(t), `${ORIGIN}/tags/`]),
      );
      expect(e["@xml:lang"]).toBe(a.language === "en" ? undefined : a.language);
    },
  );
});

describe("RSS, field by field", () => {
  const body = byPath(routes, "/feed.xml").body;
  const channel = rssChannel(body);
  const items = arr(channel.item);

  it("channel metadata", () => {
    expect(text(channel.title)).toBe("News & <Views>");
    expect(arr(channel.link).map(text)).toEqual([`${ORIGIN}/`]);
    expect(text(channel.description)).toBe(theSite.settings.description);
    expect(text(channel.language)).toBe("en");
    expect(text(channel.lastBuildDate)).toBe("Fri, 01 May 2026 12:00:03 GMT");
    const atomLinks = arr(channel["atom:link"]).map((l) => [l["@rel"], l["@href"]]);
    expect(atomLinks).toEqual([
      ["self", `${ORIGIN}/feed.xml`],
      ["hub", "https://hub.example.net/websub"],
    ]);
  });

  it.each(hostileArticles().map((a, i) => [a.slug, i, a] as [string, number, Article]))(
    "item %s",
    (_s, i, a) => {
      const it = items[i] as Node;
      expect(text(it.title)).toBe(stripControls(a.title));
      expect(arr(it.link).map(text)).toEqual([`${ORIGIN}/articles/${a.slug}`]);
      expect((it.guid as Node)["@isPermaLink"]).toBe("false");
      expect(text(it.guid)).toBe(a.id);
      if (a.dateSource === "captured") expect(it.pubDate).toBeUndefined();
      else expect(text(it.pubDate)).toBe(rfc822(a.date));
      // The description is HTML: one more unescaping gives back the plain-text summary.
      const html = it.description === undefined ? "" : text(it.description);
      const decoded = html
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&");
      expect(decoded).toBe(stripControls(a.summary));
      expect(text(it["content:encoded"])).toBe(stripControls(a.contentHtml));
      expect(arr(it["dc:creator"]).map(text)).toEqual(a.authors.length ? [a.authors.join(", ")] : []);
      expect(it.author).toBeUndefined();
      // RSS 2.0 <source url="the source's feed">its title</source>.
      expect((it.source as Node)["@url"]).toBe(a.sources[0]?.feedUrl);
      expect(text(it.source)).toBe(a.sources[0]?.title);
      expect(arr(it.category).map((c) => [text(c), c["@domain"]])).toEqual(
        a.tags.map((t) => [tagName(t), `${ORIGIN}/tags/`]),
      );
    },
  );
});

describe("JSON Feed 1.1, field by field", () => {
  const body = byPath(routes, "/feed.json").body;
  const doc = JSON.parse(body);

  it("top level, in a fixed key order", () => {
    expect(Object.keys(doc)).toEqual([
      "version",
      "title",
      "home_page_url",
      "feed_url",
      "description",
      "icon",
      "favicon",
      "language",
      "authors",
      "hubs",
      "items",
    ]);
    expect(doc.version).toBe("https://jsonfeed.org/version/1.1");
    expect(doc.icon).toBe(`${ORIGIN}/assets/icon.svg`);
    expect(doc.favicon).toBe(`${ORIGIN}/assets/icon.svg`);
    expect(doc.title).toBe("News & <Views>");
    expect(doc.home_page_url).toBe(`${ORIGIN}/`);
    expect(doc.feed_url).toBe(`${ORIGIN}/feed.json`);
    expect(doc.language).toBe("en");
    expect(doc.authors).toEqual([{ name: "News & <Views>", url: `${ORIGIN}/` }]);
    expect(doc.hubs).toEqual([{ type: "WebSub", url: "https://hub.example.net/websub" }]);
    expect(doc.next_url).toBeUndefined();
  });

  it.each(hostileArticles().map((a, i) => [a.slug, i, a] as [string, number, Article]))(
    "item %s",
    (_s, i, a) => {
      const item = doc.items[i];
      const expected: Record<string, unknown> = {
        id: a.id,
        url: `${ORIGIN}/articles/${a.slug}`,
        ...(a.url === null ? {} : { external_url: a.url }),
        title: stripControls(a.title),
        summary: stripControls(a.summary),
        content_html: stripControls(a.contentHtml),
        ...(a.published === null ? {} : { date_published: a.published }),
        date_modified: a.updated ?? a.date,
        ...(a.authors.length ? { authors: a.authors.map((name) => ({ name })) } : {}),
        tags: a.tags.map(tagName),
        language: a.language,
        _source: {
          about: "https://jsonfeed.org/version/1.1",
          publisher: a.publisher,
          file: a.file,
          date_source: a.dateSource,
          captured: a.captured,
          // No related list: it is scored against the whole corpus, and an archived item never changes.
          story: a.story,
          sources: a.sources.map((s) => ({
            kind: s.kind,
            title: s.title,
            id: s.id,
            home_page_url: s.link,
            feed_url: s.feedUrl,
            url: s.url,
            file: s.file,
          })),
        },
      };
      expect(item).toEqual(expected);
      expect(Object.keys(item)).toEqual(Object.keys(expected));
    },
  );
});

describe("one id per article everywhere", () => {
  it("RSS guid, Atom id and JSON id agree in the main feed and every tag feed", () => {
    for (const base of ["", ...TAGS.map((t) => `/tags/${t.slug}`)]) {
      const slug = base.split("/")[2];
      const expected = articles.filter((a) => slug === undefined || a.tags.includes(slug)).map((a) => a.id);
      const rss = arr(rssChannel(byPath(routes, `${base}/feed.xml`).body).item).map((i) => text(i.guid));
      const atom = arr(atomFeed(byPath(routes, `${base}/atom.xml`).body).entry).map((e) => text(e.id));
      const json = JSON.parse(byPath(routes, `${base}/feed.json`).body).items.map(
        (i: { id: string }) => i.id,
      );
      expect(rss, base).toEqual(expected);
      expect(atom, base).toEqual(expected);
      expect(json, base).toEqual(expected);
    }
  });

  it("an empty tag still has three valid, empty feeds", () => {
    expect(arr(rssChannel(byPath(routes, "/tags/empty/feed.xml").body).item)).toEqual([]);
    const atom = atomFeed(byPath(routes, "/tags/empty/atom.xml").body);
    expect(arr(atom.entry)).toEqual([]);
    expect(text(atom.title)).toBe("News & <Views>: Empty");
    expect(JSON.parse(byPath(routes, "/tags/empty/feed.json").body).items).toEqual([]);
  });
});

describe("Atom summary only when it adds to the content", () => {
  it.each([
    { summary: "", text: "Body.", adds: false },
    {
      summary: "The first paragraph, clipped…",
      text: "The first paragraph, clipped here and there.",
      adds: false,
    },
    { summary: "The first  paragraph.", text: "The first\nparagraph. Then more.", adds: false },
    { summary: "A dek the body does not repeat.", text: "The body starts elsewhere.", adds: true },
  ])("$summary", ({ summary, text: t, adds }) => {
    expect(summaryAddsToContent({ summary, text: t })).toBe(adds);
  });
});
