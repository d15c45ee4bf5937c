// The headline and dek shapes (src/pipeline/extract/fields/caption.ts, rows.ts, dek.ts, headline.ts) and
// the choices they lead to on small captures written for these tests.
import { describe, expect, it } from "vitest";
import { isCaption } from "../../../src/pipeline/extract/fields/caption";
import { isDekShape } from "../../../src/pipeline/extract/fields/dek";
import { splitGluedDate } from "../../../src/pipeline/extract/fields/headline";
import {
  isLabelledByline,
  isMetaRow,
  isModifiedStamp,
  isTicker,
} from "../../../src/pipeline/extract/fields/rows";
import { isCjk, isTagline, wordsOf } from "../../../src/pipeline/extract/fields/shapes";
import { ingest } from "../../../src/pipeline/extract/index";

describe("caption shapes", () => {
  it.each([
    ["The old mill at dawn, before the flood. Photo: Jane Roe / Valley Wire", true],
    ["Фото: пресс-служба завода", true],
    ["Рабочие на стройке моста. Фото: Иван Петров", true],
    ["개발 중인 시험 모델. [사진=항공우주연구원 제공]", true],
    ["工場の生産ライン（写真：北浜新聞）", true],
    ["Voters queue outside the school on Tuesday. (Ann Lee for The Daily Ledger)", true],
    ["Dockers at the port of Brest, in 2025. AGENCE NORD", true],
    ["Landscape with poplars, 1958, oil on canvas. Private collection. Foto ufficio stampa", true],
    ["A crane at the harbour. Harbour Wire/Jan Olsen/File Photo", true],
    ["Cover art: a lighthouse at night. Artwork by Studio Nord", true],
    ["© Lena Vogt", true],
    ["Council approves the tram line after a long debate", false],
    ["Photo finish decides the derby in the last second", false],
    ["The photographer who changed how we see the city", false],
    ["Source code of the tram app is now public", false],
  ])("%s", (t, want) => expect(isCaption(t)).toBe(want));
});

describe("machinery rows", () => {
  it.each([
    ["Par Jeanne Roux · Relu par Paul Morel", true],
    ["Words by Ann Lee", true],
    ["Propos recueillis par Jean Dupont", true],
    ["Autor: Lena Vogt", true],
    ["Interview by Jonah Perl", true],
    ["기자명 김민수 기자", true],
    ["Di Maio says the coalition will hold", false],
    ["By the numbers: why trams cost more than buses", false],
    ["Bymarken gets a new tram line", false],
  ])("labelled byline: %s", (t, want) => expect(isLabelledByline(t)).toBe(want));

  it.each([
    ["57 points by rivet 3 hours ago | hide | past | 12 comments", true],
    ["Reaction score 2,114", true],
    ["Messages 88", true],
    ["1.3K claps", true],
    ["댓글 3 좋아요 40", true],
    ["posted il y a 3 heures", true],
    ["Opening Day 4.12.26", false],
    ["Council approves 3 new tram lines", false],
    ["Twelve ways the city could pay for the tram", false],
  ])("counter or meta row: %s", (t, want) => expect(isMetaRow(t)).toBe(want));

  it.each([
    ["AAPL +1.2%", true],
    ["DAX −0,4 %", true],
    ["TSLA ▼ 3.1%", true],
    ["Up 7% in a year", false],
    ["NASA delays the launch", false],
  ])("ticker: %s", (t, want) => expect(isTicker(t)).toBe(want));

  it.each([
    ["Last modified on Tue 5 May", true],
    ["Ultima modifica: 3 marzo 2026", true],
    ["Zuletzt aktualisiert am 4. März", true],
    ["Last call for the night tram", false],
  ])("modification stamp: %s", (t, want) => expect(isModifiedStamp(t)).toBe(want));

  it.each([
    ["Official website of the Northern Rail Authority", true],
    ["Site officiel de la ville de Brest", true],
    ["Official figures show the tram is late", false],
  ])("masthead statement: %s", (t, want) => expect(isTagline(t)).toBe(want));
});

describe("scripts without spaces", () => {
  it.each([
    ["市が新しい路面電車の計画を発表", true, 8],
    ["ミナト電機、新型モデルを発表", true, 7],
    ["시의회, 새 트램 노선 승인", false, 5],
    ["Council approves the tram line", false, 5],
  ])("%s", (t, cjk, words) => {
    expect(isCjk(t)).toBe(cjk);
    expect(wordsOf(t)).toBe(words);
  });
});

describe("dek shapes", () => {
  it.each([
    ["The council wants the line open by 2028, and the money is now in place", true],
    ["Two years late and 40 million over budget, the bridge finally opens", true],
    ["市は2028年までに全線開通を目指す", true],
    ["TSLA +4.2%", false],
    ["Dernière modification : 3 mars 2026 · lecture 5 min", false],
    ["Thread starter bob Start date Mar 3, 2026 Tags trams", false],
    ["Download the full report (PDF, 2 MB)", false],
    ["The old mill at dawn. Photo: Jane Roe", false],
    ["By Nora Quist and Ivo Brandt", false],
    ["Tram", false],
  ])("%s", (t, want) => expect(isDekShape(t, { dayFirst: true })).toBe(want));
});

