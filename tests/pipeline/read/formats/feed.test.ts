// Saved feeds: each item an article, ids from the feed's address and the item's guid/id (not the file
// name), content through the HTML sanitizer, and bad feeds or items reported.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { articleFromCapture, type Sidecar } from "../../../../src/pipeline/capture";
import { parseTaxonomy } from "../../../../src/pipeline/enrich/taxonomy";
import { formatProblem } from "../../../../src/pipeline/problems";
import type { Article } from "../../../../src/shared/types";

const RULES = parseTaxonomy(readFileSync("corpus/taxonomy.yaml", "utf8")).tags;
const FEEDS = "tests/fixtures/feeds";
const CAPTURED: Sidecar = {
  file: { display: "corpus/x.meta.yaml", rel: "x.meta.yaml", bytes: new Uint8Array() },
  meta: { captured: "2026-07-01T00:00:00Z" },
};
function run(name: string, rel = name) {
  return articleFromCapture(
    { display: `corpus/${rel}`, rel, bytes: new Uint8Array(readFileSync(join(FEEDS, name))) },
    rel.replace(/\.[^.]+$/, ""),
    CAPTURED,
    RULES,
    "en",
  );
}

describe("every flavour yields its items as articles", () => {
  const cases: [string, string, Partial<Article>[]][] = [
    [
      "RSS 2.0 (content:encoded, CDATA, relative link, HTML in a title, an item without a date)",
      "rss2.xml",
      [
        {
          title: "Night buses to run all week",
          url: "https://courier.example/news/night-buses",
          authors: ["Ana Ruiz"],
          publisher: "Riverside Courier",
          published: "2026-03-10T07:30:00Z",
        },
        { title: "Market reopens", published: null, date: "2026-07-01T00:00:00Z", dateSource: "captured" },
      ],
    ],
    [
      "Atom 1.0 (type=html title and content)",
      "atom.atom",
      [
        {
          title: "Harbour wall repairs begin",
          url: "https://coastal.example/2026/harbour-wall",
          authors: ["Lena Vogt"],
          published: "2026-04-02T06:00:00Z",
          updated: "2026-04-03T06:00:00Z",
        },
      ],
    ],
    [
      "RSS 1.0 / RDF (Dublin Core date and creator)",
      "rdf.rss",
      [{ title: "Wire story", authors: ["Wire Staff"], published: "2026-02-01T10:00:00Z" }],
    ],
    [
      "JSON Feed 1.1 (content_text)",
      "jsonfeed.json",
      [{ title: "A post", authors: ["Kim"], url: "https://blog.example/post-1", publisher: "Blog" }],
    ],
  ];
  it.each(cases)("%s", (_, name, want) => {
    const r = run(name);
    expect(r.problems.map(formatProblem)).toEqual([]);
    expect(r.drafts.map((d) => d.article)).toMatchObject(want);
  });

  it("item content is sanitized like a page", () => {
    const html = run("rss2.xml").drafts[0]?.article.contentHtml ?? "";
    expect(html).toMatch(/^<p>The council voted/);
    expect(html).not.toMatch(/script|alert|javascript/);
  });
});

describe("ids", () => {
  it("stay the same when the file is renamed", () => {
    const ids = (rel: string) => run("rss2.xml", rel).drafts.map((d) => d.article.id);
    expect(ids("renamed/other-name.xml")).toEqual(ids("rss2.xml"));
  });
  it("differ between items and name the source", () => {
    const slugs = run("rss2.xml").drafts.map((d) => d.article.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const s of slugs) expect(s).toMatch(/^courier-example-[0-9a-f]{12}$/);
  });
});

describe("bad feeds stop the build; bad items are left out with a warning", () => {
  it.each([
    ["broken.xml", /^corpus\/broken\.xml:1: is not a feed that can be read .*\(fix: /],
    ["empty.xml", /^corpus\/empty\.xml:1: is a feed with no usable items \(fix: /],
  ])("%s", (name, re) => {
    const r = run(name);
    expect(r.drafts).toEqual([]);
    expect(r.problems.map(formatProblem)).toEqual([expect.stringMatching(re)]);
  });
  it("a duplicate guid and an item with neither id nor link", () => {
    const r = run("rss2.xml");
    expect(r.warnings.map(formatProblem)).toEqual([
      expect.stringMatching(/^corpus\/rss2\.xml:\d+: item 2 .* repeats the id "courier-1001"/),
      expect.stringMatching(/^corpus\/rss2\.xml:\d+: item 4 .* has no guid, id or link/),
    ]);
  });
});
