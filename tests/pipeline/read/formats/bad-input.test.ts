// Bad input (issue 12, item 7): a file that is not well-formed, a feed with no items and a page with no
// article stop the build at `corpus/<file>:<line>`; a bad item inside someone else's feed (no id and no
// link, a day the calendar does not have) is left out with a warning naming the file, the item and the
// fix, and that warning reaches the build report.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { articleFromCapture, type Sidecar } from "../../../../src/pipeline/capture";
import { DEFAULT_SETTINGS } from "../../../../src/pipeline/config";
import { parseTaxonomy } from "../../../../src/pipeline/enrich/taxonomy";
import { formatProblem } from "../../../../src/pipeline/problems";
import type { CorpusFile } from "../../../../src/pipeline/read/read";
import { formatReport } from "../../../../src/pipeline/report";
import { assembleSite } from "../../../../src/pipeline/site";

const RULES = parseTaxonomy(readFileSync("corpus/taxonomy.yaml", "utf8")).tags;
const enc = (s: string) => new TextEncoder().encode(s);
const file = (rel: string, text: string): CorpusFile => ({ rel, display: `corpus/${rel}`, bytes: enc(text) });
const CAPTURED: Sidecar = { file: file("x.meta.yaml", ""), meta: { captured: "2026-07-01T00:00:00Z" } };
const run = (rel: string, text: string) => articleFromCapture(file(rel, text), "x", CAPTURED, RULES, "en");

const BODIES: Record<string, string> = {
  "p-1": "The harbour master said the new pontoons would open to visiting boats in the spring.",
  "p-2": "Ferry fares will rise by four per cent from April, the operator told the port committee.",
  "p-3": "A seal pup found tangled in a net on the slipway was taken to the rescue centre on Sunday.",
};
const rssItem = (extra: string, guid = "") =>
  `<item><title>Pontoons</title><link>https://port.example/pontoons</link>${guid ? `<guid>${guid}</guid>` : ""}${extra}<description><![CDATA[<p>${BODIES[guid] ?? BODIES["p-1"]}</p>]]></description></item>`;
const rss = (items: string) =>
  `<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>Port News</title>\n<link>https://port.example/</link>\n<description>d</description>\n${items}\n</channel>\n</rss>\n`;

describe("files that stop the build, at the line where they break", () => {
  it.each<[string, string, string, RegExp]>([
    [
      "XML cut short (a truncated download)",
      "cut.xml",
      rss(rssItem("")).slice(0, -30),
      /^corpus\/cut\.xml:\d+: is not well-formed XML \(.+\) \(fix: save the feed again/,
    ],
    [
      "XML with a mismatched tag on line 8",
      "mismatch.rss",
      rss(`<item><title>Pontoons</title>\n<link>https://port.example/p</guid></item>`),
      /^corpus\/mismatch\.rss:8: is not well-formed XML \(/,
    ],
    [
      "an Atom file with an unescaped ampersand on line 3",
      "amp.atom",
      `<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<title>Fish & Ships</title>\n</feed>\n`,
      /^corpus\/amp\.atom:3: is not well-formed XML \(/,
    ],
    [
      "JSON Feed cut short on line 4",
      "cut.json",
      `{\n  "version": "https://jsonfeed.org/version/1.1",\n  "title": "Port",\n  "items": [{"id": "1",\n`,
      /^corpus\/cut\.json:[45]: is not well-formed JSON \(.+\) \(fix: /,
    ],
    [
      "an RSS channel with no items",
      "empty.xml",
      rss(""),
      /^corpus\/empty\.xml:1: is a feed with no usable items \(fix: /,
    ],
    [
      "a feed whose every item is unusable",
      "nothing.xml",
      rss("<item><title>No id at all</title><description>Text.</description></item>"),
      /^corpus\/nothing\.xml:1: is a feed whose only item was left out \(see the warnings\) \(fix: /,
    ],
    [
      "an HTML page with no article in it",
      "login.html",
      `<!doctype html>\n<html><head><title>Sign in</title></head>\n<body>\n<form><input name="user"><button>Sign in</button></form>\n</body></html>\n`,
      /^corpus\/login\.html:\d+: is an HTML page with no article in it \(fix: /,
    ],
  ])("%s", (_, rel, text, want) => {
    const r = run(rel, text);
    expect(r.drafts).toEqual([]);
    expect(r.problems.map(formatProblem)).toEqual([expect.stringMatching(want)]);
  });
});

describe("bad items are left out with a warning; the rest of the feed is built", () => {
  const feed = rss(
    [
      rssItem("<pubDate>Mon, 30 Feb 2026 10:00:00 GMT</pubDate>", "p-1"),
      rssItem("<pubDate>Tue, 10 Mar 2026 08:30:00 EST</pubDate>", "p-2").replace("/pontoons", "/pontoons-2"),
      rssItem("<pubDate>sometime next week</pubDate>", "p-3").replace("/pontoons", "/pontoons-3"),
      "<item><title>Orphan</title><description>No link, no guid.</description></item>",
    ].join("\n"),
  );
  const r = run("port.xml", feed);

  it("warns for each bad item, naming file, line, item and fix", () => {
    expect(r.problems).toEqual([]);
    expect(r.warnings.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^corpus\/port\.xml:7: item 1 \("Pontoons"\) is dated "Mon, 30 Feb 2026 10:00:00 GMT", a day the calendar does not have; it was left out \(fix: /,
      ),
      expect.stringMatching(
        /^corpus\/port\.xml:9: item 3 \("Pontoons"\) is dated "sometime next week", which is not a date this build reads .*captured.* \(fix: /,
      ),
      expect.stringMatching(/^corpus\/port\.xml:10: item 4 \("Orphan"\) has no guid, id or link.*\(fix: /),
    ]);
  });

  it("keeps the good items: an RFC 822 zone name is read, an unreadable date falls back to captured", () => {
    expect(r.drafts.map((d) => [d.article.url, d.article.date, d.article.dateSource])).toEqual([
      ["https://port.example/pontoons-2", "2026-03-10T13:30:00Z", "dateline"],
      ["https://port.example/pontoons-3", "2026-07-01T00:00:00Z", "captured"],
    ]);
  });

  it("the warnings are in the build report", () => {
    const site = assembleSite(
      {
        articles: [file("port.xml", feed)],
        sidecars: [file("port.meta.yaml", "captured: 2026-07-01\n")],
        taxonomy: file("taxonomy.yaml", readFileSync("corpus/taxonomy.yaml", "utf8")),
        unknown: [],
      },
      DEFAULT_SETTINGS,
    );
    if (!site.ok) throw new Error(site.problems.map(formatProblem).join("\n"));
    const report = formatReport(site.value.report, site.value.warnings, site.value.merges);
    expect(report).toContain('corpus/port.xml:7: warning: item 1 ("Pontoons") is dated');
    expect(report).toContain('corpus/port.xml:10: warning: item 4 ("Orphan") has no guid, id or link');
  });
});
