import { describe, expect, it } from "vitest";
import { parseGivenDate } from "../../../src/pipeline/read/dates";
import { parseMeta, splitFrontMatter } from "../../../src/pipeline/read/frontmatter";

describe("splitFrontMatter", () => {
  it.each([
    ["none", "Title\n\nBody", null, 1],
    ["closed with ---", "---\ntitle: T\n---\nBody", "title: T", 4],
    ["closed with ...", "---\ntitle: T\n...\nBody", "title: T", 4],
    ["a later --- is a rule, not front matter", "Title\n---\nBody", null, 1],
  ])("%s", (_n, text, yaml, bodyLine) => {
    const s = splitFrontMatter(text);
    expect(s.yaml).toBe(yaml);
    expect(s.bodyLine).toBe(bodyLine);
    expect(s.problem).toBeUndefined();
  });
  it("reports an unclosed block at line 1", () => {
    expect(splitFrontMatter("---\ntitle: T\nBody").problem).toMatchObject({
      line: 1,
      message: expect.stringMatching(/never closed/),
    });
  });
});

describe("parseMeta", () => {
  it("reads every field", () => {
    const { meta, problems, lines } = parseMeta(
      [
        "title: Un titre",
        "published: 2026-03-12",
        "updated: 2026-03-13T10:00:00+01:00",
        "captured: 2026-03-14",
        "author: [Jean Dupont, Marie Curie]",
        "publisher: Le Journal",
        "url: https://example.org/a?b=1",
        "language: fr-FR",
        "tags: [llama, AMI Labs]",
        "summary: Court résumé.",
      ].join("\n"),
    );
    expect(problems).toEqual([]);
    expect(meta).toEqual({
      title: "Un titre",
      published: "2026-03-12T00:00:00Z",
      updated: "2026-03-13T09:00:00Z",
      captured: "2026-03-14T00:00:00Z",
      authors: ["Jean Dupont", "Marie Curie"],
      publisher: "Le Journal",
      url: "https://example.org/a?b=1",
      language: "fr",
      tags: ["llama", "AMI Labs"],
      summary: "Court résumé.",
    });
    expect(lines.tags).toBe(9);
  });
  it("takes a single author as a string", () => {
    expect(parseMeta("author: Jane Doe").meta.authors).toEqual(["Jane Doe"]);
  });

  const bad: [string, string, number, RegExp, RegExp][] = [
    ["impossible date", "title: T\npublished: 2026-02-30", 2, /not a real calendar day/, /YYYY-MM-DD/],
    ["impossible time", "published: 2026-02-03T25:00:00Z", 1, /not a real time/, /RFC 3339/],
    ["free-text date", "published: last Tuesday", 1, /not a date/, /YYYY-MM-DD/],
    ["unknown field with a hint", "title: T\nauthr: X", 2, /unknown field `authr`/, /did you mean `author`/],
    ["unknown field without a hint", "colour: red", 1, /unknown field `colour`/, /known fields/],
    ["relative url", "url: /news/a", 1, /not an absolute/, /full address/],
    ["empty title", "title: ''", 1, /non-empty/, /title: some text/],
    ["invalid YAML", "title: [unclosed", 1, /not valid YAML/, /quote/],
    ["not a mapping", "- a\n- b", 1, /mapping/, /title/],
    ["nested tag", "tags: [[a]]", 1, /nested/, /list plain names/],
    ["bad language", "language: english!", 1, /not a language tag/, /BCP 47/],
  ];
  it.each(bad)("%s", (_n, yaml, line, message, fix) => {
    const { problems } = parseMeta(yaml);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({
      line,
      message: expect.stringMatching(message),
      fix: expect.stringMatching(fix),
    });
  });
});

describe("parseGivenDate", () => {
  it.each([
    ["2024-02-29", "2024-02-29T00:00:00Z"],
    ["2026-03-11T09:30:00Z", "2026-03-11T09:30:00Z"],
    ["2026-03-11T09:30Z", "2026-03-11T09:30:00Z"],
    ["2026-03-11 09:30:00", "2026-03-11T09:30:00Z"],
    ["2026-03-11T00:30:00+02:00", "2026-03-10T22:30:00Z"],
  ])("%s", (input, iso) => {
    expect(parseGivenDate(input)).toEqual({ ok: true, iso });
  });
  it.each(["2025-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "26-03-11", "2026/03/11"])(
    "refuses %s",
    (input) => {
      expect(parseGivenDate(input).ok).toBe(false);
    },
  );
});
