import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/pipeline/config";
import { formatProblem } from "../../src/pipeline/problems";
import type { CorpusFile, CorpusListing } from "../../src/pipeline/read/read";
import { assembleSite } from "../../src/pipeline/site";

const TAXONOMY = readFileSync("corpus/taxonomy.yaml");
const enc = (s: string) => new TextEncoder().encode(s);
const file = (rel: string, content: string | Uint8Array): CorpusFile => ({
  rel,
  display: `corpus/${rel}`,
  bytes: typeof content === "string" ? enc(content) : content,
});
const GOOD =
  "---\ncaptured: 2026-01-02\n---\nA headline about Meta\n\nMeta said on Tuesday it would publish more Llama 4 research. The lab explained why.\n";

function listing(articles: CorpusFile[], extra: Partial<CorpusListing> = {}): CorpusListing {
  return { articles, sidecars: [], taxonomy: file("taxonomy.yaml", TAXONOMY), unknown: [], ...extra };
}
function problemsOf(l: CorpusListing): string[] {
  const r = assembleSite(l, DEFAULT_SETTINGS);
  return r.ok ? [] : r.problems.map(formatProblem);
}

describe("bad input stops the build with file, line, problem and fix", () => {
  const cases: [string, CorpusListing, RegExp][] = [
    ["empty file", listing([file("empty.txt", "")]), /^corpus\/empty\.txt:1: is empty \(fix: /],
    [
      "binary file",
      listing([file("bin.txt", new Uint8Array([0x47, 0x49, 0x46, 0x0a, 0x00, 0xff]))]),
      /^corpus\/bin\.txt:2: is a binary file .*\(fix: save the article as plain UTF-8/,
    ],
    [
      "non-UTF-8 file",
      listing([file("latin1.txt", new Uint8Array([...enc("Titre\n\nCaf"), 0xe9]))]),
      /^corpus\/latin1\.txt:3: is not valid UTF-8 .*\(fix: re-save the file as UTF-8/,
    ],
    [
      "unclosed front matter",
      listing([file("a.txt", "---\ntitle: T\nBody text here.")]),
      /^corpus\/a\.txt:1: front matter opened with `---` is never closed/,
    ],
    [
      "invalid YAML",
      listing([file("a.txt", "---\ncaptured: 2026-01-01\ntitle: [oops\n---\nBody")]),
      /^corpus\/a\.txt:3: front matter is not valid YAML/,
    ],
    [
      "unknown field",
      listing([file("a.txt", "---\ncaptured: 2026-01-01\ntitel: T\n---\nHeadline\n\nBody text.")]),
      /^corpus\/a\.txt:3: unknown field `titel` \(fix: did you mean `title`\?/,
    ],
    [
      "impossible date",
      listing([file("a.txt", "---\npublished: 2026-02-30\n---\nHeadline\n\nBody text.")]),
      /^corpus\/a\.txt:2: `published`: 2026-02-30 is not a real calendar day/,
    ],
    [
      "two files with one id",
      listing([file("a.txt", GOOD), file("a.md", GOOD)]),
      /^corpus\/a\.md:1: has the same id "a" as corpus\/a\.txt/,
    ],
    [
      "no findable title",
      listing([file("a.txt", "---\ncaptured: 2026-01-01\n---\n")]),
      /^corpus\/a\.txt:\d+: (?:is empty|has no findable title)/,
    ],
    [
      "no date at all",
      listing([
        file(
          "a.txt",
          "A headline about Llama models\n\nBody text that has no dateline at all, only prose about the models.",
        ),
      ]),
      /^corpus\/a\.txt:1: shows no publication date, and no `published` or `captured` date is given \(fix: add `published: YYYY-MM-DD`/,
    ],
    [
      "unknown tag",
      listing([file("a.txt", "---\ncaptured: 2026-01-01\ntags: [llama, kittens]\n---\nHeadline\n\nBody.")]),
      /^corpus\/a\.txt:3: tag "kittens" is not in the taxonomy \(fix: use one of: llama, ami-labs, meta/,
    ],
    [
      "orphan sidecar",
      listing([file("a.txt", GOOD)], { sidecars: [file("b.meta.yaml", "captured: 2026-01-01")] }),
      /^corpus\/b\.meta\.yaml:1: describes an article that does not exist/,
    ],
    [
      "bad sidecar field",
      listing([file("a.txt", GOOD)], { sidecars: [file("a.meta.yaml", "url: nope")] }),
      /^corpus\/a\.meta\.yaml:1: `url` is "nope", not an absolute/,
    ],
    [
      "unknown file",
      listing([file("a.txt", GOOD)], { unknown: [file("photo.jpg", "x")] }),
      /^corpus\/photo\.jpg:1: is neither an article/,
    ],
    [
      "missing taxonomy",
      { ...listing([file("a.txt", GOOD)]), taxonomy: null },
      /^corpus\/taxonomy\.yaml:1: is missing/,
    ],
  ];
  it.each(cases)("%s", (_n, l, expected) => {
    const problems = problemsOf(l);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join("\n"),
    ).toBe(true);
    for (const p of problems) expect(p).toMatch(/^corpus\/\S+:\d+: .+ \(fix: .+\)$/);
  });

  // Issue 9, item 12: each message once, where the problem is written, with the fix.
  const BODY = "A headline about Meta\n\nMeta said on Tuesday it would publish more Llama 4 research.\n";
  it.each([
    [
      "a sidecar's unknown tag is reported on its tags line, with a did-you-mean",
      listing([file("b.txt", BODY)], {
        sidecars: [file("b.meta.yaml", "captured: 2026-01-01\nurl: https://example.org/x\ntags: [lama]\n")],
      }),
      ['corpus/b.meta.yaml:3: tag "lama" is not in the taxonomy (fix: did you mean `llama`? Or use one of:'],
    ],
    [
      "an in-file misspelt tag gets a did-you-mean too",
      listing([file("a.txt", `---\ncaptured: 2026-01-01\ntags: [Meta, ami-lab]\n---\n${BODY}`)]),
      ['corpus/a.txt:3: tag "ami-lab" is not in the taxonomy (fix: did you mean `ami-labs`? Or use one of:'],
    ],
    [
      "an unclosed front matter is reported alone, not with its consequence (no title)",
      listing([file("a.txt", "---\ncaptured: 2026-01-01\n\nbody never closed\n")]),
      ["corpus/a.txt:1: front matter opened with `---` is never closed (fix: "],
    ],
  ])("%s", (_n, l, starts) => {
    const problems = problemsOf(l);
    expect(problems).toHaveLength(starts.length);
    for (const [i, start] of starts.entries()) {
      expect(problems[i]?.startsWith(start), problems.join("\n")).toBe(true);
    }
  });

  it("lists every problem of every file in one run", () => {
    const problems = problemsOf(
      listing([
        file("empty.txt", ""),
        file(
          "a.txt",
          "---\npublished: 2026-02-30\ncolour: red\n---\nA real headline\n\nA body that has a sentence.",
        ),
      ]),
    );
    expect(problems).toHaveLength(3);
  });
});

describe("metadata precedence", () => {
  it("front matter beats sidecar beats inference", () => {
    const r = assembleSite(
      listing(
        [
          file(
            "a.txt",
            "---\ntitle: Given title\nauthor: Given Author\n---\nInferred headline here\n\nBy Someone Else\n\nMeta body text, long enough to count as a paragraph of the article.",
          ),
        ],
        {
          sidecars: [
            file(
              "a.meta.yaml",
              "title: Sidecar title\ncaptured: 2026-01-02\nurl: https://example.org/a\npublisher: Sidecar Times",
            ),
          ],
        },
      ),
      DEFAULT_SETTINGS,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const a = r.value.site.articles[0];
    expect(a).toMatchObject({
      title: "Given title",
      authors: ["Given Author"],
      url: "https://example.org/a",
      publisher: "Sidecar Times",
      dateSource: "captured",
      date: "2026-01-02T00:00:00Z",
      published: null,
    });
  });
  it("sorts newest first and dates the site by its newest article, never the clock", () => {
    const r = assembleSite(
      listing([
        file("old.txt", "---\npublished: 2025-01-01\n---\nOld headline\n\nOld body text about Meta."),
        file(
          "new.txt",
          "---\npublished: 2026-05-01T10:00:00Z\n---\nNew headline\n\nNew body text about Llama.",
        ),
      ]),
      DEFAULT_SETTINGS,
    );
    expect(r.ok && r.value.site.articles.map((a) => a.slug)).toEqual(["new", "old"]);
    expect(r.ok && r.value.site.updated).toBe("2026-05-01T10:00:00Z");
  });
});
