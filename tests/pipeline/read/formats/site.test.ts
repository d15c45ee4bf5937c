// End to end through assembleSite: a corpus mixing a text capture and saved pages builds into one
// site whose HTML articles are rendered, tagged, dated and grouped like text ones.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../../../src/pipeline/config";
import { formatProblem } from "../../../../src/pipeline/problems";
import type { CorpusFile, CorpusListing } from "../../../../src/pipeline/read/read";
import { assembleSite } from "../../../../src/pipeline/site";

const PAGES = "tests/fixtures/html-pages";
const enc = (s: string) => new TextEncoder().encode(s);
const file = (rel: string, content: string | Uint8Array): CorpusFile => ({
  rel,
  display: `corpus/${rel}`,
  bytes: typeof content === "string" ? enc(content) : content,
});
const page = (name: string) => file(name, new Uint8Array(readFileSync(join(PAGES, name))));
const TEXT = `---\ncaptured: 2026-03-12\n---\nCouncil approves night buses for the north\n\n${readFileSync(
  join(PAGES, "jsonld.html"),
  "utf8",
)
  .match(/<p>The city council[^<]*<\/p>|<p>Under the plan[^<]*/g)
  ?.map((p) => p.replace(/<\/?p>/g, ""))
  .join("\n\n")}\n`;

function listing(articles: CorpusFile[], sidecars: CorpusFile[] = []): CorpusListing {
  return {
    articles,
    sidecars,
    taxonomy: file("taxonomy.yaml", readFileSync("corpus/taxonomy.yaml")),
    unknown: [],
  };
}

describe("a corpus of .txt, .html and feed captures", () => {
  const r = assembleSite(
    listing(
      [
        file("buses.txt", TEXT),
        page("jsonld.html"),
        page("plain.html"),
        page("opengraph.html"),
        file("wire.rss", new Uint8Array(readFileSync("tests/fixtures/feeds/rdf.rss"))),
        file("wire-saved-again.rss", new Uint8Array(readFileSync("tests/fixtures/feeds/rdf.rss"))),
      ],
      [file("plain.meta.yaml", "captured: 2026-05-13\n")],
    ),
    DEFAULT_SETTINGS,
  );
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  const bySlug = new Map(r.value.site.articles.map((a) => [a.slug, a]));

  it("builds every capture into one article, newest first", () => {
    expect(r.value.site.articles.map((a) => a.slug)).toEqual([
      "plain",
      "opengraph",
      "jsonld",
      "old-example-460569c64c60",
    ]);
  });
  it("keeps one copy of a feed item that two files hold, with a warning", () => {
    expect(r.value.warnings.map(formatProblem)).toContainEqual(
      expect.stringMatching(
        /^corpus\/wire-saved-again\.rss:1: holds "Wire story", already read from corpus\/wire\.rss/,
      ),
    );
  });
  it("gives HTML articles rendered content, tags and their declared dates", () => {
    const a = bySlug.get("jsonld");
    expect(a?.contentHtml).toMatch(/^<p>The city council/);
    expect(a?.tags).toContain("meta");
    expect(a?.date).toBe("2026-03-10T07:30:00Z");
    expect(bySlug.get("plain")?.captured).toBe("2026-05-13T00:00:00Z");
  });
  it("makes a text capture of a saved page's paragraphs and that page one article with both sources", () => {
    // The text holds two of the page's paragraphs: the same article (one contains the other), so it is
    // merged into the page, which entered the corpus first, rather than shown twice.
    expect(bySlug.has("buses")).toBe(false);
    const a = bySlug.get("jsonld");
    expect(a?.sources.map((s) => [s.kind, s.file])).toEqual([
      ["page", "corpus/jsonld.html"],
      ["capture", "corpus/buses.txt"],
    ]);
    expect(a?.title).toBe("Night buses to run all week & weekend");
    expect(r.value.merges).toEqual([
      expect.objectContaining({
        kept: { slug: "jsonld", file: "corpus/jsonld.html" },
        merged: [{ slug: "buses", file: "corpus/buses.txt" }],
        links: [expect.objectContaining({ reason: expect.stringMatching(/^one text contains the other/) })],
      }),
    ]);
  });
  it("stops the build on a page with no article, naming the file and line", () => {
    const bad = assembleSite(listing([file("buses.txt", TEXT), page("no-article.html")]), DEFAULT_SETTINGS);
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems.map(formatProblem)).toEqual([
        expect.stringMatching(/^corpus\/no-article\.html:4: is an HTML page with no article in it/),
      ]);
  });
});
