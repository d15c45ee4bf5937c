// Table-driven tests of the chrome shapes found by structure: captions by their credit, repeated blocks,
// the closing furniture (bios, credits, pitches, fine print, "About X"), section ends that stop the
// region, data lists and foreign-script quotes kept by context. Every text is written for these tests.
import { describe, expect, it } from "vitest";
import { hasCreditTail, isCreditLine } from "../../../src/pipeline/extract/captions";
import { cutAtBarrier } from "../../../src/pipeline/extract/classify";
import { features } from "../../../src/pipeline/extract/features";
import { ingest } from "../../../src/pipeline/extract/index";
import { lineRule } from "../../../src/pipeline/extract/rules";
import { stopwordsFor } from "../../../src/pipeline/extract/stopwords";
import { isBio, pitchCues } from "../../../src/pipeline/extract/tail";
import { isDateStamp, vocabularyKind } from "../../../src/pipeline/extract/vocab";

describe("captions found by their credit", () => {
  it.each([
    "The ferry leaves the harbour at dawn. Photo: Ines Moreau / The Coast Daily",
    "Le marché couvert un samedi matin. Photo Le Courrier du Val / Paul Simon",
    "Die Bürgermeisterin im Rathaus. Foto: Stadtblatt/Eva Roth",
    "Vista del puerto al amanecer. Foto: Diario del Sur",
    "A tram crosses the new bridge. (Dana Holt for The Evening Star)",
    "A crane lifts a beam over the river. Harbour Wire/Mark Lenz/File Photo",
    "Una grúa sobre el río. HERALDO GRÁFICO",
    "The old lighthouse at night. © Illustration Northlight",
    "Image caption The singer on stage in Leeds",
    "This image shows the comet's tail above the ridge. (Source: Space Agency)",
  ])("caption: %s", (line) => {
    expect(lineRule(line)).toBe("caption");
  });

  it.each([
    "The council met on Tuesday. It voted to delay the bridge until spring.",
    "More than 300 workers were sent home by the company on Monday, and unions called a strike. PTI",
    "Unemployment rose for the third month. (Source: Statistics Office)",
    "VOLKSWAGEN ID. BUZZ CARGO",
    "He said the plan would cost about 40 million euros over ten years.",
  ])("not a caption: %s", (line) => {
    expect(lineRule(line)).not.toBe("caption");
    expect(hasCreditTail(line)).toBe(false);
  });

  it.each(["(Image: © Space Agency/J. Doe)", "Credit...", "Photo: Jane Roe", "© Harbour Wire"])(
    "credit line: %s",
    (line) => {
      expect(isCreditLine(line)).toBe(true);
    },
  );
});

describe("single-line chrome", () => {
  it.each([
    ["Sponsored: Keep cool with the Polar 5 fan. Save 20% today.", "ad-label"],
    ["Anzeige: Jetzt Strom vergleichen", "ad-label"],
    ["See the full results of the count (opens in a new tab)", "link-label"],
    ["Consulta el calendario completo (se abre en una nueva pestaña)", "link-label"],
    ["Also on example.net Ministers reject the bridge plan", "related-links"],
    ["Czytaj także: Nowy most na rzece. Kiedy otwarcie?", "related-links"],
    ["Compartilhe: Facebook WhatsApp X Copiar link", "share-buttons"],
    ["Compartir Whatsapp Twitter Facebook Comentarios 45", "share-buttons"],
    ["Drucken Teilen Merken", "share-buttons"],
    ["Deel dit artikel", "share-buttons"],
  ])("%s -> %s", (line, rule) => {
    expect(lineRule(line)).toBe(rule);
  });

  it.each([
    ["Listen to this article · 6 min", "line"],
    ["Audio: Beitrag anhören (3 Min.)", "line"],
    ["Este artículo tiene más de un año", "line"],
    ["Tempo de leitura: 4 minutos", "line"],
    ["Réservé aux abonnés", "line"],
    ["Image 3 of 12", "line"],
    ["Back to Gallery", "line"],
    ["Was this article helpful?", "section-end"],
    ["War dieser Artikel hilfreich?", "section-end"],
    ["Najczęściej czytane", "section-end"],
    ["Notes to editors", "section-end"],
    ["Más información", "teaser-mark"],
    ["Saiba mais", "teaser-mark"],
    ["Read more about the bridge.", null],
  ])("vocabulary: %s -> %s", (line, kind) => {
    expect(vocabularyKind(line)).toBe(kind);
  });
});

