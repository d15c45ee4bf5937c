// Table-driven unit tests: single lines -> rule (or null = may be content), dates, bylines, language.
import { describe, expect, it } from "vitest";
import { parseMetaLine } from "../../../src/pipeline/extract/byline";
import { parseDateline } from "../../../src/pipeline/extract/dates";
import { ingest, normalizeText } from "../../../src/pipeline/extract/index";
import { detectLanguage } from "../../../src/pipeline/extract/language";
import { lineRule } from "../../../src/pipeline/extract/rules";
import { splitGluedRow } from "../../../src/pipeline/extract/tables";

describe("lineRule", () => {
  it.each([
    ["Skip to main content", "skip-link"],
    ["Aller au contenu principal", "skip-link"],
    ["Image Not FoundImage Not Found", "image-placeholder"],
    ["[image]", "image-placeholder"],
    ["Photo:", "image-placeholder"],
    ["Photo: Jane Roe/Getty Images", "caption"],
    ["Editorial illustration for Some Headline Here", "caption"],
    ["(Credit: Energy Agency)", "caption"],
    ["The CEO speaks in Paris. (Photo by John Smith/AFP)", "caption"],
    ["Open App", "app-banner"],
    ["Download our app", "app-banner"],
    ["Search", "search-box"],
    ["Advertisement", "ad-label"],
    ["Publicité", "ad-label"],
    ["Sponsored", "ad-label"],
    ["Share", "share-buttons"],
    ["Facebook Twitter LinkedIn Email", "share-buttons"],
    ["FacebookTwitterWhatsApp", "share-buttons"],
    ["Follow us on X", "share-buttons"],
    ["We use cookies to improve your experience. Accept all", "cookie-banner"],
    ["Tout refuser", "cookie-banner"],
    ["Subscribe to our newsletter", "newsletter"],
    ["Get the best stories straight to your inbox", "newsletter"],
    ["Explore more exclusive insights at example.ai.", "promo"],
    ["This article was originally published on Example Blog.", "promo"],
    ["© 2026 Example Media. All rights reserved.", "copyright"],
    ["Tous droits réservés", "copyright"],
    ["Tags: AI, Meta, Llama", "tags-list"],
    ["Read more: Another story about Llama", "related-links"],
    ["À lire aussi : Meta lance Llama 5", "related-links"],
    ["Home | News | Sport | Contact", "menu"],
    ["Accueil > Technologie > IA", "breadcrumb"],
    ["Privacy Policy", "menu"],
    ["---", "separator"],
    ["Leave a comment", "comments"],
    ["Media contact: press@example.com", "contact"],
  ])("%s -> %s", (line, rule) => {
    expect(lineRule(line)).toBe(rule);
  });

  it.each([
    "Meta shares rose 3 percent after the announcement.",
    "The paradigmatic divide is stark:",
    "Landscape Assessment",
    "Search engines are changing how people find news, analysts said.",
    "The company said it would advertise the new model heavily.",
    "Readers can subscribe to the service for 10 euros a month, the company said in a statement on Tuesday.",
    "LinkedIn said on Monday it would cut 5 percent of its staff.",
    "Photographers gathered outside the courthouse.",
    "Frequently Asked Questions",
    "Llama 4 releasedApril 2026",
  ])("keeps content: %s", (line) => {
    expect(lineRule(line)).toBeNull();
  });
});

