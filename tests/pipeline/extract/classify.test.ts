// Table-driven tests of the block classifier: its features, its context-free classes, the chrome
// vocabularies, and each chrome shape in a capture written for this test.
import { describe, expect, it } from "vitest";
import { initialClass } from "../../../src/pipeline/extract/classify";
import { features, scriptLength } from "../../../src/pipeline/extract/features";
import { ingest } from "../../../src/pipeline/extract/index";
import { stopwordsFor, stopwordsForText } from "../../../src/pipeline/extract/stopwords";
import { vocabularyKind } from "../../../src/pipeline/extract/vocab";

const EN = stopwordsFor("en");

describe("stopwords", () => {
  it.each(["en", "fr", "de", "es", "it", "pt", "nl", "ru", "ja", "ko", "id"])("has a list for %s", (lang) => {
    expect(stopwordsFor(lang)?.size ?? 0).toBeGreaterThan(50);
  });

  it("falls back to the list that explains the text when the detected one does not", () => {
    const tokens = "это было в тот день когда мы все были дома и он сказал что не придёт".split(" ");
    const set = stopwordsForText("en", tokens);
    expect(set?.has("это")).toBe(true);
  });
});

describe("features", () => {
  it.each([
    ["length counts ideographs as several letters", "東京で会議が開かれた。", (f: F) => f.length >= 30],
    ["a Japanese full stop ends a sentence", "東京で会議が開かれた。", (f: F) => f.sentenceEnd],
    ["no stopword density for unspaced scripts", "東京で会議が開かれた。", (f: F) => f.stopDensity === null],
    [
      "prose is dense in stopwords",
      "The council said that it would vote on the plan in the spring.",
      (f: F) => (f.stopDensity ?? 0) > 0.4,
    ],
    ["a menu is not", "Weather Traffic Sports Obituaries", (f: F) => (f.stopDensity ?? 1) < 0.2],
    ["Title Case is measured", "Weather Traffic Sports Obituaries", (f: F) => f.capitalised === 1],
    ["counters are numbers only", "17 30", (f: F) => f.counter],
    ["a bracketed count closes a link", "Council votes on the new bridge (214)", (f: F) => f.countTail],
    ["all capitals", "LATEST HEADLINES", (f: F) => f.allCaps],
    ["sentences are counted", "It rained. Then it stopped! Why?", (f: F) => f.sentences === 3],
  ])("%s", (_name, text, ok) => {
    expect(ok(features(text, EN))).toBe(true);
  });

  it("measures Hangul by syllable", () => {
    expect(scriptLength("한국어")).toBe(6);
  });
});

type F = ReturnType<typeof features>;

describe("initialClass", () => {
  const long =
    "The city council said on Tuesday that it would delay the vote on the new bridge until the spring, because the engineers had asked for more time to study the river bed and the cost of the work.";
  it.each([
    [long, "good"],
    ["Weather", "short"],
    ["The vote was delayed until the spring.", "neargood"],
    ["17 30", "bad"],
    ["Council Delays Vote On The New Bridge Until Spring After Engineers Ask For More Time", "short"],
    [
      "Weather Traffic Sports Obituaries Classifieds Jobs Homes Cars Rentals Coupons Contests Puzzles Horoscopes",
      "bad",
    ],
    [
      "Weather Traffic Sports Obituaries Classifieds Jobs Homes Cars Rentals Coupons contests puzzles horoscopes 2026 events calendar tickets",
      "bad",
    ],
  ])("%s -> %s", (text, cls) => {
    expect(initialClass(features(text, EN))).toBe(cls);
  });
});

describe("chrome vocabularies", () => {
  it.each([
    ["Continue reading the main story", "line"],
    ["ADVERTISEMENT", "line"],
    ["Listen to this article", "line"],
    ["opens new tab", "line"],
    ["Credit...Jane Roe for The Example Times", "line"],
    ["Share this:", "line"],
    ["Rating: 12 Votes", "line"],
    ["57 points by rivetgun", "line"],
    ["1.2K claps", "line"],
    ["This article is more than 4 years old", "line"],
    ["Drucken", "line"],
    ["Más información", "teaser-mark"],
    ["Copiar enlace", "line"],
    ["Ir a los comentarios", "line"],
    ["Archivado En", "section-end"],
    ["Lo más visto", "section-end"],
    ["Материалы по теме", "section-end"],
    ["More Great Gadget Stories", "section-end"],
    ["Popular on Example Weekly", "section-end"],
    ["Next Up In Science", "section-end"],
    ["Leave a comment", "section-end"],
    ["riverrat42 says:", "comment-mark"],
    ["The council said it would wait.", null],
    ["More than 300 residents signed the petition against the bridge last week.", null],
    ["Credit card fees are rising", null],
  ])("%s -> %s", (line, kind) => {
    expect(vocabularyKind(line)).toBe(kind);
  });
});

