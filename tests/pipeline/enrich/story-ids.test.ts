// A story's id must not change when an article joins it (issue: adding one back-dated article renamed
// the story, and with it the bytes and ETags of every article in it).
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../../src/pipeline/config";
import type { CorpusFile } from "../../../src/pipeline/read/read";
import { assembleSite } from "../../../src/pipeline/site";

const file = (rel: string, bytes: Uint8Array | string): CorpusFile => ({
  rel,
  display: `corpus/${rel}`,
  bytes: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
});
const names = readdirSync("corpus").filter((f) => /^\d{3}_.*\.txt$/.test(f));
const seeds = names.map((f) => file(f, readFileSync(`corpus/${f}`)));
const sidecars = names.map((f) => {
  const m = f.replace(/\.txt$/, ".meta.yaml");
  return file(m, readFileSync(`corpus/${m}`));
});
const taxonomy = file("taxonomy.yaml", readFileSync("corpus/taxonomy.yaml"));

function stories(extra: CorpusFile[]) {
  const r = assembleSite(
    { articles: [...seeds, ...extra], sidecars, taxonomy, unknown: [] },
    DEFAULT_SETTINGS,
  );
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return new Map(r.value.site.articles.map((a) => [a.slug, a.story]));
}

describe("story ids", () => {
  it("stay the same when a back-dated article joins the story later", () => {
    const before = stories([]);
    const story = before.get("001-a94eae3f3af74d2a");
    expect(new Set(before.values()).size).toBe(1);
    // Published long before the seeds, but it entered the corpus after them.
    // Another write-up of the same report: the same vocabulary (so the same story) with every line's
    // words in reverse order, so it shares no passage with the seed and is not merged into it as a copy.
    const text = readFileSync("corpus/003_980a829d015ecb24.txt", "utf8")
      .split("\n")
      .map((l) => l.split(" ").reverse().join(" "))
      .join("\n");
    const late = file(
      "zz-late.txt",
      `---\ntitle: Another report\npublished: 2025-01-02\ncaptured: 2026-12-01\n---\n${text}`,
    );
    const after = stories([late]);
    expect(after.get("zz-late")).toBe(story);
    for (const [slug, s] of before) expect(after.get(slug), slug).toBe(s);
  });

  it("a copy of an article arriving later is merged into it, which keeps its id and story", () => {
    const before = stories([]);
    const text = readFileSync("corpus/003_980a829d015ecb24.txt", "utf8");
    const copy = file("zz-copy.txt", `---\ncaptured: 2026-12-01\n---\n${text}`);
    const after = stories([copy]);
    expect(after.has("zz-copy")).toBe(false);
    expect(after).toEqual(before);
  });
});