describe("parseDateline", () => {
  it.each([
    ["Published March 11, 2026", "2026-03-11T00:00:00Z"],
    ["Updated: 2026-03-11", "2026-03-11T00:00:00Z"],
    ["November 19, 2025", "2025-11-19T00:00:00Z"],
    ["Publié le 12 mars 2026", "2026-03-12T00:00:00Z"],
    ["Mis à jour le 3 février 2026", "2026-02-03T00:00:00Z"],
    ["3. Februar 2026", "2026-02-03T00:00:00Z"],
    ["5 de abril de 2026", "2026-04-05T00:00:00Z"],
    // A time without a zone keeps the day here; meta.ts decides its zone.
    ["Wednesday, March 11, 2026 at 3:45 PM", "2026-03-11T00:00:00Z"],
    ["2026-03-11T14:30:00+01:00", "2026-03-11T13:30:00Z"],
    // US summer time began on 8 March 2026: ET is EDT (-4).
    ["March 11, 2026 10:00 ET", "2026-03-11T14:00:00Z"],
  ])("%s -> %s", (s, date) => {
    expect(parseDateline(s)).toEqual(expect.objectContaining({ date }));
  });

  it("reads 12/03/2026 day first outside English and month first in English", () => {
    expect(parseDateline("12/03/2026", true)).toEqual(
      expect.objectContaining({ date: "2026-03-12T00:00:00Z" }),
    );
    expect(parseDateline("12/03/2026", false)).toEqual(
      expect.objectContaining({ date: "2026-12-03T00:00:00Z" }),
    );
  });

  it.each(["February 30, 2026", "31/04/2026", "2026-13-01"])("flags the impossible date %s", (s) => {
    const r = parseDateline(s, true);
    expect(r === null || "impossible" in r).toBe(true);
    if (s === "February 30, 2026") expect(r).toEqual(expect.objectContaining({ impossible: s }));
  });

  it.each([
    "in late 2022",
    "on January 26, 2026, LeCun said",
    "April 2026",
    "Llama 4 releasedApril 2026",
    "10,000",
  ])("is not a dateline: %s", (s) => {
    expect(parseDateline(s)).toBeNull();
  });
});

describe("parseMetaLine", () => {
  it.each([
    ["By Jane Doe", ["Jane Doe"]],
    ["By Jane Doe and John Smith | March 11, 2026", ["Jane Doe", "John Smith"]],
    ["Par Jean Dupont", ["Jean Dupont"]],
    ["Von Anna Schmidt | 3. Februar 2026", ["Anna Schmidt"]],
    ["Summarized by Example AI", ["Example AI"]],
    ["Jane Doe · March 11, 2026 · 5 min read", ["Jane Doe"]],
    ["By JANE DOE, Staff Writer", ["Jane Doe"]],
    ["Lyon, France – March 18, 2026", []],
    ["Posted on 2026-02-03 by Lena Fischer", ["Lena Fischer"]],
  ])("%s", (line, authors) => {
    expect(parseMetaLine(line)?.authors).toEqual(authors);
  });

  it.each([
    "By 2028, most models will be open.",
    "By contrast, the startup is small.",
    "Jane Doe",
    "World | Business",
  ])("not a meta line: %s", (line) => {
    expect(parseMetaLine(line)).toBeNull();
  });
});

describe("glued tables", () => {
  it.each([
    ["Llama 4 releasedApril 2026", ["Llama 4 released", "April 2026"]],
    [
      "Llama community contributors exceed 10,000Q1 2026",
      ["Llama community contributors exceed 10,000", "Q1 2026"],
    ],
    ["Yann LeCun leftNovember 2025", ["Yann LeCun left", "November 2025"]],
    ["No glue here", null],
  ])("%s", (row, cells) => {
    expect(splitGluedRow(row, 2)).toEqual(cells);
  });
});

