import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  groupStories,
  MAX_RELATED,
  MAX_STORY,
  storyTerms,
  storyTokens,
  THRESHOLD,
} from "../../../src/pipeline/enrich/stories";

// The five seeds all report LeCun leaving Meta; the fixtures are other stories from the same beat
// (same names, same vocabulary), which is what makes grouping hard.
const read = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({
      id: f,
      date: "2026-01-01T00:00:00Z",
      terms: storyTerms(readFileSync(`${dir}/${f}`, "utf8")),
    }));
const inputs = [...read("corpus"), ...read("tests/fixtures/stories")];
const result = groupStories(inputs);
const storyOf = (id: string) => result.get(id)?.story;

describe("storyTerms", () => {
  it.each<[string, string]>([
    ["", ""],
    ["the and of 2026", ""],
    ["Meta's Llama, LLAMA and llama: café Café CAFE", "meta 1 llama 3 cafe 3"],
    ["Zürich ZÜRICH zurich", "zurich 3"],
  ])("%j -> %j", (text, want) => {
    expect(storyTerms(text)).toBe(want);
  });
  it("holds every token of the text once, with its count, in first-seen order", () => {
    const text = readFileSync("tests/fixtures/stories/llama4-a.txt", "utf8");
    const parts = storyTerms(text).split(" ");
    const counted = new Map<string, number>();
    for (let i = 0; i < parts.length; i += 2) counted.set(parts[i] as string, Number(parts[i + 1]));
    const want = new Map<string, number>();
    for (const t of storyTokens(text)) want.set(t, (want.get(t) ?? 0) + 1);
    expect([...counted]).toEqual([...want]);
  });
});

describe("groupStories", () => {
  it("puts the five seed captures of one story together", () => {
    const seeds = inputs.filter((i) => /^\d{3}_/.test(i.id)).map((i) => storyOf(i.id));
    expect(new Set(seeds).size).toBe(1);
  });
  it.each([
    ["llama4-a.txt", "llama4-b.txt"],
    ["ami-funding-a.txt", "ami-funding-b.txt"],
  ])("groups %s with %s", (a, b) => {
    expect(storyOf(a)).toBe(storyOf(b));
  });
  it("keeps different stories of the same beat apart", () => {
    const stories = ["000_33380f2230881e0f.txt", "llama4-a.txt", "ami-funding-a.txt", "fair-layoffs.txt"].map(
      storyOf,
    );
    expect(new Set(stories).size).toBe(4);
    expect(result.get("fair-layoffs.txt")?.related).toEqual([]);
  });
  it("lists related captures closest first, with scores above the threshold for direct links", () => {
    const r = result.get("004_851d46fadd3e931a.txt");
    expect(r?.related).toHaveLength(4);
    const scores = r?.scores ?? [];
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    expect(scores[0]).toBeGreaterThanOrEqual(THRESHOLD);
  });
  it("names a story after its earliest article, deterministically", () => {
    const dated = inputs.map((i) => (i.id === "llama4-b.txt" ? { ...i, date: "2025-04-05T00:00:00Z" } : i));
    const again = groupStories(dated);
    expect(again.get("llama4-a.txt")?.story).toBe("llama4-b.txt");
    expect(groupStories(inputs)).toEqual(result);
  });
});

describe("groupStories on a corpus that covers one beat", () => {
  // Every article shares the beat's vocabulary (weak links to everything), and some are retold copies
  // of one another (strong links). Chaining the weak links would make one story of everything.
  const beat = "Meta LeCun Llama models world models research lab scaling language startup Paris investors";
  const story = (k: number) =>
    `unique${k}name unique${k}place unique${k}event unique${k}figure unique${k}deal`;
  const inputs = Array.from({ length: 120 }, (_, i) => {
    const k = Math.floor(i / 3); // three retold copies per story
    const text = `${beat}. ${story(k)} ${story(k)}. Variant ${i} wording here ${i % 7 ? "also" : "indeed"}.`;
    return {
      id: `a${String(i).padStart(3, "0")}`,
      date: `2026-01-${String((i % 28) + 1).padStart(2, "0")}T00:00:00Z`,
      terms: storyTerms(text),
    };
  });
  const result = groupStories(inputs);

  it("never makes a story larger than MAX_STORY, and keeps retold copies together", () => {
    const sizes = new Map<string, number>();
    for (const r of result.values()) sizes.set(r.story, (sizes.get(r.story) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(MAX_STORY);
    for (let k = 0; k < 40; k++) {
      const ids = [0, 1, 2].map((d) => `a${String(k * 3 + d).padStart(3, "0")}`);
      expect(new Set(ids.map((id) => result.get(id)?.story)).size).toBe(1);
    }
  });

  it("caps every related list at MAX_RELATED", () => {
    for (const r of result.values()) expect(r.related.length).toBeLessThanOrEqual(MAX_RELATED);
  });
});