describe("date stamps left in the body", () => {
  it.each([
    ["Updated 5:27 am CET, Wednesday, March 4, 2026", true],
    ["Published: Mar. 4, 2026, 6:18 p.m. Updated: Mar. 4, 2026, 7:10 p.m.", true],
    ["Mis à jour le 4 mars 2026 à 10h12", true],
    ["Aktualisiert: 04.03.2026, 09:15 Uhr", true],
    ["Posted by Dana Holt on March 4, 2026", false],
    ["Updated guidance was issued to schools in 2026.", false],
    ["Published figures show a rise", false],
  ])("%s -> %s", (line, want) => {
    expect(isDateStamp(line)).toBe(want);
  });
});

describe("closing furniture", () => {
  it.each([
    ["Dana Holt is a transport reporter at The Evening Star.", [], "named"],
    ["Dana Holt (@dholt) covers city hall and housing.", [], "named"],
    ["Mira van Dijk schrijft over techniek voor gewone lezers.", [], "named"],
    ["Inès Caron est journaliste au service sciences depuis 2019.", [], "named"],
    ["Lena Brandt ist Redakteurin im Ressort Wirtschaft.", [], "named"],
    ["Paula Reis é jornalista e cobre educação desde 2015.", [], "named"],
    ["Holt writes the weekly Transit Notes column from Leeds and Lyon.", ["Dana Holt"], "author"],
    ["The mayor said the bridge would open in spring.", [], null],
    ["Dana Holt said the bridge would open in spring.", [], null],
  ])("bio: %s", (text, authors, want) => {
    expect(isBio(text, authors as string[])).toBe(want);
  });

  it.each([
    ["Subscribe to our print edition: 12 issues for £19.99.", 3],
    ["Sign up for the Morning Brief, delivered to your inbox.", 2],
    ["Hazte socio desde 5 € al mes y apoya nuestro trabajo.", 3],
    ["The ticket costs €4 and the line runs every seven minutes.", 0],
    ["Contact the council at info@example.org for details.", 0],
  ])("pitch cues: %s", (text, n) => {
    expect(pitchCues(text)).toBe(n);
  });
});

describe("features", () => {
  it("has no stopword density for a quote in another script", () => {
    const f = features("مرحبا بكم في المدينة القديمة", stopwordsFor("id"));
    expect(f.foreign).toBe(true);
    expect(f.stopDensity).toBeNull();
  });

  it.each(["22:41", "00.34 BST", "9.30 am", "18:00 Uhr"])("a clock time alone: %s", (t) => {
    expect(features(t, null).clock).toBe(true);
  });
});

describe("the region ends at a section end unless much prose follows", () => {
  const block = (length: number, barrier = false) => ({
    slot: 0,
    cls: "good" as const,
    f: { length } as never,
    fixed: barrier,
    ...(barrier ? { barrier: true } : {}),
  });
  it.each([
    ["a bio after a link list", [900, 800, -1, 250], 1],
    ["the article goes on after a mid-page heading", [900, 800, -1, 700, 600], 4],
  ])("%s", (_name, lengths, end) => {
    const js = (lengths as number[]).map((l) => (l < 0 ? block(0, true) : block(l)));
    const final = js.map((j) => (j.fixed ? "bad" : "good")) as never;
    expect(cutAtBarrier(js, final, 0, js.length - 1)).toBe(end);
  });
});

// Captures written for these tests: a ferry story with chrome of one shape around it.
const F = [
  "The harbour board said on Monday that the new ferry would enter service in May, two months later than planned, because the builders had found faults in the steering gear during sea trials.",
  "Islanders who rely on the crossing have complained for years about cancelled sailings, and several of them told the board that another delay would cost shops and guest houses a whole season of visitors.",
  "The board's chair said the old ferry would stay in service until the new one was ready, and that extra sailings would be added at weekends to carry the cars and lorries that had been turned away last summer.",
  "A public meeting will be held at the ferry terminal next week, where the engineers are expected to explain the faults and answer questions from passengers and businesses on both sides of the water.",
];
const HEAD = "Harbour board delays the new island ferry";
const run = (parts: string[], title = HEAD) =>
  ingest({ file: "t.txt", body: [title, ...parts].join("\n\n"), format: "text", firstLine: 1 });

