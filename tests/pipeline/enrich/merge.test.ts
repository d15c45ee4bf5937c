// One story, many sources: canonical URLs, the near-duplicate test and the merge of copies.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Draft } from "../../../src/pipeline/capture";
import { canonicalUrl } from "../../../src/pipeline/enrich/canonical";
import { mergeCopies } from "../../../src/pipeline/enrich/merge";
import {
  nearDuplicates,
  sameText,
  shingles,
  similarity,
  textPrint,
} from "../../../src/pipeline/enrich/neardup";
import { storyTerms } from "../../../src/pipeline/enrich/stories";
import type { Article } from "../../../src/shared/types";

describe("canonicalUrl", () => {
  it.each<[string, string | null]>([
    ["https://example.org/a/b", "https://example.org/a/b"],
    ["HTTP://WWW.Example.ORG:80/a/b/", "https://example.org/a/b"],
    ["https://example.org/a/b#comments", "https://example.org/a/b"],
    ["https://example.org/a?utm_source=rss&utm_medium=feed&fbclid=x&gclid=y", "https://example.org/a"],
    ["https://example.org/a?b=2&a=1&mc_cid=z", "https://example.org/a?a=1&b=2"],
    ["https://example.org/article?id=123", "https://example.org/article?id=123"],
    ["https://example.org:8443/a", "https://example.org:8443/a"],
    // A home page names a site, not an article: never a reason to merge.
    ["https://example.org/", null],
    ["https://example.org/?utm_source=x", null],
    ["mailto:a@example.org", null],
    ["not a url", null],
  ])("%s -> %s", (input, want) => {
    expect(canonicalUrl(input)).toBe(want);
  });
});

const STORIES = "tests/fixtures/stories";
const story = (name: string) => readFileSync(`${STORIES}/${name}`, "utf8");

describe("near-duplicate text", () => {
  const wire = story("llama4-a.txt");
  it("a copy with a different first line and a paragraph more is the same text", () => {
    const copy = `REUTERS - ${wire}\n\nThe company declined to comment further on the release.`;
    expect(sameText(similarity(shingles(wire), shingles(copy)))).toMatch(/^near-duplicate text/);
  });
  it("an excerpt (the first third) is contained in the whole", () => {
    const words = wire.split(" ");
    const half = words.slice(0, Math.ceil(words.length / 3)).join(" ");
    expect(sameText(similarity(shingles(half), shingles(wire)))).toMatch(/^one text contains the other/);
  });
  it.each([
    ["llama4-a.txt", "llama4-b.txt"],
    ["ami-funding-a.txt", "ami-funding-b.txt"],
    ["llama4-a.txt", "fair-layoffs.txt"],
  ])("two write-ups of one event are not the same text: %s, %s", (a, b) => {
    const s = similarity(shingles(story(a)), shingles(story(b)));
    expect(s.jaccard).toBeLessThan(0.2);
    expect(sameText(s)).toBeNull();
  });
  it("finds the pairs among many texts, whatever their position", () => {
    const texts = ["llama4-a.txt", "ami-funding-a.txt", "llama4-b.txt", "fair-layoffs.txt"].map(story);
    texts.push(`${texts[1]} One more sentence.`);
    expect(nearDuplicates(texts, textPrint).map((p) => [p.a, p.b])).toEqual([[1, 4]]);
  });
  it("prints a text as its sorted shingles and a signature, and a text without words without one", () => {
    const wirePrint = textPrint(wire);
    expect([...wirePrint.shingles]).toEqual([...shingles(wire)].sort((a, b) => a - b));
    expect(wirePrint.signature).toHaveLength(64);
    expect(textPrint(" -- ")).toEqual({ shingles: new Uint32Array(0), signature: null });
  });
  it("a short text is never 'contained' by chance", () => {
    expect(sameText(similarity(shingles("Meta released Llama 4 today."), shingles(wire)))).toBeNull();
  });
});