// Captures written for these tests: an article about a bridge, with chrome of one shape around it.
const P = [
  "The city council said on Tuesday that it would delay the vote on the new bridge until the spring, because the engineers had asked for more time to study the river bed.",
  "Residents on both banks have waited for the crossing for more than a decade, and many of them told the council that the delay was one more broken promise from the town hall.",
  "The mayor said the extra months would save money in the end, since a second survey of the soil could prevent the kind of costly repairs that the old bridge needed every year.",
  "A public meeting on the plan will be held next month in the library, where the engineers are expected to present the results of the survey and answer questions from the public.",
];
const TITLE = "Council delays vote on the river bridge";
const body = (parts: string[]): string => [TITLE, ...parts].join("\n\n");
const run = (parts: string[]) => ingest({ file: "t.txt", body: body(parts), format: "text", firstLine: 1 });

describe("chrome shapes in a capture", () => {
  const [a, b, c, d] = P as [string, string, string, string];
  it.each([
    ["a caption with a credit", [a, "The old bridge at dusk. Photo: Jane Roe / Reuters", b, c], ["Jane Roe"]],
    [
      "an advertisement label",
      [a, "ADVERTISEMENT", b, "Continue reading the main story", c],
      ["ADVERTISEMENT", "Continue reading"],
    ],
    [
      "a share row",
      [
        a,
        b,
        c,
        "Share this:\nClick to share on Facebook (Opens in new window)\nClick to print (Opens in new window)",
      ],
      ["Click to share"],
    ],
    ["a listen prompt", ["Listen to this article", a, b, c], ["Listen to this article"]],
    [
      "engagement counts",
      [a, b, "17 30", c, "57 points by rivetgun\n1.2K claps"],
      ["17 30", "points by", "claps"],
    ],
    ["an inline subscribe pitch", [a, b, "Subscribe to our newsletter", c, d], ["Subscribe"]],
    [
      "a newsletter form at the foot",
      [a, b, c, "Sign up for our newsletter", "Enter your email address", "Delivered every Friday morning"],
      ["Sign up", "email address", "Friday"],
    ],
    [
      "a comment thread",
      [
        a,
        b,
        c,
        "Leave a comment",
        "riverrat42 says:",
        "The bridge should have been built ten years ago, and everybody in the town knows it.",
        "Reply",
        "bankside says:",
        "I agree with the mayor that a second survey is worth the wait for all of us.",
        "Reply",
      ],
      ["riverrat42", "ten years ago", "I agree"],
    ],
    [
      "a link list without a known heading",
      [
        a,
        b,
        c,
        "More Great Town Stories",
        "Library opens a new reading room",
        "School buses get new routes",
        "Market hall to close for repairs",
      ],
      ["More Great", "reading room", "School buses"],
    ],
    [
      "topic tags at the foot",
      [a, b, c, "Topics", "Bridges", "City council", "Infrastructure"],
      ["Infrastructure"],
    ],
    ["an archive banner", ["This article is more than 4 years old", a, b, c], ["years old"]],
    [
      "a teaser list with timestamps",
      [
        a,
        b,
        c,
        "Other news",
        "Library opens a new reading room",
        "March 3, 2026",
        "The library on the main square opened a reading room for students who need a quiet place to work in the evening.",
        "School buses get new routes",
        "March 2, 2026",
        "The school district said the new routes would cut the morning ride for most pupils by about ten minutes.",
      ],
      ["reading room", "school district"],
    ],
  ])("removes %s and keeps the article", (_name, parts, gone) => {
    const out = run(parts as string[]);
    for (const p of P.filter((x) => (parts as string[]).includes(x))) expect(out.text).toContain(p);
    for (const g of gone as string[]) expect(out.text).not.toContain(g);
  });

  it("keeps a short line between two article paragraphs", () => {
    const out = run([a, "Then the vote.", b, c]);
    expect(out.text).toContain("Then the vote.");
  });

  it("drops the menu before the article and the link column after it", () => {
    const menu = ["Home", "News", "Sports", "Weather", "Opinion", "Obituaries", "Jobs"];
    const out = ingest({
      file: "t.txt",
      body: [...menu, TITLE, a, b, c, d, ...menu, "Contact the newsroom"].join("\n"),
      format: "text",
      firstLine: 1,
    });
    expect(out.text.startsWith(a)).toBe(true);
    expect(out.text.endsWith(d)).toBe(true);
  });

  it("does not render short leftovers as headings", () => {
    const out = run([a, b, "Jane Roe", "Bridge reporter", c]);
    expect(out.contentHtml).not.toContain("<h2>Jane Roe</h2>");
  });

  it("renders a real sub-heading as one", () => {
    const out = run([a, "What comes next", b, c]);
    expect(out.contentHtml).toContain("<h2>What comes next</h2>");
  });
});