describe("a date glued to the headline", () => {
  it.each([
    [
      "Council approves the tram line 3 Mar 2026 · 6 min read",
      false,
      ["Council approves the tram line", "3 Mar 2026"],
    ],
    [
      "Il consiglio approva la nuova linea del tram12 marzo 2026 ore 08:15",
      { dayFirst: true, language: "it" },
      ["Il consiglio approva la nuova linea del tram", "12 marzo 2026, 08:15"],
    ],
    ["Ten things to know about 2026", false, ["Ten things to know about 2026", null]],
  ] as const)("%s", (t, ctx, want) => expect(splitGluedDate(t, ctx)).toEqual(want));
});

const P1 =
  "The regional council approved the new tram line on Tuesday evening, after a debate that lasted most of the night and ended with a narrow vote.";
const P2 =
  "Work on the first section is due to start in the spring, and the council expects the trams to carry their first passengers within three years.";

describe("headline and dek on small captures", () => {
  it.each([
    [
      "a captioned photo above the headline",
      [
        "City Ledger",
        "The new depot at dawn. Photo: Jane Roe / City Ledger",
        "Council approves the tram line",
        "By Nora Quist",
        P1,
        P2,
      ],
      "Council approves the tram line",
      null,
    ],
    [
      "a labelled photo credit in Russian",
      [
        "Городские новости",
        "Фото: пресс-служба мэрии",
        "Совет одобрил новую линию трамвая",
        "Линия соединит вокзал с университетом за семь минут",
        "Городской совет во вторник одобрил строительство новой линии трамвая, которая соединит вокзал с университетом и будет работать с раннего утра до полуночи.",
        "Работы начнутся весной, а первые пассажиры смогут проехать по линии через три года, сообщили в пресс-службе.",
      ],
      "Совет одобрил новую линию трамвая",
      "Линия соединит вокзал с университетом за семь минут",
    ],
    [
      "a headline with its dek above the byline",
      [
        "Politics",
        "Council approves the tram line after a night of debate",
        "Opponents say the cost will rise; supporters expect the first trams in 2029",
        "By Nora Quist",
        "March 3, 2026",
        P1,
        P2,
      ],
      "Council approves the tram line after a night of debate",
      "Opponents say the cost will rise; supporters expect the first trams in 2029",
    ],
    [
      "a counter row above the headline",
      [
        "57 points by rivet 3 hours ago | hide | past | 12 comments",
        "Council approves the tram line after a night of debate",
        P1,
        P2,
      ],
      "Council approves the tram line after a night of debate",
      null,
    ],
    [
      "a headline above its kicker",
      [
        "Council approves the tram line after a night of debate",
        "ANALYSIS",
        "A narrow vote hides a deeper split over who pays for the city's transport",
        "By Nora Quist",
        "March 3, 2026",
        P1,
        P2,
      ],
      "Council approves the tram line after a night of debate",
      "A narrow vote hides a deeper split over who pays for the city's transport",
    ],
    [
      "a pull quote above the headline",
      [
        "THE INTERVIEW",
        '"We will build the line, whatever the cost turns out to be in the end"',
        "The mayor who bet her career on a tram line",
        "Interview by Jonah Perl",
        P1,
        P2,
      ],
      "The mayor who bet her career on a tram line",
      '"We will build the line, whatever the cost turns out to be in the end"',
    ],
    [
      "a Japanese headline with Latin letters",
      [
        "ミナト電機",
        "ニュースリリース",
        "2026年3月3日",
        "ミナト電機、Llamaを基盤とした新しい翻訳モデル「ミナトMT」を発表",
        "～社内サーバーで動作する版を用意～",
        "ミナト電機株式会社は、本日、新しい翻訳モデルの提供を開始しました。本製品は、公開されているモデルを基盤に、当社が独自に整備したデータで追加学習を行ったものです。",
        "今後は、画像の読み取りに対応した版の提供を予定しています。",
      ],
      "ミナト電機、Llamaを基盤とした新しい翻訳モデル「ミナトMT」を発表",
      "～社内サーバーで動作する版を用意～",
    ],
    [
      "a title made of markup and emoji",
      [
        "my.blog.example",
        '<b onmouseover="x()">Trams</b> & buses ]]> — a title that breaks readers 🚋',
        "Posted by Ivo Brandt",
        P1,
        "What each part tests",
        P2,
      ],
      '<b onmouseover="x()">Trams</b> & buses ]]> — a title that breaks readers 🚋',
      null,
    ],
  ])("%s", (_name, lines, title, dek) => {
    const out = ingest({ file: "t.txt", body: lines.join("\n\n"), format: "text", firstLine: 1 });
    expect(out.title).toBe(title);
    expect(out.subtitle).toBe(dek);
  });

  it("does not take a run of linked headlines for a headline and its dek", () => {
    const body = [
      "Council approves the tram line",
      "By Nora Quist",
      P1,
      "More from the city",
      "Library opens a new reading room for students",
      "School buses get new routes in the northern districts",
      "Market hall to close for three months of repairs",
      P2,
    ].join("\n\n");
    const out = ingest({ file: "t.txt", body, format: "text", firstLine: 1 });
    expect(out.title).toBe("Council approves the tram line");
    expect(out.subtitle).toBeNull();
  });

  it("keeps a first paragraph that a caption follows", () => {
    const body = ["Council approves the tram line", P1, "The depot at dawn. Photo: Jane Roe", P2].join(
      "\n\n",
    );
    const out = ingest({ file: "t.txt", body, format: "text", firstLine: 1 });
    expect(out.subtitle).toBeNull();
    expect(out.text).toContain(P1);
  });
});
