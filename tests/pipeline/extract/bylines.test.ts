// Bylines, dates and publishers by shape: one row per shape, each a small capture written for this test.
import { describe, expect, it } from "vitest";
import { parseMetaLine } from "../../../src/pipeline/extract/byline";
import { parseDateline } from "../../../src/pipeline/extract/dates";
import { ingest } from "../../../src/pipeline/extract/index";
import {
  cjkByline,
  forumPoster,
  isCountSegment,
  isSerialSegment,
} from "../../../src/pipeline/extract/segments";
import { imprintZone } from "../../../src/pipeline/extract/zones";

const PARA =
  "The harbour board said on Tuesday that the new breakwater would be finished before the winter storms, after two years of delays caused by a shortage of granite and a dispute with the main contractor over costs.";
const PARA2 =
  "Fishing crews welcomed the news but said they would believe it when they saw the last block in place, and several asked the board to publish the revised schedule so that moorings could be planned for the season.";

const run = (lines: string[], extra: { url?: string; captured?: string } = {}) =>
  ingest({ file: "t.txt", body: lines.join("\n"), format: "text", firstLine: 1, ...extra });

describe("byline segments", () => {
  it.each([
    ["Par Odile Ferrat · Relu par Marc Vidal", ["Odile Ferrat"]],
    ["Revisado por Ana Gil", []],
    ["Von Jonas Keller · geprüft von Lea Brandt", ["Jonas Keller"]],
    ["Propos recueillis par Claire Aubry", ["Claire Aubry"]],
    ["Hosted by Dana Whitlock", ["Dana Whitlock"]],
    ["Words by Ines Caldwell · Photography by Rob Tan", ["Ines Caldwell"]],
    ["Door Pim van Aalst · 12 reacties", ["Pim van Aalst"]],
    ["Av Maja Ekström", ["Maja Ekström"]],
    ["기자명 박서연 기자", ["박서연"]],
    ["이도현 기자 dhlee@example.co.kr", ["이도현"]],
    ["文：佐藤花子", ["佐藤花子"]],
    ["Issue #48 · Mar 3, 2026", []],
    ["By Nell Garrow 2026-09-03T08:15:00Z Harbour & Coast", ["Nell Garrow"]],
    ["Posted on 2026-05-02 · 3 comments", []],
  ])("%s", (line, authors) => {
    expect(parseMetaLine(line)?.authors).toEqual(authors);
  });

  it.each([
    ["Issue #48 · Mar 3, 2026", 1],
    ["Pressemitteilung Nr. 27 | 04.03.2026", 1],
    ["Posted on 2026-05-02 · 3 comments", 1],
  ])("keeps the date beside a counter or a serial number: %s", (line, n) => {
    expect(parseMetaLine(line, true)?.dates.length).toBe(n);
  });

  it.each([
    ["3 comments", true],
    ["Comentarios (45)", true],
    ["💬 128", true],
    ["댓글 0", true],
    ["Comments are closed", false],
  ])("counter %s: %s", (s, yes) => {
    expect(isCountSegment(s)).toBe(yes);
  });

  it.each([
    ["Issue #212", true],
    ["Pressemitteilung Nr. 014", true],
    ["n° 1182", true],
    ["Ausgabe 7/2026", true],
    ["Number one", false],
  ])("serial %s: %s", (s, yes) => {
    expect(isSerialSegment(s)).toBe(yes);
  });

  it.each([
    ["한지민 특파원", "한지민"],
    ["記者 王小明", null],
    ["山田太郎記者", "山田太郎"],
    ["서울 날씨", null],
  ])("East Asian byline %s", (s, name) => {
    expect(cjkByline(s)).toBe(name);
  });

  it.each([
    ["Thread starter fern_logic   Start date Apr 2, 2026", "fern_logic", null],
    ["88 points by tinwhistle 5 hours ago | hide | 40 comments", "tinwhistle", "5 hours ago"],
    ["Started by owl.byte 2 days ago · 9 replies", "owl.byte", "2 days ago"],
    ["submitted 4 hours ago by u/grey_heron", "grey_heron", "4 hours ago"],
    ["Points to remember by the river", null, null],
  ])("forum poster in %s", (line, name, ago) => {
    const p = forumPoster(line);
    expect(p?.name ?? null).toBe(name);
    if (name !== null) expect(p?.ago ?? null).toBe(ago);
  });
});

describe("dates a locale half reads", () => {
  it.each([
    ["15 marzo 2026 ore 09:10", "it", "2026-03-15", { h: 9, m: 10 }],
    ["12 april 2026 kl. 08.45", "sv", "2026-04-12", { h: 8, m: 45 }],
    ["Publicerad 3 april 2026", "sv", "2026-04-03", null],
    ["Uppdaterad 3 april 2026 10:15", "sv", "2026-04-03", { h: 10, m: 15 }],
  ])("%s (%s)", (s, language, day, time) => {
    const d = parseDateline(s, { language, dayFirst: true });
    expect(d && !("impossible" in d) ? d.date.slice(0, 10) : null).toBe(day);
    expect(d && !("impossible" in d) ? (d.time === null ? null : { h: d.time.h, m: d.time.m }) : "x").toEqual(
      time,
    );
  });

  it.each([
    [["Harbourline Ltd · London · Careers"], "Europe/London"],
    [["© 2026 Kestrel Media GmbH | Vienna"], "Europe/Vienna"],
    // Only the zone database's cities are known: one per zone.
    [["Harbourline Ltd · Edinburgh"], null],
    [["We met in London last spring · a long story"], null],
    [["Nome    E-mail    Mensagem"], null],
  ])("imprint %j", (lines, zone) => {
    expect(imprintZone(lines)?.zone ?? null).toBe(zone);
  });
});

