// Saved web pages through the build's own per-capture code: declared metadata, the sanitized body and
// bad input. The pages under pages/ are written for these tests (no real site's text).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { articleFromCapture, type Sidecar } from "../../../../src/pipeline/capture";
import { parseTaxonomy } from "../../../../src/pipeline/enrich/taxonomy";
import { sanitizeArticle } from "../../../../src/pipeline/extract/html-units";
import { formatProblem } from "../../../../src/pipeline/problems";
import type { Article } from "../../../../src/shared/types";

const RULES = parseTaxonomy(readFileSync("corpus/taxonomy.yaml", "utf8")).tags;
const PAGES = "tests/fixtures/html-pages";
const enc = (s: string) => new TextEncoder().encode(s);
const sidecar = (meta: Sidecar["meta"]): Sidecar => ({
  file: { display: "corpus/x.meta.yaml", rel: "x.meta.yaml", bytes: new Uint8Array() },
  meta,
});
const CAPTURED = sidecar({ captured: "2026-07-01T00:00:00Z" });

function run(name: string, side: Sidecar | undefined = CAPTURED, bytes?: Uint8Array) {
  return articleFromCapture(
    { display: `corpus/${name}`, rel: name, bytes: bytes ?? new Uint8Array(readFileSync(join(PAGES, name))) },
    name.replace(/\.[^.]+$/, ""),
    side,
    RULES,
    "en",
  );
}
function article(name: string, side?: Sidecar): Article {
  const r = run(name, side);
  expect(r.problems.map(formatProblem)).toEqual([]);
  const first = r.drafts[0];
  if (!first) throw new Error("no draft");
  return first.article;
}

describe("declared metadata wins over inference", () => {
  const cases: [string, string, Partial<Article>][] = [
    [
      "JSON-LD NewsArticle in an @graph, canonical link",
      "jsonld.html",
      {
        title: "Night buses to run all week & weekend",
        authors: ["Ana Ruiz", "Tom Berg"],
        publisher: "The Riverside Courier",
        published: "2026-03-10T07:30:00Z",
        updated: "2026-03-11T09:00:00Z",
        dateSource: "dateline",
        language: "en",
        url: "https://courier.example/news/night-buses",
        tags: ["meta"],
      },
    ],
    [
      "only OpenGraph and article:* tags (a profile URL is not an author name)",
      "opengraph.html",
      {
        title: "Harbour wall repairs begin",
        authors: ["Lena Vogt"],
        publisher: "Coastal Daily",
        published: "2026-04-02T06:00:00Z",
        language: "de",
        url: "https://coastal.example/2026/harbour-wall",
        tags: ["meta"],
      },
    ],
    [
      "neither: <title>, <time datetime>, <html lang>",
      "plain.html",
      {
        title: "Le marché couvert rouvre ses portes",
        authors: [],
        published: "2026-05-12T00:00:00Z",
        language: "fr",
        url: null,
      },
    ],
  ];
  it.each(cases)("%s", (_, name, want) => {
    expect(article(name)).toMatchObject(want);
  });

  it("the sidecar wins over what the page declares", () => {
    const a = article(
      "jsonld.html",
      sidecar({ title: "My title", published: "2026-01-01T00:00:00Z", authors: ["Someone Else"] }),
    );
    expect(a).toMatchObject({
      title: "My title",
      published: "2026-01-01T00:00:00Z",
      dateSource: "front-matter",
      authors: ["Someone Else"],
      publisher: "The Riverside Courier",
    });
  });
});