function draft(slug: string, over: Partial<Article>, rank: Draft["rank"] = {}): Draft {
  const article: Article = {
    id: `urn:uuid:${slug}`,
    slug,
    file: `corpus/${slug}.txt`,
    title: `Title of ${slug}`,
    subtitle: null,
    authors: [],
    publisher: null,
    url: null,
    language: "en",
    published: null,
    updated: null,
    captured: "2026-05-01T00:00:00Z",
    date: "2026-05-01T00:00:00Z",
    dateSource: "captured",
    summary: "",
    contentHtml: `<p>${slug}</p>`,
    text: `Unique text of ${slug} with enough words to stand alone here.`,
    wordCount: 10,
    tags: [],
    story: `urn:uuid:${slug}`,
    related: [],
    sources: [
      {
        kind: "capture",
        title: slug,
        id: null,
        link: null,
        feedUrl: null,
        url: null,
        file: `corpus/${slug}.txt`,
      },
    ],
    ...over,
  };
  return {
    article,
    rank,
    storyTerms: storyTerms(article.text),
    textPrint: textPrint(article.text),
    report: {
      id: article.id,
      slug,
      file: article.file,
      title: article.title,
      authors: [],
      publisher: null,
      date: article.date,
      dateSource: article.dateSource,
      dateLine: null,
      tags: article.tags.map((t) => ({
        slug: t,
        count: 1,
        source: "text" as const,
      })) as Draft["report"]["tags"],
      words: article.wordCount,
      linesKept: 1,
      removedByRule: {},
      story: article.id,
      related: [],
      warnings: [],
      evidence: {},
    },
  };
}

describe("mergeCopies", () => {
  const long = `${story("llama4-a.txt")}\n\nAn extra closing paragraph only the page kept.`;
  const page = draft(
    "page",
    {
      url: "https://news.example/llama-4",
      title: "Inferred title",
      text: long,
      wordCount: 400,
      captured: "2026-04-07T00:00:00Z",
      date: "2026-04-07T00:00:00Z",
      tags: ["meta"],
    },
    { title: 0 },
  );
  const item = draft(
    "item",
    {
      url: "http://www.news.example/llama-4/?utm_source=rss",
      title: "Declared title",
      authors: ["Ana Ruiz"],
      text: story("llama4-a.txt").slice(0, 400),
      published: "2026-04-05T10:00:00Z",
      date: "2026-04-05T10:00:00Z",
      dateSource: "dateline",
      captured: "2026-04-08T00:00:00Z",
      tags: ["llama"],
    },
    { title: 1, authors: 1, published: 1 },
  );
  const other = draft("other", { text: story("llama4-b.txt") });
  const order = ["llama", "meta"];

  it("merges by canonical URL, keeping the richest of each field and every source", () => {
    const r = mergeCopies([item, other, page], order);
    expect(r.drafts).toHaveLength(2);
    const m = r.drafts.find((d) => d.article.slug === "page")?.article;
    expect(m).toMatchObject({
      // id and slug of the copy that entered the corpus first
      id: "urn:uuid:page",
      // declared beats inferred; the earliest publication date; the longest body
      title: "Declared title",
      authors: ["Ana Ruiz"],
      published: "2026-04-05T10:00:00Z",
      date: "2026-04-05T10:00:00Z",
      dateSource: "dateline",
      captured: "2026-04-07T00:00:00Z",
      text: long,
      wordCount: 400,
      tags: ["llama", "meta"],
    });
    expect(m?.sources.map((s) => s.file)).toEqual(["corpus/page.txt", "corpus/item.txt"]);
    expect(r.merges).toEqual([
      {
        kept: { slug: "page", file: "corpus/page.txt" },
        merged: [{ slug: "item", file: "corpus/item.txt" }],
        links: [{ a: "item", b: "page", reason: "same canonical URL https://news.example/llama-4" }],
        bodyFrom: "page",
      },
    ]);
  });

  it("merges by text when the addresses differ, and never merges distinct write-ups", () => {
    const copy = draft("copy", { url: "https://other.example/x", text: `${long} Syndicated.` });
    const r = mergeCopies([page, copy, other], order);
    expect(r.drafts.map((d) => d.article.slug).sort()).toEqual(["other", "page"]);
    expect(r.merges[0]?.links[0]?.reason).toMatch(/^near-duplicate text \(Jaccard/);
  });

  it("gives the same result whatever the input order", () => {
    const a = mergeCopies([item, other, page], order);
    const b = mergeCopies([page, item, other], order);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("leaves a corpus without copies as it is", () => {
    const r = mergeCopies([page, other], order);
    expect(r.merges).toEqual([]);
    expect(r.drafts.map((d) => d.article)).toEqual(expect.arrayContaining([page.article, other.article]));
  });
});
