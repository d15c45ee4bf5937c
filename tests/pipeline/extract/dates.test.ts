// Which date is the article's, one row per date shape, each a small capture written for this test.
import { describe, expect, it } from "vitest";
import { parseDateline } from "../../../src/pipeline/extract/dates";
import { ingest } from "../../../src/pipeline/extract/index";
import { textUnits } from "../../../src/pipeline/extract/units";

const BODY: Record<string, string[]> = {
  en: [
    "The regional water board said on its website that the reservoir had fallen to its lowest level in a decade, and that households would be asked to cut their use by a fifth over the coming weeks.",
    "Farmers in the valley said the restrictions came too late for the spring planting, while the board argued that it had warned of the risk since the autumn and had little room left to act.",
  ],
  fr: [
    "Le syndicat des eaux a indiqué sur son site que le réservoir était tombé à son plus bas niveau depuis dix ans, et que les ménages seraient invités à réduire leur consommation d'un cinquième.",
    "Les agriculteurs de la vallée estiment que les restrictions arrivent trop tard pour les semis de printemps, tandis que le syndicat affirme avoir prévenu du risque dès l'automne dernier.",
  ],
  de: [
    "Der Wasserverband teilte auf seiner Internetseite mit, dass der Stausee auf den niedrigsten Stand seit zehn Jahren gefallen sei und die Haushalte ihren Verbrauch um ein Fünftel senken sollten.",
    "Die Landwirte im Tal sagen, die Einschränkungen kämen für die Aussaat im Frühjahr zu spät, während der Verband betont, er habe schon im Herbst vor der Gefahr gewarnt und wenig Spielraum.",
  ],
  es: [
    "La confederación hidrográfica informó en su web de que el embalse había caído a su nivel más bajo en una década y que se pediría a los hogares reducir su consumo en una quinta parte.",
    "Los agricultores del valle dicen que las restricciones llegan demasiado tarde para la siembra de primavera, mientras que la confederación asegura que avisó del riesgo desde el otoño pasado.",
  ],
  pt: [
    "A companhia de saneamento informou em seu site que o reservatório caiu ao nível mais baixo em uma década e que os moradores serão convidados a reduzir o consumo em um quinto nas próximas semanas.",
    "Os agricultores do vale dizem que as restrições chegam tarde demais para o plantio da primavera, enquanto a companhia afirma que alertou sobre o risco desde o outono passado e tem pouca margem.",
  ],
};

interface Row {
  name: string;
  lang: keyof typeof BODY;
  head: string[];
  foot?: string[];
  captured?: string;
  url?: string;
  date: string | null;
  /** The date rests on an assumption the report must state. */
  note?: RegExp;
  authors?: string[];
  /** Text that must not be left in the article body. */
  gone?: string;
}