describe("the body keeps the article and loses the furniture", () => {
  const cases: [string, string, string[], string[]][] = [
    [
      "JSON-LD page",
      "jsonld.html",
      [
        "<h2>How it is paid for</h2>",
        "<li>Four new routes",
        "<blockquote><p>",
        "<th>Route</th>",
        "<em>the timetable</em>",
        '<a href="https://courier.example/maps/night">route map</a>',
      ],
      [
        "cookies",
        "comments",
        "western suburbs? We pay",
        "Tram strike",
        "All rights reserved",
        "Photo: Courier",
        "A night bus at the depot",
        "<h1",
        "Home",
      ],
    ],
    [
      "lazy-loaded images, gallery, newsletter box, share bar",
      "opengraph.html",
      ["four new sections"],
      ["<img", "data:", "Image 1 of 4", "newsletter", "Share on social", "The harbour wall"],
    ],
  ];
  it.each(cases)("%s", (_, name, kept, gone) => {
    const a = article(name);
    for (const k of kept) expect(a.contentHtml).toContain(k);
    for (const g of gone) expect(a.contentHtml).not.toContain(g);
    expect(a.text).not.toMatch(/<|>/);
  });
});

describe("a hostile page: nothing active survives", () => {
  const a = article("hostile.html");
  const forbidden: [string, RegExp][] = [
    ["script elements or their text", /<script|alert|injected script text/i],
    ["style", /<style|color:red|style=/i],
    [
      "iframes, objects and forms",
      /<iframe|iframe fallback|<object|<form|<input|<button|form value|Send form/i,
    ],
    ["event handlers", /\bon[a-z]+=/i],
    ["javascript: and data: URLs", /javascript|data:/i],
    ["images", /<img|<svg/i],
    ["protocol-relative links", /protocol-relative/],
  ];
  it.each(forbidden)("no %s", (_, re) => {
    expect(a.contentHtml).not.toMatch(re);
    expect(a.text).not.toMatch(/alert\(/);
  });
  it("keeps the article text and the one safe link", () => {
    expect(a.contentHtml).toContain('<a href="https://ok.example/page">a safe link</a>');
    expect(a.text).toContain("Click here");
  });
  it("allows only the small set of elements the other formats produce", () => {
    const tags = new Set([...a.contentHtml.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]));
    for (const t of tags)
      expect(["p", "a", "em", "strong", "code", "h2", "h3", "h4", "ul", "ol", "li"]).toContain(t);
  });
});

describe("the sanitizer's allow-list", () => {
  const cases: [string, string, string][] = [
    ["event handler", '<p onclick="x()">hi</p>', "<p>hi</p>"],
    ["javascript link", '<p><a href="javascript:x()">hi</a></p>', "<p><a>hi</a></p>"],
    ["data link", '<p><a href="data:text/html,x">hi</a></p>', "<p><a>hi</a></p>"],
    ["script text", "<p>a<script>x()</script>b</p>", "<p>ab</p>"],
    ["image", '<p>a<img src="x" alt="pic" onerror="x()">b</p>', "<p>ab</p>"],
    [
      "figure and caption",
      "<figure><img src=x><figcaption>Photo: A</figcaption></figure><p>t</p>",
      "<p>t</p>",
    ],
    ["iframe", '<iframe src="https://e.example">fallback</iframe><p>t</p>', "<p>t</p>"],
  ];
  it.each(cases)("%s", (_, input, want) => {
    expect(sanitizeArticle(input)).toBe(want);
  });
});

describe("bad input", () => {
  it("an HTML page with no article stops the build with file, line and fix", () => {
    const r = run("no-article.html");
    expect(r.drafts[0] ?? null).toBeNull();
    expect(r.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^corpus\/no-article\.html:4: is an HTML page with no article in it \(fix: /),
    ]);
  });
  it("unparseable JSON-LD and impossible declared dates are warnings, not errors", () => {
    const page = readFileSync(join(PAGES, "plain.html"), "utf8").replace(
      "<head>",
      '<head><script type="application/ld+json">{"@type": "NewsArticle", oops}</script>' +
        '<meta property="article:modified_time" content="2026-02-30">',
    );
    const r = run("broken-meta.html", CAPTURED, enc(page));
    expect(r.problems).toEqual([]);
    expect(r.drafts[0]?.article.updated).toBeNull();
    expect(r.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/JSON-LD block that is not valid JSON/),
      expect.stringMatching(/declares an update date "2026-02-30" that is not a date/),
    ]);
  });
});
