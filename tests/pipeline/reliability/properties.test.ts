// Random taxonomies and captures through the whole build (assembleSite), under a bounded budget:
// bounded sizes and a fixed number of runs, never a time limit. Whatever comes in, the build ends
// with a site or with `corpus/<file>:<line>: ... (fix: ...)` messages, and never throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { DEFAULT_SETTINGS } from "../../../src/pipeline/config";
import { formatProblem } from "../../../src/pipeline/problems";
import type { CorpusFile, CorpusListing } from "../../../src/pipeline/read/read";
import { assembleSite } from "../../../src/pipeline/site";

const enc = (s: string) => new TextEncoder().encode(s);
const file = (rel: string, content: string | Uint8Array): CorpusFile => ({
  rel,
  display: `corpus/${rel}`,
  bytes: typeof content === "string" ? enc(content) : content,
});

// Patterns a user could write, hostile ones included: empty matches, catastrophic backtracking,
// lookaround, backreferences, broken syntax, and random strings of regex metacharacters.
const hostilePattern = fc.constantFrom(
  "x*",
  "(a+)+$",
  "(a|aa)+$",
  "(?:a*)*b",
  "\\bMeta\\b(?!-)",
  "(?<=x)a",
  "(a)\\1",
  "(",
  "[z-a]",
  "\\bLlama\\b",
  "\\bFAIR\\b",
  "a{2,}",
  "(?i)meta",
  "",
);
const randomPattern = fc.string({
  unit: fc.constantFrom(
    "a",
    "b",
    "A",
    " ",
    "(",
    ")",
    "|",
    "*",
    "+",
    "?",
    "[",
    "]",
    "\\",
    "^",
    "$",
    ".",
    "{",
    "}",
    "1",
    "-",
  ),
  maxLength: 12,
});
const word = fc.constantFrom(
  "Meta",
  "FAIR",
  "data",
  "Llama",
  "AMI",
  "ami",
  "a",
  "aa",
  "東京",
  "x",
  "",
  "Meta-analysis",
);
const phrase = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(" "));

const tag = fc.record(
  {
    slug: fc.oneof(
      fc.constantFrom("meta", "fair", "llama", "x", "Bad Slug", "a-b"),
      fc.string({ maxLength: 6 }),
    ),
    name: fc.oneof(phrase, fc.constant("")),
    description: fc.oneof(fc.constant("A tag."), fc.constant(["a", "list"]), fc.constant({ a: 1 })),
    aliases: fc.array(phrase, { maxLength: 3 }),
    patterns: fc.array(fc.oneof(hostilePattern, randomPattern), { maxLength: 3 }),
    not: fc.oneof(fc.array(phrase, { maxLength: 2 }), fc.constant("FAIR data")),
    case: fc.constantFrom("sensitive", "insensitive", "upper"),
    min_matches: fc.constantFrom(1, 2, 0, "x"),
  },
  { requiredKeys: ["slug", "name"] },
);

// Well-formed tags whose patterns are valid but hostile to a backtracking engine, so that many runs
// build a site and the matchers really run over the text.
const goodTag = fc.record({
  slug: fc.constantFrom("meta", "fair", "llama", "ami-labs", "x"),
  name: fc.constantFrom("Meta", "FAIR", "Llama", "AMI Labs", "X"),
  description: fc.constant("A tag."),
  aliases: fc.array(
    phrase.filter((p) => p.trim() !== ""),
    { maxLength: 2 },
  ),
  patterns: fc.array(
    fc.constantFrom(
      "(a+)+$",
      "(a|aa)+$",
      "(?:a*)*b",
      "\\bMeta\\b",
      "\\bFAIR\\b",
      "a{2,}",
      "(?i)meta",
      "[^ ]+a",
    ),
    { maxLength: 3 },
  ),
  not: fc.array(
    phrase.filter((p) => p.trim() !== ""),
    { maxLength: 2 },
  ),
});
const goodTaxonomy = fc
  .uniqueArray(goodTag, { maxLength: 4, selector: (t) => t.slug })
  .map((tags) => stringify({ tags }));

