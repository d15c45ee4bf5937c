import { describe, expect, it } from "vitest";
import { FeedInputError, renderFeeds } from "../../../src/pipeline/render/feeds/index";
import type { Article, Site } from "../../../src/shared/types";
import { article, hostileArticles, ORIGIN, site } from "./fixture";

const withArticle = (a: Partial<Article>): Site => site([article(1, a)]);

describe("bad input gives a clear error, never a crash or a broken feed", () => {
  it.each<[string, Site, RegExp]>([
    ["unparseable date", withArticle({ date: "yesterday" }), /01_article-01\.txt date is "yesterday"/],
    ["date without time zone", withArticle({ published: "2026-03-01T09:30:00" }), /published .*RFC 3339/],
    ["bad updated", withArticle({ updated: "2026-13-45T00:00:00Z" }), /updated .*RFC 3339/],
    ["unknown tag", withArticle({ tags: ["nope"] }), /tag "nope" is not in the site's tag list/],
    ["article language with markup", withArticle({ language: 'en"><x' }), /language .*BCP 47/],
    ["relative source url", withArticle({ url: "/news/1" }), /url "\/news\/1" is not an absolute URL/],
    ["non-http source url", withArticle({ url: "javascript:alert(1)" }), /not an http\(s\) URL/],
    ["itemsPerFeed 0", site([article(1)], { itemsPerFeed: 0 }), /itemsPerFeed is 0/],
    ["itemsPerFeed 2.5", site([article(1)], { itemsPerFeed: 2.5 }), /itemsPerFeed is 2.5/],
    ["site language", site([article(1)], { language: "" }), /settings\.language/],
    ["unsorted articles", site([article(1), article(2)]), /not sorted newest first/],
  ])("%s", (_name, s, message) => {
    expect(() => renderFeeds({ site: s, origin: ORIGIN })).toThrow(FeedInputError);
    expect(() => renderFeeds({ site: s, origin: ORIGIN })).toThrow(message);
  });

  it.each(["", "https://x.test/"])("origin %j is refused", (origin) => {
    expect(() => renderFeeds({ site: site(), origin })).toThrow(/origin/);
  });
});

describe("determinism", () => {
  it("same input, same bytes, same headers", () => {
    const a = renderFeeds({ site: site(hostileArticles(), { itemsPerFeed: 2 }), origin: ORIGIN });
    const b = renderFeeds({ site: site(hostileArticles(), { itemsPerFeed: 2 }), origin: ORIGIN });
    expect(b).toEqual(a);
  });

  it("does not mutate its input", () => {
    const s = site(hostileArticles(), { itemsPerFeed: 2 });
    const copy = structuredClone(s);
    renderFeeds({ site: s, origin: ORIGIN });
    expect(s).toEqual(copy);
  });
});
