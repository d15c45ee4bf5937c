// The shapes and scorers that choose the header fields (src/pipeline/extract/fields/).
import { describe, expect, it } from "vitest";
import { parseMetaLine } from "../../../src/pipeline/extract/byline";
import { explain } from "../../../src/pipeline/extract/fields/evidence";
import { splitGluedDate } from "../../../src/pipeline/extract/fields/headline";
import {
  hostName,
  isAltTextShape,
  isBylineShape,
  isCallToAction,
  isNavRow,
  isPersonName,
  isTagline,
  slugSimilarity,
  slugWords,
} from "../../../src/pipeline/extract/fields/shapes";
import { ingest } from "../../../src/pipeline/extract/index";

describe("line shapes", () => {
  it.each([
    ["ARCHIVE    OPINION    SPORT    WEATHER", true],
    ["Home\tLocal\tSport", true],
    ["LocalSportWeatherPodcastsVideo", true],
    ["Council approves the tram line", false],
    ["YouTube and iPhone users complain", false],
  ])("navigation row: %s", (t, want) => expect(isNavRow(t)).toBe(want));

  it.each([
    ["Keep reading the full story", true],
    ["Return To Main Menu", true],
    ["Spread the word!", true],
    ["Manage your account", true],
    ["On ExampleTimes.com: Trams are back", true],
    ["Council approves the long-awaited tram line", false],
    ["Why the tram line matters!", false],
  ])("call to action: %s", (t, want) => expect(isCallToAction(t)).toBe(want));

  it.each([
    ["Nora Quist", true],
    ["Jan de Vries", true],
    ["Ann B. Lee", true],
    ["Frequently Asked Questions", false],
    ["Market Research", false],
    ["Opinion Columnist", false],
    ["Council approves the tram", false],
    ["Nora Quist, 2026", false],
  ])("person name: %s", (t, want) => expect(isPersonName(t)).toBe(want));

  it.each([
    ["Nora Quist, Transport Writer", true],
    ["Nora Quist and Ivo Brandt City Ledger", true],
    ["Trams and buses return to the centre", false],
  ])("unlabelled byline: %s", (t, want) => expect(isBylineShape(t)).toBe(want));

  it("knows taglines and alt text", () => {
    expect(isTagline("Daily transport intelligence for business leaders")).toBe(true);
    expect(isTagline("Council approves the tram line")).toBe(false);
    expect(isAltTextShape("Headshot of a smiling councillor")).toBe(true);
    expect(isAltTextShape("Image captionThe new tram at the depot")).toBe(true);
    expect(isAltTextShape("Council approves the tram line")).toBe(false);
  });

  it("reads a URL's slug and host", () => {
    const url = "https://www.city-ledger.example/2026/03/03/council-approves-tram-line.html";
    expect(slugWords(url)).toEqual(["council", "approves", "tram", "line"]);
    expect(slugWords("https://example.org/?p=123")).toEqual([]);
    expect(slugWords("not a url")).toEqual([]);
    expect(hostName(url)).toBe("city-ledger.example");
    expect(slugSimilarity("Council approves the long-awaited tram line", slugWords(url))).toBe(1);
  });

  it("splits a date glued under a headline", () => {
    expect(splitGluedDate("Council approves the tram line 3 March 2026 08:15")).toEqual([
      "Council approves the tram line",
      "3 March 2026 08:15",
    ]);
    expect(splitGluedDate("Council approves the tram lineMarch 3, 2026")).toEqual([
      "Council approves the tram line",
      "March 3, 2026",
    ]);
    expect(splitGluedDate("Ten things to know about 2026")).toEqual(["Ten things to know about 2026", null]);
  });

  it("explains a choice by its strongest cues", () => {
    expect(
      explain([
        { why: "a", weight: 1 },
        { why: "b", weight: -4 },
        { why: "c", weight: 3 },
      ]),
    ).toBe("b -4, c +3, a +1");
  });
});

describe("byline lines", () => {
  it.each([
    ["By Nora Quist · Reviewed by Dr. Ivo Brandt", ["Nora Quist"]],
    ["By Nora Quist, reviewed by Ivo Brandt, MD", ["Nora Quist"]],
    ["Author: Nora Quist", ["Nora Quist"]],
    ["Par Jeanne Roux", ["Jeanne Roux"]],
    ["Von Lena Vogt | 3. März 2026", ["Lena Vogt"]],
    ["Por Lucía Gómez", ["Lucía Gómez"]],
    ["Di Marco Rossi", ["Marco Rossi"]],
    ["Door Jan de Vries", ["Jan de Vries"]],
    ["Nora Quist | Transport Editor", ["Nora Quist"]],
    ["·6 min read·Ledger", []],
    ["Fact-checked by Ivo Brandt", []],
  ])("%s", (line, authors) => {
    expect(parseMetaLine(line)?.authors).toEqual(authors);
  });
});

describe("ingest explains its choices", () => {
  it("records the evidence of each field", () => {
    const out = ingest({
      file: "t.txt",
      body: "Ledger Daily\n\nCouncil approves the long-awaited tram line\n\nBy Nora Quist\n\nThe regional council approved the new tram line on Tuesday after a debate that lasted most of the night.",
      format: "text",
      firstLine: 1,
      url: "https://ledger-daily.example/council-approves-tram-line",
    });
    expect(out.title).toBe("Council approves the long-awaited tram line");
    expect(out.publisher).toBe("Ledger Daily");
    expect(out.evidence.title).toMatch(/^line 3: .*followed by a byline/u);
    expect(out.evidence.authors).toMatch(/^line 5: a labelled byline/u);
    expect(out.evidence.publisher).toMatch(/matches the URL's host/u);
    expect(out.warnings).toEqual([]);
  });

  it("warns when the headline is only a guess", () => {
    const out = ingest({ file: "t.txt", body: "Tram news\n\nshort text.", format: "text", firstLine: 1 });
    expect(out.problems).toEqual([]);
    expect(out.title).not.toBeNull();
    expect(out.warnings.length).toBe(1);
  });
});