const taxonomyText = fc.oneof(
  { weight: 6, arbitrary: goodTaxonomy },
  { weight: 4, arbitrary: fc.array(tag, { maxLength: 4 }).map((tags) => stringify({ tags })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constant("tags:\n  - slug: a\n    patterns: ['(a+)+$'\n") },
);

// Lines of the shapes the ingest stage has to survive: chrome, tables, glued rows, deep lists,
// long runs of one letter (for backtracking patterns), dates, front matter fragments.
const line = fc.oneof(
  fc.constantFrom(
    "A headline about Meta and FAIR data",
    "Published March 11, 2026",
    "By Jane Doe",
    "Meta said on Tuesday it would publish more Llama 4 research. The lab explained why.",
    "a | b | c",
    "|---|---|---|",
    "EventTime",
    "Llama 4 releasedApril 2026",
    "cell one   cell two   cell three",
    "Share on Facebook",
    "Related articles",
    "> quoted > again",
    "- item",
    "",
    "advanced machine intelligence (AMI) and Meta-analysis",
  ),
  fc.integer({ min: 1, max: 40 }).map((n) => "a".repeat(n)),
  fc.integer({ min: 1, max: 30 }).map((n) => `${"  ".repeat(n)}- nested ${n}`),
  fc.integer({ min: 1, max: 30 }).map((n) => `${">".repeat(n)} deep`),
  fc.string({ maxLength: 40 }),
);
const body = fc.array(line, { maxLength: 25 }).map((ls) => ls.join("\n"));
const frontMatter = fc.constantFrom(
  "",
  "---\ncaptured: 2026-01-02\n---\n",
  "---\npublished: 2026-03-11\ntags: [meta]\n---\n",
  "---\ntags:\n  meta: yes\n---\n",
  "---\ntitle: [a, b]\n---\n",
  "---\npublished: 2026-02-30\n",
);
const goodCapture = fc
  .tuple(body, fc.constantFrom("", "\n\n- a\n  - b\n"))
  .map(
    ([b, tail]) =>
      `---\ncaptured: 2026-01-02\n---\nA headline about Meta\n\nMeta said on Tuesday it would publish more research. The lab explained why at length.\n\n${b}${tail}`,
  );
const capture = fc.record({
  name: fc.constantFrom("a.txt", "b.md", "東京ニュース.txt", "sub/c.txt", "🦙.txt", "a.md"),
  content: fc.oneof(
    { weight: 6, arbitrary: goodCapture },
    { weight: 4, arbitrary: fc.tuple(frontMatter, body).map(([f, b]) => f + b) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  ),
});

let sites = 0;
const PROBLEM = /^corpus\/[^:\n]+:\d+: [\s\S]+ \(fix: [\s\S]+\)$/;

describe("the build always ends with a site or file:line messages", () => {
  it("on random taxonomies and captures", () => {
    fc.assert(
      fc.property(taxonomyText, fc.array(capture, { minLength: 1, maxLength: 3 }), (tax, caps) => {
        const seen = new Set<string>();
        const articles = caps
          .filter((c) => !seen.has(c.name) && seen.add(c.name))
          .map((c) => file(c.name, c.content));
        const listing: CorpusListing = {
          articles,
          sidecars: [],
          taxonomy: file("taxonomy.yaml", tax),
          unknown: [],
        };
        const r = assembleSite(listing, DEFAULT_SETTINGS);
        if (r.ok) {
          sites++;
          // Every capture is an article, or a copy merged into one (the shared opening makes copies).
          const merged = r.value.merges.reduce((n, m) => n + m.merged.length, 0);
          expect(r.value.site.articles.length + merged).toBe(articles.length);
          expect(r.value.site.articles.reduce((n, a) => n + a.sources.length, 0)).toBe(articles.length);
          for (const a of r.value.site.articles) expect(a.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        } else {
          expect(r.problems.length).toBeGreaterThan(0);
          for (const p of r.problems) expect(formatProblem(p)).toMatch(PROBLEM);
        }
      }),
      { numRuns: 30, seed: 20261201 },
    );
    // Both outcomes are exercised: the generators are not all broken input.
    expect(sites).toBeGreaterThan(3);
  });
});