interface Row {
  name: string;
  lines: string[];
  url?: string;
  captured?: string;
  authors?: string[];
  publisher?: string | null;
  date?: string | null;
}

const ROWS: Row[] = [
  {
    name: "a name alone past the dek, with the date under it",
    lines: [
      "Harbour Daily",
      "Breakwater to be finished before the storms",
      "Board promises the last granite block by October after two years of delays",
      "Nell Garrow",
      "Sep 3, 2026",
      PARA,
      PARA2,
    ],
    authors: ["Nell Garrow"],
    date: "2026-09-03",
  },
  {
    name: "two bare names under the datelines",
    lines: [
      "Harbour Daily",
      "Breakwater to be finished before the storms",
      "First published on Thu 3 Sep 2026 09.00 BST",
      "Nell Garrow and Idris Boateng",
      PARA,
      PARA2,
    ],
    authors: ["Nell Garrow", "Idris Boateng"],
  },
  {
    name: "a name above the headline that opens the bio at the foot",
    lines: [
      "Opinião",
      "Rui Salgado",
      "Breakwater to be finished before the storms",
      PARA,
      PARA2,
      "Rui Salgado is a columnist and a former harbour pilot.",
    ],
    authors: ["Rui Salgado"],
  },
  {
    name: "only an author bio at the foot",
    lines: [
      "Breakwater to be finished before the storms",
      "Issue #31 · Sep 3, 2026",
      PARA,
      PARA2,
      "Nell Garrow writes Harbour Notes from Stornoway every Thursday.",
    ],
    authors: ["Nell Garrow"],
    date: "2026-09-03",
  },
  {
    name: "a link aggregator's row: poster and age",
    lines: [
      "Breakwater to be finished before the storms",
      "57 points by saltmarsh_dev 3 days ago | hide | past | 12 comments",
      PARA,
      PARA2,
    ],
    captured: "2026-09-06",
    authors: ["saltmarsh_dev"],
    date: "2026-09-03",
  },
  {
    name: "an all-caps masthead takes the casing of the copyright line",
    lines: [
      "THE HARBOUR DAILY",
      "Breakwater to be finished before the storms",
      PARA,
      PARA2,
      "© 2026 The Harbour Daily",
    ],
    url: "https://www.harbourdaily.example/news/breakwater",
    publisher: "The Harbour Daily",
  },
  {
    name: "an all-caps masthead the page never writes otherwise stays as printed",
    lines: [
      "FARO",
      "Breakwater to be finished before the storms",
      PARA,
      PARA2,
      "FARO    Aviso legal    Cookies",
    ],
    url: "https://www.faro-diario.example/puerto/rompeolas",
    publisher: "FARO",
  },
  {
    name: "a bare acronym over its spelled-out name",
    lines: [
      "HBN",
      "Harbour Broadcasting Network",
      "Breakwater to be finished before the storms",
      PARA,
      PARA2,
      "© 2026 HBN",
    ],
    url: "https://hbn.example/news/breakwater",
    publisher: "Harbour Broadcasting Network",
  },
  {
    name: "an official website of the agency",
    lines: [
      "An official website of the Coastal Works Agency",
      "COASTAL WORKS AGENCY",
      "Breakwater to be finished before the storms",
      PARA,
      PARA2,
    ],
    publisher: "Coastal Works Agency",
  },
  {
    name: "a section word on the first line does not beat the host",
    lines: ["World", "Breakwater to be finished before the storms", PARA, PARA2],
    url: "https://www.harbourdaily.example/world/breakwater",
    publisher: "harbourdaily.example",
  },
  {
    name: "a masthead in the page's own script beats the romanised copyright line",
    lines: ["港湾日報", "防波堤、秋までに完成へ", PARA, PARA2, "株式会社港湾日報", "© Kowan Nippo Co., Ltd."],
    url: "https://www.kowan-nippo.example/news/1",
    publisher: "港湾日報",
  },
];

describe("fields chosen by evidence", () => {
  it.each(ROWS)("$name", (row) => {
    const out = run(row.lines, {
      ...(row.url ? { url: row.url } : {}),
      ...(row.captured ? { captured: `${row.captured}T00:00:00Z` } : {}),
    });
    expect(out.problems).toEqual([]);
    if (row.authors) expect(out.authors).toEqual(row.authors);
    if (row.publisher !== undefined) expect(out.publisher).toBe(row.publisher);
    if (row.date !== undefined) expect(out.dateline?.date.slice(0, 10) ?? null).toBe(row.date);
  });
});
