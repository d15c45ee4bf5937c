// Taxonomy patterns are user input: they must never hang the build (empty matches, catastrophic
// backtracking), and the format can say "this acronym, with its case, but not in these phrases".
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compilePattern, requiredLiteral } from "../../../src/pipeline/enrich/matchers";
import { countTag, matchTags } from "../../../src/pipeline/enrich/tags";
import { parseTaxonomy } from "../../../src/pipeline/enrich/taxonomy";

const one = (fields: string) => `tags:\n  - slug: a\n    name: A\n${fields}`;

describe("patterns that would hang the build", () => {
  it.each([
    ["x*", /can match the empty string/],
    ["(?:foo)?", /can match the empty string/],
    ["\\b", /can match the empty string/],
    ["\\bMeta\\b(?![-‐]analy)", /lookahead or lookbehind/],
    ["(?<=Dr\\. )Who", /lookahead or lookbehind/],
    ["(a|b)\\1", /backreference/],
    ["(", /not a valid regular expression/],
  ])("%s is refused on the pattern's own line", (pattern, message) => {
    const yaml = one(`    description: d\n    patterns:\n      - 'ok'\n      - '${pattern}'\n`);
    const { problems } = parseTaxonomy(yaml);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(message);
    expect(problems[0]?.line).toBe(7);
  });

  it("runs (a+)+$ in linear time: 100,000 a's end with the one match", () => {
    const c = compilePattern("(a+)+$");
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.matcher.spans(`${"a".repeat(100_000)}!`)).toEqual([]);
    expect(c.matcher.spans("a".repeat(100_000))).toEqual([[0, 100_000]]);
  });

  it("keeps the boundary of a leading \\b exactly (the fast path is the same matches)", () => {
    const c = compilePattern("\\bFAIR\\b");
    if (!c.ok) throw new Error(c.message);
    expect(c.matcher.spans("xFAIR FAIR _FAIR FAIR_ é FAIR")).toEqual([
      [6, 10],
      [25, 29],
    ]);
    const alt = compilePattern("\\bAI|ML");
    if (!alt.ok) throw new Error(alt.message);
    expect(alt.matcher.spans("xAI xML AI")).toEqual([
      [5, 7],
      [8, 10],
    ]);
  });

  it.each([
    ["\\bMeta\\b", "Meta"],
    ["\\bLlama(?:[ -]?\\d+)?\\b", "Llama"],
    ["\\bLLMs?\\b", "LLM"],
    ["a|b", ""],
    ["(?i)meta", ""],
    ["[abc]def", "def"],
    ["x*", ""],
    ["\\pLfoo", "foo"],
    ["\\p{Greek}+bar", "bar"],
    ["\\x41bc", "bc"],
    ["\\x{41}bc", "bc"],
    ["\\012ab", "ab"],
  ])("the prefilter literal of %s is %j (only what every match contains)", (p, lit) => {
    expect(requiredLiteral(p)).toBe(lit);
  });
});

describe("tags with context", () => {
  const { tags: rules, problems } = parseTaxonomy(readFileSync("corpus/taxonomy.yaml", "utf8"));
  const tagsOf = (text: string) => matchTags(rules, text, []).map((t) => t.slug);
  it("the bundled taxonomy uses no lookaround and parses cleanly", () => {
    expect(problems).toEqual([]);
    expect(readFileSync("corpus/taxonomy.yaml", "utf8")).not.toMatch(/\(\?<?[=!]/u);
  });
  it.each([
    ["FAIR data principles are not the lab", "The FAIR data principles guide archives.", [], ["fair"]],
    ["FAIR the lab still tags", "FAIR published a paper. FAIR data matter.", ["fair"], []],
    ["Meta-analysis is not Meta", "A Meta‐analysis of 40 studies.", [], ["meta"]],
    ["Meta-learning is not Meta", "Meta-learning helps.", [], ["meta"]],
    ["the concept AMI", "Meta's goal is advanced machine intelligence (AMI) by 2030.", [], ["ami-labs"]],
    ["the company AMI", "He founded Advanced Machine Intelligence (AMI) in Paris.", ["ami-labs"], []],
    ["AMI- compound", "An AMI-based approach.", [], ["ami-labs"]],
  ])("%s", (_n, text, yes, no) => {
    const got = tagsOf(text);
    for (const t of yes) expect(got).toContain(t);
    for (const t of no) expect(got).not.toContain(t);
  });

  it("matches an acronym alias with its case, and every alias under `case: sensitive`", () => {
    const { tags, problems } = parseTaxonomy(
      `tags:\n  - {slug: space, name: Space, aliases: ["ESA", "space station"]}\n  - {slug: apple, name: Apple, case: sensitive, aliases: ["Apple"]}\n`,
    );
    expect(problems).toEqual([]);
    const [space, apple] = tags;
    if (!space || !apple) throw new Error("two tags");
    expect(countTag(space, "ESA launched; esa casa es; the Space Station")).toBe(2);
    expect(countTag(apple, "Apple sells apples; an apple a day")).toBe(1);
  });

  it("counts each covered mention once: vetoes sweep, they do not rescan", () => {
    const { tags } = parseTaxonomy(one(`    patterns: ['\\bFAIR\\b']\n    not: ["FAIR data"]\n`));
    const rule = tags[0];
    if (!rule) throw new Error("a tag");
    expect(countTag(rule, "FAIR data FAIR FAIR data FAIR ".repeat(1000))).toBe(2000);
  });
});

describe("taxonomy shape problems", () => {
  it.each([
    [
      "a list as description",
      one("    description: [one, two]\n"),
      /`description` of tag "a" must be one piece of text, not a list/,
      4,
    ],
    ["a mapping as description", one("    description: {x: 1}\n"), /not a mapping/, 4],
    ["an unknown case", one("    description: d\n    case: upper\n"), /`case` of tag "a" must be/, 5],
    [
      "not as a string",
      one("    description: d\n    not: FAIR data\n"),
      /`not` of tag "a" must be a list of strings/,
      5,
    ],
  ])("%s", (_n, yaml, message, line) => {
    const { problems } = parseTaxonomy(yaml);
    expect(problems[0]?.message).toMatch(message);
    expect(problems[0]?.line).toBe(line);
  });
});
