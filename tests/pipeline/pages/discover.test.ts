// The e2e and verify scripts reach every format of every feed from an OPML that lists each feed once:
// the other formats come from the feed's own `Link` header, as the build writes it.
import { describe, expect, it } from "vitest";
import { linkAlternates } from "../../../scripts/verify/discover";
import { feedEnv, linkHeader } from "../../../src/pipeline/render/feeds/context";
import { planFeeds } from "../../../src/pipeline/render/feeds/plan";
import { hostileArticles, ORIGIN, site } from "../feeds/fixture";

describe("linkAlternates", () => {
  it("finds the two other formats in the Link header every feed carries", () => {
    const s = site(hostileArticles());
    const env = feedEnv({ site: s, origin: ORIGIN });
    const page = planFeeds(s).find((p) => p.scope.base === "/tags/llama" && p.archive === null);
    if (!page) throw new Error("no llama feed");
    expect(linkAlternates(linkHeader(env, page, "atom"), `${ORIGIN}/tags/llama/atom.xml`)).toEqual([
      { url: `${ORIGIN}/tags/llama/feed.xml`, format: "rss" },
      { url: `${ORIGIN}/tags/llama/feed.json`, format: "json" },
    ]);
  });

  it.each([
    ["no header", null, []],
    [
      "paging links only",
      '<https://x.example/archive/1/atom.xml>; rel="prev-archive"; type="application/atom+xml"',
      [],
    ],
    [
      "relative URL, unquoted params, several rels",
      '</feed.json>; rel=alternate; type=application/feed+json, </>; rel="alternate"; type="text/html"',
      [{ url: "https://x.example/feed.json", format: "json" }],
    ],
  ])("%s", (_n, header, expected) => {
    expect(linkAlternates(header, "https://x.example/atom.xml")).toEqual(expected);
  });
});