const ROWS: Row[] = [
  {
    name: "named offset, then a relative update (the absolute date wins)",
    lang: "en",
    head: ["Reservoir falls to lowest level in a decade", "April 3, 2026 9:15 AM GMT+2 Updated 3 hours ago"],
    captured: "2026-04-03T00:00:00Z",
    date: "2026-04-03T07:15:00Z",
    gone: "Updated 3 hours ago",
  },
  {
    name: "day, abbreviated month, comma year, CET",
    lang: "en",
    head: ["Reservoir falls to lowest level in a decade", "14 Feb, 2026, 18:20 CET"],
    date: "2026-02-14T17:20:00Z",
  },
  {
    name: "place - date - time zone, Spanish",
    lang: "es",
    head: ["El embalse cae a su nivel más bajo en una década", "Sevilla - 4 dic 2025 - 08:10 CET"],
    date: "2025-12-04T07:10:00Z",
    authors: [],
  },
  {
    name: "German day-first with Uhr, zone from the language (summer time)",
    lang: "de",
    head: ["Stausee fällt auf den niedrigsten Stand seit zehn Jahren", "7. April 2026, 09:30 Uhr"],
    date: "2026-04-07T07:30:00Z",
    gone: "7. April 2026",
  },
  {
    name: "numeric day-first with a dash and a time, French",
    lang: "fr",
    head: ["Le réservoir au plus bas depuis dix ans", "18/10/2025 - 11:00"],
    date: "2025-10-18T09:00:00Z",
  },
  {
    name: "bare ISO date under the headline",
    lang: "en",
    head: ["Reservoir falls to lowest level in a decade", "2025-06-17"],
    date: "2025-06-17T00:00:00Z",
  },
  {
    name: "Created: with seconds and UTC",
    lang: "en",
    head: ["Reservoir falls to lowest level in a decade", "Created: 2025-09-03 16:05:10 UTC"],
    date: "2025-09-03T16:05:10Z",
  },
  {
    name: "labelled date at the foot, British site: day first, London time",
    lang: "en",
    head: ["Reservoir falls to lowest level in a decade"],
    foot: ["Published on 09/03/2026 at 16:40"],
    url: "https://www.example.co.uk/news/reservoir",
    date: "2026-03-09T16:40:00Z",
    gone: "Published on 09/03/2026",
  },
  {
    name: "labelled date at the foot, no zone anywhere: the day only, and said so",
    lang: "en",
    head: ["Reservoir falls to lowest level in a decade"],
    foot: ["Published on 09/03/2026 at 16:40"],
    date: "2026-09-03T00:00:00Z",
    note: /time zone/u,
  },
  {
    name: "abbreviated month with a dot, am, ET (winter)",
    lang: "en",
    head: ["Reservoir falls to lowest level in a decade", "Feb. 4, 2020 7:41 pm ET"],
    date: "2020-02-05T00:41:00Z",
  },
  {
    name: "name then date",
    lang: "en",
    head: ["Reservoir falls to lowest level in a decade", "Maria Lopez - Jan 22, 2020"],
    date: "2020-01-22T00:00:00Z",
    authors: ["Maria Lopez"],
  },
  {
    name: "French labelled date with 08h45, Paris winter time",
    lang: "fr",
    head: ["Le réservoir au plus bas depuis dix ans", "Publié le 9 janvier 2026 à 08h45"],
    date: "2026-01-09T07:45:00Z",
  },
  {
    name: "a time zone named elsewhere on the page applies to a bare time",
    lang: "en",
    head: [
      "Reservoir falls to lowest level in a decade",
      "Published: May 2, 2026 10:00 | Updated: May 2, 2026 14:30 EDT",
    ],
    date: "2026-05-02T14:00:00Z",
  },
  {
    name: "relative only, resolved against captured",
    lang: "es",
    head: ["El embalse cae a su nivel más bajo en una década", "hace 3 horas"],
    captured: "2026-03-20T00:00:00Z",
    date: "2026-03-20T00:00:00Z",
    note: /captured/u,
  },
  {
    name: "relative only, no captured date: no date",
    lang: "en",
    head: ["Reservoir falls to lowest level in a decade", "5 hours ago"],
    date: null,
  },
  {
    name: "labelled byline with a date at the foot",
    lang: "en",
    head: ["Reservoir falls to lowest level in a decade"],
    foot: ["Posted by Jane Okafor on March 3, 2026"],
    date: "2026-03-03T00:00:00Z",
    authors: ["Jane Okafor"],
  },
  {
    name: "an unlabelled date down the page is not the article's",
    lang: "en",
    head: ["Reservoir falls to lowest level in a decade"],
    foot: ["March 3, 2026"],
    date: null,
  },
  {
    name: "German source URL and summer time",
    lang: "de",
    head: ["Stausee fällt auf den niedrigsten Stand seit zehn Jahren", "12. Juli 2026, 16:45 Uhr"],
    url: "https://zeitung.example.de/region/stausee",
    date: "2026-07-12T14:45:00Z",
  },
  {
    name: "a later update time on the same line is no obstacle",
    lang: "fr",
    head: ["Le réservoir au plus bas depuis dix ans", "Publié le 9 janvier 2026 à 08h45, mis à jour à 12h02"],
    date: "2026-01-09T07:45:00Z",
  },
  {
    name: "Brazilian source URL: São Paulo time",
    lang: "pt",
    head: ["Reservatório cai ao nível mais baixo em uma década", "Publicado em 10/03/2026 às 14h30"],
    url: "https://www.example.com.br/noticias/reservatorio",
    date: "2026-03-10T17:30:00Z",
  },
  {
    name: "the same day twice: the line with a time wins",
    lang: "fr",
    head: [
      "Jeudi 8 janvier 2026",
      "Le réservoir au plus bas depuis dix ans",
      "Publié le 8 janvier 2026 à 6h30",
    ],
    date: "2026-01-08T05:30:00Z",
  },
  {
    name: "a date the story merely mentions is never taken",
    lang: "en",
    head: ["Reservoir falls to lowest level in a decade"],
    foot: ["On March 3, 2026, the board had already warned that the level was falling faster than forecast."],
    date: null,
  },
];

function capture(r: Row): string {
  return [...r.head, ...(BODY[r.lang] ?? []), ...(r.foot ?? [])].join("\n\n");
}

describe("the article's date", () => {
  it.each(ROWS)("$name", (r) => {
    const out = ingest({
      file: "x.txt",
      body: capture(r),
      format: "text",
      firstLine: 1,
      ...(r.captured ? { captured: r.captured } : {}),
      ...(r.url ? { url: r.url } : {}),
    });
    expect(out.problems).toEqual([]);
    expect(out.dateline?.date ?? null).toBe(r.date);
    if (r.note) {
      expect(out.dateline?.note).toMatch(r.note);
      expect(out.warnings.map((w) => w.message).join("\n")).toMatch(r.note);
    } else expect(out.dateline?.note).toBeUndefined();
    if (r.authors) expect(out.authors).toEqual(r.authors);
    if (r.gone) expect(out.text).not.toContain(r.gone);
  });
});

