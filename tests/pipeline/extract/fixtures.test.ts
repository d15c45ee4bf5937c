// Table-driven: each capture in tests/fixtures/captures has an *.expected.json beside it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../../src/pipeline/extract/index";

interface Expected {
  format?: "text" | "markdown";
  title: string | null;
  subtitle: string | null;
  authors: string[];
  publisher: string | null;
  dateline: string | null;
  language: string;
  problems?: number;
  mustContain: string[];
  mustNotContain: string[];
  htmlContains?: string[];
  htmlNotContains?: string[];
}

const DIR = join(import.meta.dirname, "../../fixtures/captures");
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith(".expected.json"))
  .sort()
  .map((f) => {
    const base = f.replace(/\.expected\.json$/u, "");
    const expected = JSON.parse(readFileSync(join(DIR, f), "utf8")) as Expected;
    const file = `${base}${expected.format === "markdown" ? ".md" : ".txt"}`;
    return { name: base, file, expected };
  });

describe("fixture captures", () => {
  it("has at least 14 fixtures", () => {
    expect(cases.length).toBeGreaterThanOrEqual(14);
  });

  it.each(cases)("$name", ({ file, expected }) => {
    const body = readFileSync(join(DIR, file), "utf8");
    const out = ingest({ file, body, format: expected.format ?? "text", firstLine: 1 });
    expect({
      title: out.title,
      subtitle: out.subtitle,
      authors: out.authors,
      publisher: out.publisher,
      dateline: out.dateline?.date ?? null,
      language: out.language,
    }).toEqual({
      title: expected.title,
      subtitle: expected.subtitle,
      authors: expected.authors,
      publisher: expected.publisher,
      dateline: expected.dateline,
      language: expected.language,
    });
    expect(out.problems.length).toBe(expected.problems ?? 0);
    for (const s of expected.mustContain) expect(out.text, `kept: ${s}`).toContain(s);
    for (const s of expected.mustNotContain) expect(out.text, `removed: ${s}`).not.toContain(s);
    for (const s of expected.htmlContains ?? []) expect(out.contentHtml).toContain(s);
    for (const s of expected.htmlNotContains ?? []) expect(out.contentHtml).not.toContain(s);
    if (expected.title) expect(out.text).not.toContain(expected.title);
  });
});
