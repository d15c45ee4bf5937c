// corpus/sources.opml itself: every outline that cannot be fetched is named by its line, with a fix,
// and the others are still fetched.
import { describe, expect, it } from "vitest";
import { readSources } from "../../src/fetch/opml";
import { formatProblem, formatWarning } from "../../src/pipeline/problems";

const FILE = "corpus/sources.opml";
const doc = (body: string) =>
  `<?xml version="1.0"?>\n<opml version="2.0">\n<head><title>t</title></head><body>\n${body}\n</body></opml>\n`;

describe("readSources", () => {
  it("lists every outline with an xmlUrl, nested in folders or not, with its line", () => {
    const r = readSources(
      doc(
        `<outline text="News">\n  <outline text="A &amp; B" type="rss" xmlUrl="https://a.example/feed?x=1&amp;y=2"/>\n</outline>\n<!-- <outline text="old" xmlUrl="https://old.example/"/> -->\n<outline title="C" text="c" xmlUrl="http://www.c.example/rss.xml#top"/>`,
      ),
      FILE,
    );
    expect(r.problems).toEqual([]);
    expect(r.sources.map((s) => [s.url.href, s.title, s.line, s.stem])).toEqual([
      ["https://a.example/feed?x=1&y=2", "A & B", 5, "a-example-feed-x-1-y-2"],
      ["http://www.c.example/rss.xml", "C", 8, "c-example-rss"],
    ]);
  });

  const BAD: [string, string, RegExp][] = [
    [
      "not well-formed",
      `<outline text="x" xmlUrl="https://a.example/">`,
      /^corpus\/sources\.opml:\d+: is not well-formed XML: .+ \(fix: correct the markup at that line\)$/,
    ],
    ["not OPML", "", /^corpus\/sources\.opml:1: lists no feed \(no outline has an xmlUrl\) \(fix: .+\)$/],
    [
      "relative",
      `<outline text="x" xmlUrl="/feed.xml"/>`,
      /^corpus\/sources\.opml:4: xmlUrl "\/feed\.xml" is not an absolute address \(fix: .+\)$/,
    ],
    [
      "not http",
      `<outline text="x" xmlUrl="ftp://a.example/feed.xml"/>`,
      /^corpus\/sources\.opml:4: xmlUrl "ftp:.+" is not an http\(s\) address \(fix: .+\)$/,
    ],
    [
      "no address",
      `<outline text="Lost" type="rss"/>`,
      /^corpus\/sources\.opml:4: the outline "Lost" is a feed \(type="rss"\) with no xmlUrl \(fix: .+\)$/,
    ],
    [
      "same file",
      `<outline text="a" xmlUrl="https://a.example/feed"/>\n<outline text="b" xmlUrl="http://a.example/feed"/>`,
      /^corpus\/sources\.opml:5: http:\/\/a\.example\/feed would be saved under the same name as https:\/\/a\.example\/feed \(line 4\): a-example-feed \(fix: .+\)$/,
    ],
  ];
  it.each(BAD)("refuses %s with its line and a fix", (_name, body, re) => {
    const r = readSources(doc(body), FILE);
    expect(r.problems.map(formatProblem)).toEqual([expect.stringMatching(re)]);
  });

  it("refuses a file that is not OPML at all", () => {
    const r = readSources("<rss><channel/></rss>", FILE);
    expect(r.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^corpus\/sources\.opml:1: is not an OPML file \(.+\) \(fix: list each feed as/),
    ]);
  });

  it("fetches an address listed twice once, with a warning", () => {
    const r = readSources(
      doc(
        `<outline text="a" xmlUrl="https://a.example/f"/>\n<outline text="b" xmlUrl="https://a.example/f"/>`,
      ),
      FILE,
    );
    expect(r.sources).toHaveLength(1);
    expect(r.warnings.map(formatWarning)).toEqual([
      "corpus/sources.opml:5: warning: https://a.example/f is listed twice (first on line 4); it is fetched once (fix: remove one of the two outlines)",
    ]);
  });
});
