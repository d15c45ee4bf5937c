import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/pipeline/config";
import { formatProblem } from "../../src/pipeline/problems";
import type { CorpusFile, CorpusListing } from "../../src/pipeline/read/read";
import { assembleSite } from "../../src/pipeline/site";

const TAXONOMY = readFileSync("corpus/taxonomy.yaml");
const enc = (s: string) => new TextEncoder().encode(s);
const file = (rel: string, content: string | Uint8Array): CorpusFile => ({
  rel,
  display: `corpus/${rel}`,
  bytes: typeof content === "string" ? enc(content) : content,
});
const GOOD =
  "---\ncaptured: 2026-01-02\n---\nA headline about Meta\n\nMeta said on Tuesday it would publish more Llama 4 research. The lab explained why.\n";

function listing(articles: CorpusFile[], extra: Partial<CorpusListing> = {}): CorpusListing {
  return { articles, sidecars: [], taxonomy: file("taxonomy.yaml", TAXONOMY), unknown: [], ...extra };
}
function problemsOf(l: CorpusListing): string[] {
  const r = assembleSite(l, DEFAULT_SETTINGS);
  return r.ok ? [] : r.problems.map(formatProblem);
}

describe("bad input stops the build with file, line, problem and fix", () => {
  const cases: [string, CorpusListing, RegExp][] = [
    ["empty file", listing([file("empty.txt", "")]), /^corpus\/empty\.txt:1: is empty \(fix: /],
    [
      "binary file",
      listing([file("bin.txt", new Uint8Array([0x47, 0x49, 0x46, 0x0a, 0x00, 0xff]))]),
      /^corpus\/bin\.txt:2: is a binary file .*\(fix: save the article as plain UTF-8/,
    ],
    [
      "non-UTF-8 file",
      listing([file("latin1.txt", new Uint8Array([...enc("Titre\n\nCaf"), 0xe9]))]),
      /^corpus\/latin1\.txt:3: is not valid UTF-8 .*\(fix: re-save the file as UTF-8/,
    ],
    [
      "unclosed front matter",
      listing([file("a.txt", "---\ntitle: T\nBody text here.")]),
      /^corpus\/a\.txt:1: front matter opened with `---` is never closed/,
    ],
    [
      "invalid YAML",
      listing([file("a.txt", "---\ncaptured: 2026-01-01\ntitle: [oops\n---\nBody")]),
      /^corpus\/a\.txt:3: front matter is not valid YAML/,
    ],
    [
      "unknown field",
      listing([file("a.txt", "---\ncaptured: 2026-01-01\ntitel: T\n---\nHeadline\n\nBody text.")]),
      /^corpus\/a\.txt:3: unknown field `titel` \(fix: did you mean `title`\?/,
    ],
    [
      "impossible date",
      listing([file("a.txt", "---\npublished: 2026-02-30\n---\nHeadline\n\nBody text.")]),
      /^corpus\/a\.txt:2: `published`: 2026-02-30 is not a real calendar day/,
    ],
    [
      "two files with one id",
      listing([file("a.txt", GOOD), file("a.md", GOOD)]),
      /^corpus\/a\.md:1: has the same id "a" as corpus\/a\.txt/,
    ],
    [
      "no findable title",
      listing([file("a.txt", "---\ncaptured: 2026-01-01\n---\n")]),
      /^corpus\/a\.txt:\d+: (?:is empty|has no findable title)/,
    ],
    [
      "no date at all",
      listing([
        file(
          "a.txt",
          "A headline about Llama models\n\nBody text that has no dateline at all, only prose about the models.",
        ),
      ]),
      /^corpus\/a\.txt:1: shows no publication date, and no `published` or `captured` date is given \(fix: add `published: YYYY-MM-DD`/,
    ],
    [
      "unknown tag",
      listing([file("a.txt", "---\ncaptured: 2026-01-01\ntags: [llama, kittens]\n---\nHeadline\n\nBody.")]),
      /^corpus\/a\.txt:3: tag "kittens" is not in the taxonomy \(fix: use one of: llama, ami-labs, meta/,
    ],
    [
      "orphan sidecar",
      listing([file("a.txt", GOOD)], { sidecars: [file("b.meta.yaml", "captured: 2026-01-01")] }),
      /^corpus\/b\.meta\.yaml:1: describes an article that does not exist/,
    ],
    [
      "bad sidecar field",
      listing([file("a.txt", GOOD)], { sidecars: [file("a.meta.yaml", "url: nope")] }),
      /^corpus\/a\.meta\.yaml:1: `url` is "nope", not an absolute/,
    ],
    [
      "unknown file",
      listing([file("a.txt", GOOD)], { unknown: [file("photo.jpg", "x")] }),
      /^corpus\/photo\.jpg:1: is neither an article/,
    ],
    [
      "missing taxonomy",
      { ...listing([file("a.txt", GOOD)]), taxonomy: null },
      /^corpus\/taxonomy\.yaml:1: is missing/,
    ],
  ];
  it.each(cases)("%s", (_n, l, expected) => {
    const problems = problemsOf(l);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join("\n"),
    ).toBe(true);
    for (const p of problems) expect(p).toMatch(/^corpus\/\S+:\d+: .+ \(fix: .+\)$/);
  });

  // Issue 9, item 12: each message once, where the problem is written, with the fix.
  const BODY = "A headline about Meta\n\nMeta said on Tuesday it would publish more Llama 4 research.\n";
  it.each([
    [
      "a sidecar's unknown tag is reported on its tags line, with a did-you-mean",
      listing([file("b.txt", BODY)], {
        sidecars: [file("b.meta.yaml", "captured: 2026-01-01\nurl: https://example.org/x\ntags: [lama]\n")],
      }),
      ['corpus/b.meta.yaml:3: tag "lama" is not in the taxonomy (fix: did you mean `llama`? Or use one of:'],
    ],
    [
      "an in-file misspelt tag gets a did-you-mean too",
      listing([file("a.txt", `---\ncaptured: 2026-01-01\ntags: [Meta, ami-lab]\n---\n${BODY}`)]),
      ['corpus/a.txt:3: tag "ami-lab" is not in the taxonomy (fix: did you mean `ami-labs`? Or use one of:'],
    ],
    [
      "an unclosed front matter is reported alone, not with its consequence (no title)",
      listing([file("a.txt", "---\ncaptured: 2026-01-01\n\nbody never closed\n")]),
      ["corpus/a.txt:1: front matter opened with `---` is never closed (fix: "],
    ],
  ])("%s", (_n, l, starts) => {
    const problems = problemsOf(l);
    expect(problems).toHaveLength(starts.length);
    for (const [i, start] of starts.entries()) {
      expect(problems[i]?.startsWith(start), problems.join("\n")).toBe(true);
    }
  });

  it("lists every problem of every file in one run", () => {
    const problems = problemsOf(
      listing([
        file("empty.txt", ""),
        file(
          "a.txt",
          "---\npublished: 2026-02-30\ncolour: red\n---\nA real headline\n\nA body that has a sentence.",
        ),
      ]),
    );
    expect(problems).toHaveLength(3);
  });
});

describe("metadata precedence", () => {
  it("front matter beats sidecar beats inference", () => {
    const r = assembleSite(
      listing(
        [
          file(
            "a.txt",
            "---\ntitle: Given title\nauthor: Given Author\n---\nInferred headline here\n\nBy Someone Else\n\nMeta body text, long enough to count as a paragraph of the article.",
          ),
        ],
        {
          sidecars: [
            file(
              "a.meta.yaml",
              "title: Sidecar title\ncaptured: 2026-01-02\nurl: https://example.org/a\npublisher: Sidecar Times",
            ),
          ],
        },
      ),
      DEFAULT_SETTINGS,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const a = r.value.site.articles[0];
    expect(a).toMatchObject({
      title: "Given title",
      authors: ["Given Author"],
      url: "https://example.org/a",
      publisher: "Sidecar Times",
      dateSource: "captured",
      date: "2026-01-02T00:00:00Z",
      published: null,
    });
  });
  it("sorts newest first and dates the site by its newest article, never the clock", () => {
    const r = assembleSite(
      listing([
        file("old.txt", "---\npublished: 2025-01-01\n---\nOld headline\n\nOld body text about Meta."),
        file(
          "new.txt",
          "---\npublished: 2026-05-01T10:00:00Z\n---\nNew headline\n\nNew body text about Llama.",
        ),
      ]),
      DEFAULT_SETTINGS,
    );
    expect(r.ok && r.value.site.articles.map((a) => a.slug)).toEqual(["new", "old"]);
    expect(r.ok && r.value.site.updated).toBe("2026-05-01T10:00:00Z");
  });
});

// Header shapes that used to anchor the title, the byline or the publisher on the wrong line. Each is a
// capture written for this table; the sidecar gives a captured date so the build never lacks one.
describe("header shapes: every field chosen by evidence", () => {
  const BODY =
    "The regional council approved the new tram line on Tuesday after a debate that lasted most of the night, ending months of uncertainty for the neighbourhoods along the route.\n\nConstruction is expected to begin in the spring, and the first trams should run within three years if the budget holds, officials told reporters after the vote.\n\nOpponents said the cost estimates were optimistic and promised to keep asking questions about the financing at every council meeting until the work starts.";
  type Want = {
    title?: string;
    subtitle?: string | null;
    authors?: string[];
    publisher?: string | null;
    noAuthor?: string;
    warned?: RegExp;
  };
  const shapes: [string, string, Want, string?][] = [
    [
      "masthead, tagline, section label and a wide-spaced navigation row above the headline",
      `Harbour Ledger\n\nIndependent news for curious minds\n\nNEWSROOM    CITY    SPORT    CULTURE\n\nTransport\n\nCouncil Approves the Long-Awaited Tram Line\n\nBy Nora Quist\n\n${BODY}`,
      {
        title: "Council Approves the Long-Awaited Tram Line",
        authors: ["Nora Quist"],
        publisher: "Harbour Ledger",
      },
    ],
    [
      "an event banner and a call to action above the headline",
      `Return To Main Menu\n\nJoin us at the City Futures Summit 2026 — tickets on sale now\n\nKeep reading the full story\n\nCouncil approves the long-awaited tram line\n\nMarch 3, 2026\n\n${BODY}`,
      { title: "Council approves the long-awaited tram line" },
    ],
    [
      "a two-word section label above a headline with no byline",
      `Transit Desk\n\nCouncil approves the long-awaited tram line\n\n${BODY}`,
      { title: "Council approves the long-awaited tram line" },
    ],
    [
      "a long section label above the headline",
      `Urban Planning & Public Transport\n\nCouncil approves the long-awaited tram line\n\n${BODY}`,
      { title: "Council approves the long-awaited tram line" },
    ],
    [
      "a site tagline above the headline",
      `Daily transport intelligence for business leaders\n\nCouncil approves the long-awaited tram line\n\n${BODY}`,
      { title: "Council approves the long-awaited tram line" },
    ],
    [
      "an image's alt text above the headline",
      `Headshot of a smiling councillor in a grey suit\n\nCouncil approves the long-awaited tram line\n\nBy Nora Quist | March 3, 2026\n\n${BODY}`,
      { title: "Council approves the long-awaited tram line", authors: ["Nora Quist"] },
    ],
    [
      "the headline glued to the date under it",
      `Council approves the long-awaited tram line after a night of debate 3 March 2026 08:15\n\n${BODY}`,
      { title: "Council approves the long-awaited tram line after a night of debate" },
    ],
    [
      "a name alone on the line under the headline",
      `Council approves the long-awaited tram line\n\nNora Quist\n\n${BODY}`,
      { title: "Council approves the long-awaited tram line", authors: ["Nora Quist"] },
    ],
    [
      "a second role on the byline is neither an author nor the dek",
      `Council approves the long-awaited tram line\n\nBy Nora Quist · Reviewed by Dr. Ivo Brandt\n\n${BODY}`,
      { authors: ["Nora Quist"], subtitle: null, noAuthor: "Ivo Brandt" },
    ],
    [
      "a labelled author line",
      `Council approves the long-awaited tram line\n\nAuthor: Nora Quist\n\n${BODY}`,
      { authors: ["Nora Quist"] },
    ],
    [
      "an author box at the foot",
      `Council approves the long-awaited tram line\n\n${BODY}\n\nAbout the author\n\nNora Quist is a transport reporter who has covered the city council since 2019.`,
      { authors: ["Nora Quist"] },
    ],
    [
      "a reading time glued to an outlet's name",
      `Council approves the long-awaited tram line\n\n·6 min read·Ledger\n\n${BODY}`,
      { authors: [], noAuthor: "Ledger" },
    ],
    [
      "interface words above the headline are never the publisher",
      `Write\n\nmenu_open Columnists\n\nCouncil approves the long-awaited tram line\n\n${BODY}`,
      { title: "Council approves the long-awaited tram line", publisher: null },
    ],
    [
      "a date line at the top is never the publisher",
      `date 2026-03-03 HLD\n\nCouncil approves the long-awaited tram line\n\n${BODY}`,
      { publisher: null },
    ],
    [
      "without a masthead, the publisher is the source URL's host",
      `Council approves the long-awaited tram line\n\n${BODY}`,
      { publisher: "harbour-ledger.example" },
      "url: https://www.harbour-ledger.example/city/council-approves-tram-line\n",
    ],
    [
      "the URL's slug tips the choice between two headline-shaped lines",
      `Most Read This Week\n\nCouncil approves the long-awaited tram line\n\n${BODY}`,
      { title: "Council approves the long-awaited tram line" },
      "url: https://harbour-ledger.example/2026/03/03/council-approves-long-awaited-tram-line\n",
    ],
    [
      "a dek printed above the headline",
      `The vote ends months of uncertainty for the neighbourhoods along the planned route.\n\nCouncil approves the long-awaited tram line\n\nBy Nora Quist\n\n${BODY}`,
      {
        title: "Council approves the long-awaited tram line",
        subtitle: "The vote ends months of uncertainty for the neighbourhoods along the planned route.",
      },
    ],
    [
      "markup and emoji in a title line are the title",
      `<img src=x onerror=alert(2)> Trams & Buses ]]> <!-- 🚋 --> at last 🚋\n\n${BODY}`,
      { title: "<img src=x onerror=alert(2)> Trams & Buses ]]> <!-- 🚋 --> at last 🚋" },
    ],
    [
      "a Korean capture gets its headline",
      "시의회, 오랜 논의 끝에 트램 노선 승인\n\n시의회는 화요일 밤늦게까지 이어진 토론 끝에 새로운 트램 노선을 승인했다. 이번 결정으로 노선 주변 지역의 오랜 불확실성이 해소됐다.\n\n공사는 내년 봄에 시작될 예정이며, 예산이 유지된다면 첫 트램은 3년 안에 운행될 것이라고 관계자들은 밝혔다.",
      { title: "시의회, 오랜 논의 끝에 트램 노선 승인" },
    ],
    [
      "a Japanese capture gets its headline",
      "市議会が路面電車の新路線を承認\n\n市議会は火曜日の夜遅くまで続いた議論の末、新しい路面電車の路線を承認した。沿線の地域にとって長く続いた不透明な状況に終止符が打たれた。\n\n工事は来年の春に始まる予定で、予算が維持されれば最初の電車は三年以内に走る見通しだと当局者は述べた。",
      { title: "市議会が路面電車の新路線を承認" },
    ],
    [
      "no line looks like a headline: the file name is the title, with a warning",
      "the council voted on tuesday night. the tram line will be built, officials said after a long debate.",
      { title: "tram council", warned: /file name/u },
    ],
    [
      "cleaning would leave nothing: the whole text is kept, with a warning",
      "Council approves the long-awaited tram line\n\nAdvertisement\n\nShare\n\nRelated Reading\n\nThe tram vote in pictures\n\nWhat the tram means for you",
      { warned: /whole text/u },
    ],
  ];
  it.each(shapes)("%s", (_name, body, want, sidecar) => {
    const r = assembleSite(
      listing([file("tram-council.txt", body)], {
        sidecars: [file("tram-council.meta.yaml", `captured: 2026-03-04\n${sidecar ?? ""}`)],
      }),
      DEFAULT_SETTINGS,
    );
    expect(r.ok, r.ok ? "" : r.problems.map(formatProblem).join("\n")).toBe(true);
    if (!r.ok) return;
    const a = r.value.site.articles[0];
    if (!a) throw new Error("no article");
    if (want.title !== undefined) expect(a.title).toBe(want.title);
    if (want.subtitle !== undefined) expect(a.subtitle).toBe(want.subtitle);
    if (want.authors !== undefined) expect(a.authors).toEqual(want.authors);
    if (want.publisher !== undefined) expect(a.publisher).toBe(want.publisher);
    if (want.noAuthor !== undefined) expect(a.authors.join(" ")).not.toContain(want.noAuthor);
    if (want.noAuthor !== undefined) expect(a.subtitle ?? "").not.toContain(want.noAuthor);
    const warnings = r.value.warnings.map((w) => `${w.message} (fix: ${w.fix})`).join("\n");
    if (want.warned) expect(warnings).toMatch(want.warned);
    if (want.warned) expect(warnings).toMatch(/front matter|sidecar/u);
    const report = r.value.report[0];
    expect(report?.evidence.title, "the report says why the title won").toBeTruthy();
  });
});