describe("chrome shapes in a capture", () => {
  const [a, b, c, d] = F as [string, string, string, string];
  it.each([
    [
      "a caption above its credit line",
      [a, "The new ferry in dry dock.\n(Image: © Harbour Board)", b, c],
      ["dry dock", "Harbour Board)"],
    ],
    [
      "a caption shown twice",
      [
        a,
        "The new ferry in dry dock at the yard on the mainland last week.",
        "The new ferry in dry dock at the yard on the mainland last week.",
        b,
        c,
      ],
      ["dry dock"],
    ],
    [
      "an author bio at the foot",
      [a, b, c, "Dana Holt is a transport reporter at The Island Times. She lives on the island."],
      ["Dana Holt"],
    ],
    ["a reporting credit", [a, b, c, "Sam Reid contributed reporting from the mainland."], ["Sam Reid"]],
    [
      "a subscription pitch",
      [a, b, "Get The Island Times delivered to your letterbox: 12 issues for £19.99.", c],
      ["letterbox"],
    ],
    [
      "a pitch at the foot",
      [a, b, c, "Did you enjoy this story? Tag @islandtimes and share it with a friend!"],
      ["Tag @islandtimes"],
    ],
    [
      "a medical disclaimer",
      [
        a,
        b,
        c,
        "This page is for informational purposes only and is not a substitute for professional medical advice.",
      ],
      ["informational purposes"],
    ],
    ["a download link with its size", [a, "Download the full timetable (PDF, 1.2 MB)", b, c], ["timetable"]],
    [
      "a helpful prompt and what follows it",
      [a, b, c, "Was this article helpful?", "Yes", "No", "Our editors review every page once a year."],
      ["helpful", "editors review"],
    ],
    [
      "fine print",
      [
        a,
        b,
        c,
        "The views expressed by our columnists do not necessarily reflect those of The Island Times.",
      ],
      ["views expressed"],
    ],
    [
      "company boilerplate under 'About'",
      [
        a,
        b,
        c,
        "About Harbour Ferries Ltd",
        "Harbour Ferries Ltd runs six routes between the mainland and the islands and employs 400 people.",
      ],
      ["About Harbour", "six routes"],
    ],
    [
      "a bio and a site footer after a link list",
      [
        a,
        b,
        c,
        "More Great Island Stories",
        "Lighthouse reopens to visitors",
        "School gets a new boat",
        "Dana Holt is a transport reporter at The Island Times and has covered the ferries since 2019, from the harbour office to the engine room of every boat on the routes.",
        "The Island Times is where the islands read their news. It has been published every week since 1921 and is owned by a trust that puts its profits back into local journalism and training.",
      ],
      ["Lighthouse", "Dana Holt", "published every week"],
    ],
    [
      "a link under 'Saiba mais'",
      [a, b, "Saiba mais", "Lighthouse reopens to visitors", c, d],
      ["Lighthouse"],
    ],
  ])("removes %s and keeps the article", (_name, parts, gone) => {
    const out = run(parts as string[]);
    for (const p of F.filter((x) => (parts as string[]).includes(x))) expect(out.text).toContain(p);
    for (const g of gone as string[]) expect(out.text).not.toContain(g);
  });

  it.each([
    ["a list of figures", [a, "Seats after the count:", "- Harbour Party: 9", "- Island Group: 5", b, c]],
    [
      "a list of quantities",
      [a, "You will need:", "500 g flour", "300 g water", "10 g salt", "2 sprigs rosemary", b, c],
    ],
    ["a line ending in a colon", [a, b, "The key points:", "- the ferry enters service in May", c]],
    ["a short line between two paragraphs", [a, "Then the vote.", b, c]],
  ])("keeps %s", (_name, parts) => {
    const out = run(parts as string[]);
    for (const p of parts as string[]) expect(out.text).toContain(p.replace(/^- /u, ""));
  });

  it("keeps a quote in another script between two paragraphs", () => {
    const id = [
      "Dewan kota pada hari Selasa menunda pemungutan suara tentang jembatan baru sampai musim semi, karena para insinyur meminta waktu lebih untuk mempelajari dasar sungai.",
      "Warga di kedua tepi sungai sudah menunggu jembatan itu selama lebih dari sepuluh tahun, dan banyak dari mereka mengatakan bahwa penundaan ini adalah janji yang diingkari lagi.",
    ];
    const quote = "مرحبا بكم في المدينة القديمة على ضفاف النهر الكبير";
    const out = ingest({
      file: "id.txt",
      body: ["Dewan kota menunda jembatan", id[0], quote, id[1]].join("\n\n"),
      format: "text",
      firstLine: 1,
    });
    expect(out.text).toContain(quote);
  });
});
