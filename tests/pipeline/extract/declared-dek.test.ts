// The dek a page declares, found where it is printed: by its markup (html-dek.ts) or its description.
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { declaredDek, sameDek } from "../../../src/pipeline/extract/fields/declared-dek";
import { markedDek } from "../../../src/pipeline/extract/html-dek";
import type { DomDocument } from "../../../src/pipeline/extract/html-dom";
import type { Slot } from "../../../src/pipeline/extract/slots";

const slot = (text: string, kind: "line" | "heading" = "line"): Slot => ({
  u: { kind, text, line: 1, src: [{ line: 1, text }], blankBefore: true, indent: 0 },
  rule: null,
});
const LEDE = "The council voted on Tuesday to close the bridge for eight weeks from next month.";

describe("sameDek", () => {
  const cases: [string, string, string, boolean][] = [
    ["identical", "Two-year study will measure proficiency", "Two-year study will measure proficiency", true],
    ["case and spacing", "More Than 18,000  residents voted", "more than 18,000 residents voted", true],
    [
      "meta cut short",
      "The plant will supply two campuses with power for twenty years",
      "The plant will supply two campuses with power for",
      true,
    ],
    [
      "too short a prefix",
      "The plant will supply two campuses with power for twenty years",
      "The plant",
      false,
    ],
    ["another sentence", "Residents queued for hours", "The mayor conceded before midnight", false],
  ];
  it.each(cases)("%s", (_n, printed, declared, want) => expect(sameDek(printed, declared)).toBe(want));
});

describe("declaredDek", () => {
  it("takes the printed copy under the headline out of the body", () => {
    const slots = [slot("Headline here", "heading"), slot("A summary that the page declares"), slot(LEDE)];
    slots[0] = { ...(slots[0] as Slot), rule: "title" };
    expect(declaredDek(slots, 0, "A summary that the page declares")).toBe(
      "A summary that the page declares",
    );
    expect(slots[1]?.rule).toBe("dek");
  });
  const notDek: [string, Slot[], string, boolean][] = [
    [
      "a description cut with an ellipsis is an excerpt of the lede",
      [slot("Short dek line here ok"), slot(LEDE)],
      "Short dek line…",
      false,
    ],
    [
      "a description equal to the lede (a sentence) stays article",
      [slot(LEDE), slot(LEDE.replace("bridge", "road"))],
      LEDE,
      false,
    ],
    [
      "the body's only paragraph stays",
      [slot("A summary that the page declares")],
      "A summary that the page declares",
      true,
    ],
    [
      "too far down the page",
      [slot(LEDE), slot(LEDE), slot(LEDE), slot(LEDE), slot("A summary that the page declares")],
      "A summary that the page declares",
      true,
    ],
  ];
  it.each(notDek)("%s", (_n, slots, declared, marked) => {
    expect(declaredDek(slots, null, declared, marked)).toBeNull();
    expect(slots.every((s) => s.rule === null)).toBe(true);
  });
  it("a sentence is a dek when the markup names it so", () => {
    const slots = [slot(LEDE), slot(LEDE.replace("bridge", "road"))];
    expect(declaredDek(slots, null, LEDE, true)).toBe(LEDE);
  });
});

describe("markedDek", () => {
  const doc = (body: string) =>
    parseHTML(`<html><body>${body}</body></html>`).document as unknown as DomDocument;
  const cases: [string, string, string | null][] = [
    [
      "standfirst class",
      '<h1>T</h1><p class="article-standfirst">Five words make a dek here</p>',
      "Five words make a dek here",
    ],
    [
      "French chapô",
      '<p class="chapo">Le démonstrateur est monté à douze kilomètres</p>',
      "Le démonstrateur est monté à douze kilomètres",
    ],
    [
      "alternativeHeadline",
      '<h2 itemprop="alternativeHeadline">The contract would supply two campuses</h2>',
      "The contract would supply two campuses",
    ],
    [
      "a teaser card's subtitle is another article's",
      '<div class="card-subtitle">Another story about something else entirely</div>',
      null,
    ],
    ["too short", '<p class="subtitle">Two words</p>', null],
    ["no marked element", "<p>Just a paragraph of the article with words.</p>", null],
  ];
  it.each(cases)("%s", (_n, body, want) => expect(markedDek(doc(body))).toBe(want));
});