describe("chrome shapes in other languages", () => {
  it("removes Spanish chrome", () => {
    const es = [
      "El ayuntamiento aplazó el martes la votación sobre el nuevo puente hasta la primavera, porque los ingenieros pidieron más tiempo para estudiar el lecho del río.",
      "Los vecinos de las dos orillas esperan el paso desde hace más de una década, y muchos de ellos dijeron que el retraso era otra promesa incumplida del ayuntamiento.",
      "El alcalde dijo que los meses de espera ahorrarían dinero al final, ya que un segundo estudio del suelo podría evitar reparaciones costosas como las del puente viejo.",
    ];
    const body = [
      "El ayuntamiento aplaza la votación del puente",
      "Copiar enlace",
      "Ir a los comentarios",
      ...es,
      "Más información",
      "Archivado En",
      "Puentes",
      "Urbanismo",
      "Lo más visto",
      "La biblioteca abre una sala nueva",
      "Los autobuses escolares cambian de ruta",
    ].join("\n\n");
    const out = ingest({ file: "es.txt", body, format: "text", firstLine: 1 });
    for (const p of es) expect(out.text).toContain(p);
    for (const g of [
      "Copiar enlace",
      "comentarios",
      "Más información",
      "Archivado",
      "Urbanismo",
      "Lo más visto",
      "biblioteca",
    ])
      expect(out.text).not.toContain(g);
  });

  it("removes German print buttons and Russian related links", () => {
    const de =
      "Der Stadtrat hat die Abstimmung über die neue Brücke am Dienstag auf das Frühjahr verschoben, weil die Ingenieure mehr Zeit für die Untersuchung des Flussbetts brauchen.";
    const ru =
      "Городской совет во вторник отложил голосование по новому мосту до весны, потому что инженеры попросили больше времени, чтобы изучить дно реки и стоимость работ.";
    const ru2 =
      "Жители обоих берегов ждут переправу уже больше десяти лет, и многие из них сказали, что это ещё одно нарушенное обещание городской власти.";
    const outDe = ingest({
      file: "de.txt",
      body: ["Brücke verschoben", de, de.replace("Dienstag", "Montag"), "Drucken"].join("\n\n"),
      format: "text",
      firstLine: 1,
    });
    expect(outDe.text).not.toContain("Drucken");
    const outRu = ingest({
      file: "ru.txt",
      body: [
        "Совет отложил голосование по мосту",
        ru,
        ru2,
        "Материалы по теме",
        "Библиотека открыла новый зал",
        "Школьные автобусы меняют маршруты",
      ].join("\n\n"),
      format: "text",
      firstLine: 1,
    });
    expect(outRu.text).toContain(ru);
    expect(outRu.text).toContain(ru2);
    expect(outRu.text).not.toContain("Библиотека");
  });

  it("keeps a Japanese article and drops its menu, by length in characters", () => {
    const ja = [
      "市議会は火曜日、新しい橋についての採決を春まで延期すると発表した。技術者が川底の調査にもっと時間が必要だと求めたためである。",
      "両岸の住民は十年以上も橋を待っており、多くの人が今回の延期は市役所のまた一つの約束違反だと話した。",
      "市長は、追加の調査によって将来の高額な修理を防ぐことができるので、結局は費用の節約になると説明した。",
    ];
    const body = [
      "ホーム",
      "ニュース",
      "スポーツ",
      "天気",
      "経済",
      "市議会、橋の採決を延期",
      ...ja,
      "ランキング",
      "天気",
      "スポーツ",
      "お問い合わせ",
      "利用規約",
      "プライバシー",
    ].join("\n");
    const out = ingest({ file: "ja.txt", body, format: "text", firstLine: 1 });
    for (const p of ja) expect(out.text).toContain(p);
    expect(out.text).not.toContain("ランキング");
    expect(out.text).not.toContain("ホーム");
  });
});
