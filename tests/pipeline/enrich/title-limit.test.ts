// Titles the build finds get the front-matter limit: cut at a word boundary with a warning, never an error.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { articleFromCapture, type Sidecar } from "../../../src/pipeline/capture";
import { parseTaxonomy } from "../../../src/pipeline/enrich/taxonomy";
import { trimTitle } from "../../../src/pipeline/enrich/title-limit";
import { formatProblem } from "../../../src/pipeline/problems";
import { LIMITS } from "../../../src/pipeline/read/limits";

const RULES = parseTaxonomy(readFileSync("corpus/taxonomy.yaml", "utf8")).tags;
const len = (s: string) => [...s].length;
const words = (n: number) =>
  Array.from({ length: n }, (_, i) => ["alpha", "beta", "gamma", "delta"][i % 4]).join(" ");

describe("trimTitle", () => {
  it.each([
    ["fits", words(10), null],
    ["exactly the limit", "x".repeat(LIMITS.titleChars), null],
  ])("%s: unchanged", (_n, title, expected) => expect(trimTitle(title)).toBe(expected));

  it.each([
    ["words", words(100)],
    ["words ending in punctuation", `${"word, ".repeat(80)}`],
    ["no spaces (CJK)", "東京ニュース".repeat(80)],
    ["one enormous word", "x".repeat(1000)],
    ["astral characters", "😀 ".repeat(400)],
  ])("%s: at most the limit, a whole-word prefix, an ellipsis", (_n, title) => {
    const t = trimTitle(title) ?? "";
    expect(len(t)).toBeLessThanOrEqual(LIMITS.titleChars);
    expect(len(t)).toBeGreaterThan(LIMITS.titleChars / 2);
    expect(t.endsWith("…")).toBe(true);
    const kept = t.slice(0, -1);
    expect(title.startsWith(kept)).toBe(true);
    if (title.includes(" ")) expect(title.slice(kept.length)).toMatch(/^[\s,;:.]/u);
    expect(kept).not.toMatch(/[\s,;:]$/u);
  });
});

describe("a capture whose headline is over the limit", () => {
  const sidecar: Sidecar = {
    file: { display: "corpus/x.meta.yaml", rel: "x.meta.yaml", bytes: new Uint8Array() },
    meta: { captured: "2026-07-01T00:00:00Z" },
  };
  const headline = `Meta ${words(90)}`;
  const body = `${"Yann LeCun said the model was ready, and the team agreed with him on every point. ".repeat(6)}\n`;
  const cases: [string, string, string][] = [
    [
      "an HTML page's declared title",
      "long.html",
      `<!doctype html><html><head><title>${headline}</title></head><body><article><h1>${headline}</h1><p>${body}</p><p>${body}</p></article></body></html>`,
    ],
    [
      "a feed item's title",
      "long.rss",
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><link>https://example.org/</link><description>d</description><item><title>${headline}</title><link>https://example.org/a</link><pubDate>Wed, 01 Jul 2026 00:00:00 GMT</pubDate><description>${body}</description></item></channel></rss>`,
    ],
  ];
  it.each(cases)("%s: built, cut, with one warning", (_n, name, text) => {
    const r = articleFromCapture(
      { display: `corpus/${name}`, rel: name, bytes: new TextEncoder().encode(text) },
      name.replace(/\.[^.]+$/, ""),
      sidecar,
      RULES,
      "en",
    );
    expect(r.problems.map(formatProblem)).toEqual([]);
    const a = r.drafts[0]?.article;
    expect(a).toBeDefined();
    expect(len(a?.title ?? "")).toBeLessThanOrEqual(LIMITS.titleChars);
    expect(a?.title.endsWith("…")).toBe(true);
    const w = r.warnings.filter((p) => p.message.includes("over the limit"));
    expect(w).toHaveLength(1);
    expect(w[0]?.message).toContain(`over the limit of ${LIMITS.titleChars}`);
    expect(w[0]?.line).toBeGreaterThan(0);
    expect(w[0]?.fix).toMatch(/title: /);
  });

  it("a title given in front matter over the limit stays a problem (refused, not cut)", () => {
    const text = `---\ntitle: ${headline}\ncaptured: 2026-07-01\n---\n\n${body}`;
    const r = articleFromCapture(
      { display: "corpus/fm.md", rel: "fm.md", bytes: new TextEncoder().encode(text) },
      "fm",
      undefined,
      RULES,
      "en",
    );
    expect(r.problems.map((p) => p.message).join("\n")).toMatch(
      /`title` is \d+ characters long, over the limit/,
    );
  });
});
