// Ingest passes must be linear (or bounded by a stated window) in the capture's size: proven by work
// counters at n and 2n, never by time, so the test means the same on any machine.
import { describe, expect, it } from "vitest";
import { ingest } from "../../../src/pipeline/extract/index";
import { markdownUnits } from "../../../src/pipeline/extract/markdown";
import { MARKDOWN_MAX_DEPTH, markdownDepth } from "../../../src/pipeline/extract/markdown-depth";
import { detectTables, type TableWork } from "../../../src/pipeline/extract/tables";
import { textUnits } from "../../../src/pipeline/extract/units";

const shapes: [string, (i: number) => string][] = [
  ["short lines", (i) => `word${i % 7} line ${i}`],
  ["pipe rows", (i) => `a | b | ${i}`],
  ["rule rows only", () => "|---|---|"],
  ["glued header then rows", (i) => (i % 50 === 0 ? "EventTime" : `Llama ${i} releasedApril 2026`)],
  ["space-aligned cells", (i) => `cell ${i}   other cell   third`],
  ["two-cell pipes that never make a table", (i) => (i % 2 ? "a | b" : "x | y | z")],
];

const tableWork = (lines: string[]): number => {
  const work: TableWork = { rows: 0 };
  detectTables(textUnits(lines.join("\n"), 1), work);
  return work.rows;
};

describe("detectTables reads each line a bounded number of times", () => {
  it.each(shapes)("%s: work at 2n is at most twice the work at n (plus a constant)", (_n, line) => {
    const n = 2000;
    const at = (k: number) => tableWork(Array.from({ length: k }, (_, i) => line(i)));
    const w1 = at(n);
    const w2 = at(2 * n);
    expect(w2).toBeLessThanOrEqual(2 * w1 + 10);
    // And the constant is small: a line is read at most about six times (run end, three tries).
    expect(w2).toBeLessThanOrEqual(6 * 2 * n);
  });
});

describe("deep Markdown nesting is refused before lexing", () => {
  const nested = (n: number) =>
    Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n");
  it.each([
    ["nested list", nested(800), 800],
    ["nested quote", `${">".repeat(5000)} deep`, MARKDOWN_MAX_DEPTH + 1],
    ["list in quote in list on one line", `${"- > ".repeat(5000)}x`, MARKDOWN_MAX_DEPTH + 1],
  ])("%s", (_n, md, depth) => {
    expect(markdownDepth(md).depth).toBe(depth);
    const body = `# A headline for the test\n\nPublished March 11, 2026\n\nA paragraph of text.\n\n${md}\n`;
    const out = ingest({ file: "x.md", body, format: "markdown", firstLine: 1 });
    const p = out.problems.find((x) => /levels deep/.test(x.message));
    expect(p?.message).toMatch(/over the limit of 20; the build stops here/);
    expect(p?.line).toBeGreaterThanOrEqual(7);
  });

  it("accepts nesting up to the limit, and thematic breaks are not nesting", () => {
    expect(markdownDepth(nested(MARKDOWN_MAX_DEPTH)).depth).toBe(MARKDOWN_MAX_DEPTH);
    expect(markdownDepth(`${"* ".repeat(40)}\n\n- a\n  - b\n- c`).depth).toBe(2);
    const units = markdownUnits(nested(MARKDOWN_MAX_DEPTH), 1);
    expect(units.filter((u) => u.kind === "item")).toHaveLength(MARKDOWN_MAX_DEPTH);
  });

  it("numbers the lines of a long list from a table of line starts (line of the last item)", () => {
    const units = markdownUnits(Array.from({ length: 3000 }, (_, i) => `- item ${i}`).join("\n"), 10);
    expect(units.at(-1)?.line).toBe(3009);
  });
});
