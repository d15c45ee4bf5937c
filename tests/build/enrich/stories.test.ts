import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { groupStories, THRESHOLD } from "../../../src/build/enrich/stories";

// The five seeds all report LeCun leaving Meta; the fixtures are other stories from the same beat
// (same names, same vocabulary), which is what makes grouping hard.
const read = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ id: f, date: "2026-01-01T00:00:00Z", text: readFileSync(`${dir}/${f}`, "utf8") }));
const inputs = [...read("corpus"), ...read("tests/fixtures/stories")];
const result = groupStories(inputs);
const storyOf = (id: string) => result.get(id)?.story;

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
