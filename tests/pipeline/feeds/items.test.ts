import { describe, expect, it } from "vitest";
import { cachedItem, type HeldItem, itemCaches } from "../../../src/pipeline/render/feeds/items";
import { article } from "./fixture";

// The cache keeps an item as UTF-8 between uses: every later use must give the very string the first did.
describe("a cached item is the same string on every use", () => {
  it.each<[string, HeldItem]>([
    ["ASCII", { head: "<item><title>A</title><description>", tail: "</description></item>" }],
    ["past Latin-1 (two bytes a character in V8)", { head: "<title>“Quoted” — ok</title>", tail: "</x>" }],
    ["astral and combining", { head: "<title>𝔸 e\u0301 日本</title>", tail: "<t>é</t>" }],
    ["empty parts", { head: "", tail: "" }],
    ["lone surrogate (kept as a string)", { head: "<t>\uD800</t>", tail: "\uDC00x" }],
  ])("%s", (_, item) => {
    const cache = itemCaches().rss;
    const a = article(1);
    let renders = 0;
    const render = () => {
      renders++;
      return item;
    };
    const content = () => "[content]";
    const want = `${item.head}[content]${item.tail}`;
    expect([1, 2, 3].map(() => cachedItem(cache, a, render, content))).toEqual([want, want, want]);
    expect(renders).toBe(1);
  });
});
