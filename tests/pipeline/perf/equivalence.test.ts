// The build's speed-ups must not change a byte: memoised/fast-path string keys against their plain
// definition, and feed items rendered once and reused against documents rendered from a cold cache.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { key, wordCount } from "../../../src/pipeline/extract/text";
import { renderAtom } from "../../../src/pipeline/render/feeds/atom";
import { feedEnv } from "../../../src/pipeline/render/feeds/context";
import { renderFeeds } from "../../../src/pipeline/render/feeds/index";
import { renderJsonFeed } from "../../../src/pipeline/render/feeds/jsonfeed";
import { pagePath, planFeeds } from "../../../src/pipeline/render/feeds/plan";
import { renderRss } from "../../../src/pipeline/render/feeds/rss";
import { article, hostileArticles, ORIGIN, site, TAGS } from "../feeds/fixture";

const plainKey = (s: string): string =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
const plainWordCount = (s: string): number => (s.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.&-]*/gu) ?? []).length;

// Characters near the fast path's edges: typographic marks it drops, compatibility forms NFKD expands
// (™ -> TM, ﬁ -> fi, … -> ...), combining marks, final sigma, dotted capital I, the Kelvin sign.
const tricky = fc.constantFrom(..."aZ9 é É\u0301 ΣΑς ’‘“”—–«»·• …™½ﬁİ\u212A -_.!?|/\t\u00a0\u200b".split(""));
const trickyString = fc.array(tricky, { maxLength: 24 }).map((a) => a.join(""));

describe("ingest string helpers", () => {
  it("key equals its plain definition", () => {
    fc.assert(
      fc.property(trickyString, (s) => key(s) === plainKey(s)),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => key(s) === plainKey(s)),
      { numRuns: 5000 },
    );
  });

  it("wordCount equals its plain definition, asked once or many times", () => {
    fc.assert(
      fc.property(
        trickyString,
        (s) => wordCount(s) === plainWordCount(s) && wordCount(s) === plainWordCount(s),
      ),
      { numRuns: 5000 },
    );
  });
});

describe("feed items rendered once", () => {
  const articles = [
    ...hostileArticles(),
    ...Array.from({ length: 130 }, (_, i) => {
      const date = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString().replace(".000Z", "Z");
      return article(100 + i, {
        date,
        published: i % 3 === 0 ? null : date,
        language: i % 7 === 0 ? "fr" : "en",
        authors: i % 5 === 0 ? [] : ["Ada Writer", "Bo Ng"],
        tags: TAGS.filter((_t, k) => (i + k) % 3 === 0).map((t) => t.slug),
      });
    }),
  ];
  articles.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const theSite = site(articles, { websubHub: "https://hub.example.net/websub", itemsPerFeed: 20 });
  const routes = new Map(renderFeeds({ site: theSite, origin: ORIGIN }).map((r) => [r.path, r.body]));
  const env = feedEnv({ site: theSite, origin: ORIGIN });
  const pages = planFeeds(theSite);

  it("covers archive pages and documents sharing items", () => {
    expect(pages.filter((p) => p.archive !== null).length).toBeGreaterThan(3);
    expect(pages.length).toBeGreaterThan(10);
  });

  it("gives every document the bytes it has when rendered alone, from a cold cache", () => {
    for (const page of pages) {
      expect(routes.get(pagePath(page.scope, page.archive, "rss"))).toBe(renderRss(env, page));
      expect(routes.get(pagePath(page.scope, page.archive, "atom"))).toBe(renderAtom(env, page));
      expect(routes.get(pagePath(page.scope, page.archive, "json"))).toBe(renderJsonFeed(env, page));
    }
  });

  it("splices items inside the document, one per article, in page order", () => {
    for (const page of pages) {
      const rss = routes.get(pagePath(page.scope, page.archive, "rss")) ?? "";
      const atom = routes.get(pagePath(page.scope, page.archive, "atom")) ?? "";
      const json = JSON.parse(routes.get(pagePath(page.scope, page.archive, "json")) ?? "{}");
      expect(rss.split("\n        <item>").length - 1).toBe(page.articles.length);
      expect(rss.endsWith("</item>\n    </channel>\n</rss>\n") || page.articles.length === 0).toBe(true);
      expect(atom.match(/\n {4}<entry[ >]/g)?.length ?? 0).toBe(page.articles.length);
      expect(atom.endsWith("</entry>\n</feed>\n") || page.articles.length === 0).toBe(true);
      expect(json.items.map((i: { id: string }) => i.id)).toEqual(page.articles.map((a) => a.id));
    }
  });
});