describe("wire and press-release datelines", () => {
  const para =
    "the regional water board said the reservoir had fallen to its lowest level in a decade and that households would be asked to cut their use by a fifth.";
  it.each([
    {
      name: "wire, year from a nearby line",
      body: [
        "Reservoir falls to lowest level",
        `BERLIN, May 6 (Wire Service) - ${para}`,
        BODY.en?.[1],
        "© 2026 Wire Service",
      ],
      date: "2026-05-06T00:00:00Z",
      captured: undefined,
    },
    {
      name: "wire, year from the captured date",
      body: ["Reservoir falls to lowest level", `OSLO, Nov 2 (Wire Service) - ${para}`, BODY.en?.[1]],
      date: "2025-11-02T00:00:00Z",
      captured: "2026-01-15T00:00:00Z",
    },
    {
      name: "press release with a newswire tag",
      body: [
        "Acme Pumps launches a new meter",
        `NEW YORK, Jan. 8, 2026 /Example Newswire/ -- ${para}`,
        BODY.en?.[1],
      ],
      date: "2026-01-08T00:00:00Z",
      captured: undefined,
    },
    {
      name: "press release with the year",
      body: ["Acme Pumps launches a new meter", `LYON, France — February 11, 2026 — ${para}`, BODY.en?.[1]],
      date: "2026-02-11T00:00:00Z",
      captured: undefined,
    },
  ])("$name", ({ body, date, captured }) => {
    const out = ingest({
      file: "x.txt",
      body: body.join("\n\n"),
      format: "text",
      firstLine: 1,
      ...(captured ? { captured } : {}),
    });
    expect(out.problems).toEqual([]);
    expect(out.dateline?.date ?? null).toBe(date);
    // The paragraph is kept; a dateline with its date stays in it, as editors' gold bodies keep it.
    expect(out.text).toMatch(/the regional water board/u);
  });

  it("an impossible day in a wire dateline is broken input", () => {
    const out = ingest({
      file: "x.txt",
      body: [
        "Reservoir falls to lowest level",
        `BERLIN, February 30 (Wire Service) - ${para}`,
        BODY.en?.[1],
      ].join("\n\n"),
      format: "text",
      firstLine: 1,
      captured: "2026-03-01T00:00:00Z",
    });
    expect(out.problems.map((p) => p.message).join("\n")).toMatch(/does not exist/u);
  });
});

describe("parseDateline", () => {
  it.each([
    // [segment, language, dayFirst, expected date]
    ["03/04/2026", "fr", true, "2026-04-03T00:00:00Z"],
    ["03/04/2026", "en", false, "2026-03-04T00:00:00Z"],
    ["25/04/2026", "en", false, "2026-04-25T00:00:00Z"],
    ["12.03.2026", "en", false, "2026-03-12T00:00:00Z"],
    ["Actualizado el 5 de mayo de 2026", "es", true, "2026-05-05T00:00:00Z"],
    ["Veröffentlicht am 3. Februar 2026", "de", true, "2026-02-03T00:00:00Z"],
    ["Pubblicato il 23 novembre 2017 alle 10:00 CET", "it", true, "2017-11-23T09:00:00Z"],
    ["23 de agosto de 2018 14:05 UTC", "pt", true, "2018-08-23T14:05:00Z"],
    ["20 november 2019", "nl", true, "2019-11-20T00:00:00Z"],
    ["20 ноября 2019", "ru", true, "2019-11-20T00:00:00Z"],
    ["2019年11月20日", "ja", false, "2019-11-20T00:00:00Z"],
    ["NOV 15, 20195:45 AM EST", "en", false, "2019-11-15T10:45:00Z"],
    ["12.02.2026, 18.00 Uhr MEZ", "de", true, "2026-02-12T17:00:00Z"],
    ["15 января 2026, 10:30 (мск)", "ru", true, "2026-01-15T07:30:00Z"],
    ["입력 2026.01.15 10:30 KST", "ko", false, "2026-01-15T01:30:00Z"],
    ["Publicado em 10/03/2026 às 14h30 UTC", "pt", true, "2026-03-10T14:30:00Z"],
  ])("%s (%s)", (s, language, dayFirst, date) => {
    expect(parseDateline(s, { language, dayFirst })).toEqual(expect.objectContaining({ date }));
  });

  it.each(["2026-02-30", "31/06/2026", "April 31, 2026"])("flags the impossible date %s", (s) => {
    expect(parseDateline(s, { dayFirst: true })).toEqual(expect.objectContaining({ impossible: s }));
  });

  it.each(["March 12", "in the spring of 2026", "15:00", "2 hours ago", "Chapter 12, 2026 edition notes"])(
    "is not a dateline on its own: %s",
    (s) => {
      expect(parseDateline(s, { dayFirst: false })).toBeNull();
    },
  );
});

describe("the unit splitter and dates", () => {
  it.each([
    ["7. April 2026, 09:30 Uhr", "line"],
    ["12. März 2026", "line"],
    ["1. May the best team win", "item"],
    ["3. Add the flour and stir", "item"],
  ])("%s is a %s", (text, kind) => {
    expect(textUnits(text, 1)[0]?.kind).toBe(kind);
  });
});
