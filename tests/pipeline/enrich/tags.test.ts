import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { articleId, slugFromPath } from "../../../src/pipeline/enrich/identity";
import { matchTags, resolveTag } from "../../../src/pipeline/enrich/tags";
import { parseTaxonomy } from "../../../src/pipeline/enrich/taxonomy";

const { tags: rules, problems } = parseTaxonomy(readFileSync("corpus/taxonomy.yaml", "utf8"));
const tagsOf = (text: string) => matchTags(rules, text, []).map((t) => t.slug);

describe("the bundled taxonomy", () => {
  it("parses cleanly and has the required tags", () => {
    expect(problems).toEqual([]);
    expect(rules.map((r) => r.slug)).toEqual(expect.arrayContaining(["llama", "ami-labs", "meta"]));
  });

  const cases: [string, string, string[], string[]][] = [
    // [name, text, must have, must not have]
    ["Llama 4 by version", "The release of Llama 4 disappointed.", ["llama"], []],
    ["Llama models", "Its Llama models are open-weight.", ["llama"], []],
    ["LLaMA spelling", "The original LLaMA paper.", ["llama"], []],
    ["animal plural is not the model", "Two llamas grazed; llamas are calm.", [], ["llama"]],
    ["AMI Labs by name", "He founded AMI Labs in Paris.", ["ami-labs"], []],
    ["AMI Labs by full name", "Advanced Machine Intelligence Labs raised money.", ["ami-labs"], []],
    ["AMI alone as the company", "AMI will build world models.", ["ami-labs", "world-models"], []],
    ["a startup is not AMI Labs", "LeCun will launch a startup of his own.", ["yann-lecun"], ["ami-labs"]],
    ["French 'ami' is not the company", "Mon ami est venu à Paris.", [], ["ami-labs"]],
    ["Meta the company", "Meta said on Tuesday it would hire.", ["meta"], []],
    ["Meta's possessive", "Meta’s strategy changed.", ["meta"], []],
    ["metadata is not Meta", "The metadata of every file is kept.", [], ["meta"]],
    ["meta-analysis is not Meta", "A meta-analysis of 40 studies.", [], ["meta"]],
    ["Meta-analysis at sentence start is not Meta", "Meta-analysis shows an effect.", [], ["meta"]],
    ["FAIR the lab", "He led FAIR for a decade.", ["fair"], []],
    ["fair the adjective", "It was a fair deal.", [], ["fair"]],
    ["world models", "a world-model approach", ["world-models"], []],
    ["French world models", "les modèles du monde de LeCun", ["world-models", "yann-lecun"], []],
  ];
  it.each(cases)("%s", (_n, text, yes, no) => {
    const got = tagsOf(text);
    for (const t of yes) expect(got).toContain(t);
    for (const t of no) expect(got).not.toContain(t);
  });

  it("adds front-matter tags even without a mention, by slug or name", () => {
    expect(resolveTag(rules, "AMI Labs")).toBe("ami-labs");
    expect(resolveTag(rules, "llama")).toBe("llama");
    expect(resolveTag(rules, "nope")).toBeNull();
    expect(matchTags(rules, "Nothing here.", ["fair"])).toEqual([
      { slug: "fair", count: 0, source: "front-matter" },
    ]);
  });
});

describe("parseTaxonomy problems", () => {
  it.each([
    ["no tags list", "foo: 1", /no `tags:` list/],
    ["bad slug", "tags:\n  - slug: Bad Slug\n    name: X\n    aliases: [x]", /not lowercase/],
    [
      "duplicate slug",
      "tags:\n  - {slug: a, name: A, aliases: [a]}\n  - {slug: a, name: B, aliases: [b]}",
      /defined twice/,
    ],
    ["bad regex", "tags:\n  - slug: a\n    name: A\n    patterns: ['(']", /not a valid regular expression/],
    ["unknown field", "tags:\n  - {slug: a, name: A, alias: [a]}", /unknown tag field `alias`/],
  ])("%s", (_n, yaml, message) => {
    expect(parseTaxonomy(yaml).problems[0]?.message).toMatch(message);
  });
});

describe("identity", () => {
  it.each([
    ["000_33380f2230881e0f.txt", "000-33380f2230881e0f"],
    ["sub/Été à Paris.md", "ete-a-paris"],
    ["  weird__name!!.txt", "weird-name"],
  ])("slug of %s", (path, slug) => {
    expect(slugFromPath(path)).toBe(slug);
  });
  it("gives stable, distinct RFC 4122 v5-layout URNs", () => {
    const a = articleId("a");
    expect(a).toBe(articleId("a"));
    expect(a).not.toBe(articleId("b"));
    expect(a).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