describe("detectLanguage", () => {
  it.each([
    [
      "The company said on Tuesday that it would cut jobs in the region and move them to its main office.",
      "en",
    ],
    [
      "Le gouvernement a annoncé mardi qu'il allait investir dans la recherche et les universités du pays.",
      "fr",
    ],
    ["Die Regierung hat am Dienstag angekündigt, dass sie mehr Geld für die Forschung ausgeben wird.", "de"],
    [
      "El gobierno anunció el martes que invertirá más dinero en la investigación y en las universidades.",
      "es",
    ],
    [
      "Il governo ha annunciato che investirà nella ricerca e nelle università del paese con un nuovo piano.",
      "it",
    ],
    ["", "en"],
  ])("%s -> %s", (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

describe("normalizeText", () => {
  it.each([
    ["\uFEFFa\r\nb\rc", "a\nb\nc"],
    ["e\u0301", "é"],
    ["a\tb", "a b"],
    ["a\u0000b\u0007c\u0085d", "abcd"],
    ["a\uFFFEb\uFDD0c", "abc"],
    ["lone \uD800 surrogate", "lone  surrogate"],
    ["emoji 👩‍💻 and עברית", "emoji 👩‍💻 and עברית"],
  ])("%j", (input, output) => {
    expect(normalizeText(input)).toBe(output);
  });
});

describe("structure rules in context", () => {
  const run = (body: string, format: "text" | "markdown" = "text") =>
    ingest({ file: "t.txt", body, format, firstLine: 1 });
  const ruleOf = (body: string, needle: string) =>
    run(body).removed.find((r) => r.text.includes(needle))?.rule ?? "kept";

  it.each([
    [
      "C\nExample Site\n\nA Long Enough Headline About Things\n\nBody paragraph with enough words to be real content here.",
      "C",
      "logo-glyph",
    ],
    [
      "C\nExample Site\n\nA Long Enough Headline About Things\n\nBody paragraph with enough words to be real content here.",
      "Example Site",
      "masthead",
    ],
    [
      "A smiling woman in a red jacket stands on a stage. She is against a blue background.\n\nThe Headline Of The Story Here\n\nBody text that goes on for a while, with plenty of words in it.",
      "A smiling woman",
      "alt-text",
    ],
    [
      "The Headline Of The Story Here\n\nThe Headline Of The Story Here\n\nBody text that goes on for a while, with plenty of words in it.",
      "The Headline",
      "title",
    ],
    [
      "Headline Goes Right Here Today\n\nBody text that goes on for a while, with plenty of words in it.\n\nRelated Reading\n\n- A - B - C",
      "- A - B - C",
      "related-links",
    ],
    [
      "Headline Goes Right Here Today\n\nBody text that goes on for a while, with plenty of words in it.\n\nInsights\n\nWhat is A?\n\nWhat is B?\n\nWhat is C?",
      "What is B?",
      "seo-questions",
    ],
    [
      "Headline Goes Right Here Today\n\nBody text that goes on for a while, with plenty of words in it.\n\nFAQ\n\nWhat is A?\n\nA is a letter of the alphabet used in many words.\n\nWhat is B?\n\nB comes after A in the alphabet, as everyone knows.",
      "What is B?",
      "kept",
    ],
  ])("%#: %s", (body, needle, rule) => {
    expect(ruleOf(body, needle)).toBe(rule);
  });

  it("strips a '<Site> News - ' prefix but keeps the paragraph", () => {
    const out = run(
      "Example\n\nA Headline With Several Words\n\nExample News - The company said on Monday that it had agreed to buy a rival.",
    );
    expect(out.text).toBe("The company said on Monday that it had agreed to buy a rival.");
    expect(out.publisher).toBe("Example");
  });

  it("turns short lines between paragraphs into h2 and keeps bullets of every kind", () => {
    const out = run(
      "Title Of The Piece Here\n\nIntro paragraph that is long enough to be a real paragraph of prose.\n\nA Section\n\nMore prose that follows the section heading in this piece.\n\n• one\n* two\n- three\n\n  1. first\n  2. second",
    );
    expect(out.contentHtml).toContain("<h2>A Section</h2>");
    expect(out.contentHtml).toContain("<ul><li>one</li><li>two</li><li>three</li></ul>");
    expect(out.contentHtml).toContain("<ol><li>first</li><li>second</li></ol>");
  });

  it("records one removal per removed source line, with line numbers offset by firstLine", () => {
    const out = ingest({
      file: "x.txt",
      body: "Advertisement\n\nSome Headline For The Test\n\nBody text long enough to be a paragraph of the article.",
      format: "text",
      firstLine: 5,
    });
    expect(out.removed).toContainEqual({ rule: "ad-label", line: 5, text: "Advertisement" });
    expect(out.removed).toContainEqual({ rule: "title", line: 7, text: "Some Headline For The Test" });
  });

  it("uses a front-matter title and still removes its repeats", () => {
    const out = ingest({
      file: "x.txt",
      body: "Given Title Of The Article\n\nBody text long enough to be a paragraph of the article.",
      format: "text",
      firstLine: 1,
      title: "Given Title of the Article",
    });
    expect(out.title).toBe("Given Title of the Article");
    expect(out.text).toBe("Body text long enough to be a paragraph of the article.");
  });

  it("titles a capture with no findable headline after its file name, with a warning, not an error", () => {
    const out = run("this is all lowercase prose without any heading at all, and it goes on for a while.");
    expect(out.title).toBe("t");
    expect(out.problems).toEqual([]);
    expect(out.warnings.map((w) => w.fix).join(" ")).toMatch(/title: \.\.\./u);
  });
});
