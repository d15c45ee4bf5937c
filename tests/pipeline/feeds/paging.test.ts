import { describe, expect, it } from "vitest";
import { FROZEN_CACHE_CONTROL, renderFeeds } from "../../../src/pipeline/render/feeds/index";
import type { RenderedRoute } from "../../../src/pipeline/render/types";
import { article, ORIGIN, site } from "./fixture";
import { arr, atomFeed, byPath, type Node, rssChannel, text } from "./parse";

// Articles n..1, newest first, all tagged llama.
const articles = (n: number) => Array.from({ length: n }, (_, i) => article(n - i));
const render = (n: number, per = 2) =>
  renderFeeds({ site: site(articles(n), { itemsPerFeed: per }), origin: ORIGIN });
const ids = (nums: number[]) => nums.map((n) => article(n).id);

const atomIds = (r: RenderedRoute) => arr(atomFeed(r.body).entry).map((e) => text(e.id));
const rssIds = (r: RenderedRoute) => arr(rssChannel(r.body).item).map((i) => text(i.guid));
const jsonIds = (r: RenderedRoute) => JSON.parse(r.body).items.map((i: { id: string }) => i.id);
const atomLinks = (r: RenderedRoute) =>
  Object.fromEntries(
    arr(atomFeed(r.body).link)
      .filter((l) => l["@rel"] !== "alternate")
      .map((l) => [l["@rel"], l["@href"]]),
  );
const rssLinks = (r: RenderedRoute) =>
  Object.fromEntries(arr(rssChannel(r.body)["atom:link"]).map((l) => [l["@rel"], l["@href"]]));

describe("RFC 5005 paging, itemsPerFeed = 2, 7 articles", () => {
  const routes = render(7);
  const at = (p: string) => byPath(routes, p);

  it("subscription holds the newest 2; archives are cut from the oldest end", () => {
    const pages: [string, number[]][] = [
      ["", [7, 6]],
      ["/archive/3", [5]],
      ["/archive/2", [4, 3]],
      ["/archive/1", [2, 1]],
    ];
    for (const [dir, nums] of pages) {
      expect(atomIds(at(`${dir}/atom.xml`)), dir).toEqual(ids(nums));
      expect(rssIds(at(`${dir}/feed.xml`)), dir).toEqual(ids(nums));
      expect(jsonIds(at(`${dir}/feed.json`)), dir).toEqual(ids(nums));
    }
    expect(routes.some((r) => r.path.startsWith("/archive/4/"))).toBe(false);
  });

  it("Atom links: prev-archive from the subscription, current/prev/next on archives, fh:archive", () => {
    const u = (p: string) => `${ORIGIN}${p}`;
    expect(atomLinks(at("/atom.xml"))).toEqual({
      self: u("/atom.xml"),
      "prev-archive": u("/archive/3/atom.xml"),
    });
    expect(atomLinks(at("/archive/3/atom.xml"))).toEqual({
      self: u("/archive/3/atom.xml"),
      current: u("/atom.xml"),
      "prev-archive": u("/archive/2/atom.xml"),
    });
    expect(atomLinks(at("/archive/2/atom.xml"))).toEqual({
      self: u("/archive/2/atom.xml"),
      current: u("/atom.xml"),
      "prev-archive": u("/archive/1/atom.xml"),
      "next-archive": u("/archive/3/atom.xml"),
    });
    expect(atomLinks(at("/archive/1/atom.xml"))).toEqual({
      self: u("/archive/1/atom.xml"),
      current: u("/atom.xml"),
      "next-archive": u("/archive/2/atom.xml"),
    });
    expect("fh:archive" in atomFeed(at("/archive/1/atom.xml").body)).toBe(true);
    expect("fh:archive" in atomFeed(at("/atom.xml").body)).toBe(false);
    expect(at("/archive/1/atom.xml").body).toContain('xmlns:fh="http://purl.org/syndication/history/1.0"');
  });

  it("RSS links mirror Atom's with atom:link, and archives carry fh:archive", () => {
    const u = (p: string) => `${ORIGIN}${p}`;
    expect(rssLinks(at("/feed.xml"))).toEqual({
      self: u("/feed.xml"),
      "prev-archive": u("/archive/3/feed.xml"),
    });
    expect(rssLinks(at("/archive/2/feed.xml"))).toEqual({
      self: u("/archive/2/feed.xml"),
      current: u("/feed.xml"),
      "prev-archive": u("/archive/1/feed.xml"),
      "next-archive": u("/archive/3/feed.xml"),
    });
    expect("fh:archive" in (rssChannel(at("/archive/2/feed.xml").body) as Node)).toBe(true);
    expect("fh:archive" in (rssChannel(at("/feed.xml").body) as Node)).toBe(false);
  });

  it("JSON Feed next_url walks from the subscription to the newest archive, then older, then stops", () => {
    const next = (p: string) => JSON.parse(at(p).body).next_url;
    expect(next("/feed.json")).toBe(`${ORIGIN}/archive/3/feed.json`);
    expect(next("/archive/3/feed.json")).toBe(`${ORIGIN}/archive/2/feed.json`);
    expect(next("/archive/2/feed.json")).toBe(`${ORIGIN}/archive/1/feed.json`);
    expect(next("/archive/1/feed.json")).toBeUndefined();
    expect(JSON.parse(at("/archive/2/feed.json").body).feed_url).toBe(`${ORIGIN}/archive/2/feed.json`);
  });

  it.each([
    ["/archive/1/atom.xml", FROZEN_CACHE_CONTROL],
    ["/archive/2/feed.json", FROZEN_CACHE_CONTROL],
    ["/archive/3/feed.xml", undefined], // partial and newest
    ["/atom.xml", undefined],
  ])("%s cacheControl %s", (path, cc) => {
    expect(at(path).cacheControl).toBe(cc);
  });

  it("Link header carries the paging relations", () => {
    expect(at("/archive/2/feed.json").link).toBe(
      [
        `<${ORIGIN}/archive/2/feed.xml>; rel="alternate"; type="application/rss+xml"`,
        `<${ORIGIN}/archive/2/atom.xml>; rel="alternate"; type="application/atom+xml"`,
        `<${ORIGIN}/feed.json>; rel="current"; type="application/feed+json"`,
        `<${ORIGIN}/archive/1/feed.json>; rel="prev-archive"; type="application/feed+json"`,
        `<${ORIGIN}/archive/3/feed.json>; rel="next-archive"; type="application/feed+json"`,
      ].join(", "),
    );
  });

  it("a frozen page is dated by the arrival that froze it; live documents by the latest arrival", () => {
    // All seven entered on 2026-04-01 (articles 1..7 in that order, one clock second apart). Page 1
    // froze when page 2 appeared, i.e. when article 5 arrived; page 2 when article 7 did.
    expect(at("/archive/1/feed.xml").lastModified).toBe("2026-04-01T00:00:04Z");
    expect(at("/archive/2/feed.xml").lastModified).toBe("2026-04-01T00:00:06Z");
    expect(at("/archive/3/feed.xml").lastModified).toBe("2026-04-01T00:00:06Z");
    expect(at("/feed.xml").lastModified).toBe("2026-04-01T00:00:06Z");
  });

  it("tag feeds page the same way under /tags/<slug>/archive/<n>", () => {
    expect(atomIds(at("/tags/llama/archive/1/atom.xml"))).toEqual(ids([2, 1]));
    expect(atomLinks(at("/tags/llama/atom.xml"))["prev-archive"]).toBe(
      `${ORIGIN}/tags/llama/archive/3/atom.xml`,
    );
    expect(JSON.parse(at("/tags/llama/archive/3/feed.json").body).next_url).toBe(
      `${ORIGIN}/tags/llama/archive/2/feed.json`,
    );
  });
});

describe("archive stability when newer articles arrive", () => {
  it("adding an 8th, newer article leaves archive pages 1 and 2 byte-identical in every format", () => {
    const before = render(7);
    const after = render(8);
    for (const dir of ["/archive/1", "/archive/2", "/tags/llama/archive/1", "/tags/llama/archive/2"]) {
      for (const f of ["feed.xml", "atom.xml", "feed.json"]) {
        expect(byPath(after, `${dir}/${f}`).body, `${dir}/${f}`).toBe(byPath(before, `${dir}/${f}`).body);
      }
    }
    // Page 3 was the partial newest page: it necessarily takes the item pushed out of the subscription.
    expect(atomIds(byPath(after, "/archive/3/atom.xml"))).toEqual(ids([6, 5]));
    expect(atomIds(byPath(after, "/atom.xml"))).toEqual(ids([8, 7]));
  });

  it("a page marked cacheable never changes again, for any number of later articles", () => {
    const frozen = new Map<string, string>();
    for (let n = 1; n <= 14; n++) {
      for (const r of render(n, 3)) {
        const seen = frozen.get(r.path);
        if (seen !== undefined) expect(r.body, `${r.path} after ${n} articles`).toBe(seen);
        if (r.cacheControl === FROZEN_CACHE_CONTROL) frozen.set(r.path, r.body);
      }
    }
    expect(frozen.size).toBeGreaterThan(0);
  });

  it("no archive at all when everything fits in the subscription feed", () => {
    const routes = render(2);
    expect(routes.filter((r) => r.path.includes("/archive/"))).toEqual([]);
    expect(atomLinks(byPath(routes, "/atom.xml"))["prev-archive"]).toBeUndefined();
    expect(JSON.parse(byPath(routes, "/feed.json").body).next_url).toBeUndefined();
  });
});
