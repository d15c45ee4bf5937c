// `npm run fetch` against a local server: what it saves, what it remembers, what it prints.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFetch } from "../../src/fetch/run";
import { fetchInto, lineFor, tempCorpus } from "./helpers";
import { startServer, type TestServer } from "./server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const GOOD = ["/rss.xml", "/atom.xml", "/feed.json"];

describe("a first run", () => {
  const BAD: [path: string, line: RegExp][] = [
    ["/gone.xml", /: failed: HTTP 404 Not Found \(fix: the feed is gone or moved/],
    [
      "/busy.xml",
      /: failed: HTTP 429 Too Many Requests \(it asks to wait: 120\) \(fix: .+run fetch later.+\)$/,
    ],
    ["/error.xml", /: failed: HTTP 500 Internal Server Error \(fix: the server failed: try again later\)$/],
    [
      "/page.html",
      /: failed: the response is an HTML page, not a feed \(fix: the page names its feed: http:\/\/127\.0\.0\.1:\d+\/rss\.xml; list that address as xmlUrl\)$/,
    ],
    [
      "/truncated.xml",
      /: failed: the response is not well-formed XML \(it ends at line 11 with <rss> <channel> <item> <pubDate> still open: it was cut short\) \(fix: .+\)$/,
    ],
    [
      "/mismatched.xml",
      /: failed: the response is not well-formed XML \(line 2: Expected closing tag 'item' .+ instead of closing tag 'channel'\.\) \(fix: .+\)$/,
    ],
    ["/quiet.xml", /: failed: the response is a feed with no usable items \(fix: .+\)$/],
    ["/api.json", /: failed: the response is not a feed that can be read \(.+\) \(fix: .+\)$/],
    ["/loop-a", /: failed: redirect loop: .+\/loop-a -> .+\/loop-b -> .+\/loop-a \(fix: .+\)$/],
    ["/chain/0", /: failed: more than 5 redirects \(.+\/chain\/6\) \(fix: .+--max-redirects\)$/],
  ];
  const paths = [...GOOD, ...BAD.map(([p]) => p)];
  let dir: string;
  let run: Awaited<ReturnType<typeof fetchInto>>;
  beforeAll(async () => {
    dir = tempCorpus();
    run = await fetchInto(dir, server.origin, paths);
  });

  it("saves each good feed under a name from its address and counts its items as new", () => {
    const stem = (p: string) => `127-0-0-1-${server.origin.split(":")[2]}-${p}`;
    const expected: [string, string, number][] = [
      ["/rss.xml", `feeds/${stem("rss")}.xml`, 2],
      ["/atom.xml", `feeds/${stem("atom")}.xml`, 1],
      ["/feed.json", `feeds/${stem("feed")}.json`, 2],
    ];
    for (const [i, [path, file, n]] of expected.entries()) {
      expect(lineFor(run, i)).toEqual([
        `corpus/sources.opml:${i + 4}: ${server.origin}${path}: ${n} new item${n === 1 ? "" : "s"} (first copy), saved to corpus/${file}`,
      ]);
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    // Saved as served.
    expect(readFileSync(join(dir, expected[2]?.[1] ?? ""), "utf8")).toContain('"Ridge Weekly"');
  });

  it.each(BAD.map(([p, re], i) => [p, re, i + GOOD.length] as const))(
    "fails %s with its reason and saves nothing",
    (_p, re, i) => {
      const lines = lineFor(run, i);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(re);
    },
  );

  it("saves nothing but the good feeds and the state, and counts the failures", () => {
    expect(run.sum).toMatchObject({ sources: paths.length, saved: 3, newItems: 5, failed: BAD.length });
    expect(readFileSync(join(dir, ".fetch-state.json"), "utf8")).not.toMatch(
      /gone|error|page|quiet|loop|chain/,
    );
  });

  it("writes the state as deterministic JSON with sorted keys", () => {
    const text = readFileSync(join(dir, ".fetch-state.json"), "utf8");
    const state = JSON.parse(text);
    expect(Object.keys(state)).toEqual(["sources", "version"]);
    const urls = Object.keys(state.sources);
    expect(urls).toEqual([...urls].sort());
    expect(state.sources[`${server.origin}/rss.xml`]).toEqual({
      etag: '"rss-v1"',
      file: expect.stringMatching(/^feeds\/.+\.xml$/),
      lastModified: "Mon, 02 Mar 2026 08:30:00 GMT",
    });
    expect(state.sources[`${server.origin}/atom.xml`]).toEqual({
      file: expect.any(String),
      lastModified: "Thu, 05 Mar 2026 10:00:00 GMT",
    });
    for (const entry of Object.values(state.sources) as object[]) {
      expect(Object.keys(entry)).toEqual(Object.keys(entry).sort());
    }
    expect(text).toBe(`${JSON.stringify(state, null, 2)}\n`);
  });

  it("sends a User-Agent and accepts feed types", () => {
    const first = server.requests.find((r) => r.path === "/rss.xml");
    expect(first?.headers["user-agent"]).toBe("feed-aggregator/test");
    expect(first?.headers.accept).toMatch(/application\/rss\+xml/);
  });
});

describe("a second run", () => {
  it("sends the stored validators, prints not modified, and counts only new items", async () => {
    const dir = tempCorpus();
    await fetchInto(dir, server.origin, GOOD);
    const file = join(dir, "feeds", `127-0-0-1-${server.origin.split(":")[2]}-rss.xml`);
    const firstCopy = readFileSync(file);
    const stateBefore = readFileSync(join(dir, ".fetch-state.json"), "utf8");
    const from = server.requests.length;
    const second = await fetchInto(dir, server.origin, GOOD);
    const sent = server.requests.slice(from);
    expect(sent.find((r) => r.path === "/rss.xml")?.headers["if-none-match"]).toBe('"rss-v1"');
    expect(sent.find((r) => r.path === "/rss.xml")?.headers["if-modified-since"]).toBe(
      "Mon, 02 Mar 2026 08:30:00 GMT",
    );
    expect(sent.find((r) => r.path === "/atom.xml")?.headers["if-modified-since"]).toBe(
      "Thu, 05 Mar 2026 10:00:00 GMT",
    );
    expect(sent.find((r) => r.path === "/feed.json")?.headers["if-none-match"]).toBeUndefined();
    expect(lineFor(second, 0)).toEqual([`corpus/sources.opml:4: ${server.origin}/rss.xml: not modified`]);
    expect(lineFor(second, 1)).toEqual([`corpus/sources.opml:5: ${server.origin}/atom.xml: not modified`]);
    expect(lineFor(second, 2)[0]).toMatch(
      /: 0 new items \(2 in the feed\), the same as corpus\/feeds\/.+\.json$/,
    );
    expect(readFileSync(file).equals(firstCopy)).toBe(true);
    expect(readFileSync(join(dir, ".fetch-state.json"), "utf8")).toBe(stateBefore);
    expect(second.sum).toMatchObject({ notModified: 2, saved: 1, newItems: 0, failed: 0 });

    // The publisher adds an item: a new ETag, and one new item counted against the saved copy.
    const saved = { items: [...server.rss.items], etag: server.rss.etag };
    server.rss.items.push({ guid: "gz-103", title: "Fish market moves indoors", day: 9 });
    server.rss.etag = '"rss-v2"';
    try {
      const third = await fetchInto(dir, server.origin, ["/rss.xml"]);
      expect(lineFor(third, 0)[0]).toMatch(/: 1 new item \(3 in the feed\), saved to /);
      expect(readFileSync(file, "utf8")).toContain("gz-103");
      expect(JSON.parse(readFileSync(join(dir, ".fetch-state.json"), "utf8")).sources).toMatchObject({
        [`${server.origin}/rss.xml`]: { etag: '"rss-v2"' },
      });
    } finally {
      Object.assign(server.rss, saved);
    }
  });

  it("keeps the saved copy when the address starts serving something that is not a feed", async () => {
    const dir = tempCorpus();
    await fetchInto(dir, server.origin, ["/feed.json"]);
    const file = join(dir, "feeds", `127-0-0-1-${server.origin.split(":")[2]}-feed.json`);
    const before = readFileSync(file);
    server.broken.add("/feed.json");
    try {
      const run = await fetchInto(dir, server.origin, ["/feed.json", "/atom.xml"]);
      expect(lineFor(run, 0)[0]).toMatch(
        /: failed: the response is an HTML page, not a feed; corpus\/feeds\/.+-feed\.json was kept \(fix: /,
      );
      expect(lineFor(run, 1)[0]).toMatch(/1 new item \(first copy\)/); // the next source still runs
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(run.sum.failed).toBe(1);
    } finally {
      server.broken.delete("/feed.json");
    }
  });

  it("fetches in full when the saved copy was deleted (a 304 would leave nothing to build)", async () => {
    const dir = tempCorpus();
    const first = await fetchInto(dir, server.origin, ["/rss.xml"]);
    const saved = /saved to corpus\/(.+)$/.exec(first.lines[0] ?? "")?.[1] ?? "";
    const { rmSync } = await import("node:fs");
    rmSync(join(dir, saved));
    const from = server.requests.length;
    const again = await fetchInto(dir, server.origin, ["/rss.xml"]);
    expect(server.requests[from]?.headers["if-none-match"]).toBeUndefined();
    expect(lineFor(again, 0)[0]).toMatch(/2 new items \(first copy\)/);
  });
});

describe("a broken state file", () => {
  it("is reported, and the run fetches in full and rewrites it", async () => {
    const dir = tempCorpus();
    await fetchInto(dir, server.origin, ["/rss.xml"]);
    writeFileSync(join(dir, ".fetch-state.json"), "{ half a file");
    const from = server.requests.length;
    const run = await fetchInto(dir, server.origin, ["/rss.xml"]);
    expect(run.lines[0]).toMatch(
      /^corpus\/\.fetch-state\.json:1: warning: is not valid JSON \(.+\); every feed is fetched in full this time \(fix: .+\)$/,
    );
    expect(server.requests[from]?.headers["if-none-match"]).toBeUndefined();
    expect(lineFor(run, 0)[0]).toMatch(/: 0 new items \(2 in the feed\)/);
    expect(JSON.parse(readFileSync(join(dir, ".fetch-state.json"), "utf8")).version).toBe(1);
  });
});

describe("a missing list", () => {
  it("is a problem with a fix, and nothing is fetched", async () => {
    const dir = tempCorpus();
    const lines: string[] = [];
    const from = server.requests.length;
    const sum = await runFetch({
      corpusDir: dir,
      corpusLabel: "corpus",
      opmlPath: join(dir, "sources.opml"),
      opmlLabel: "corpus/sources.opml",
      delayMs: 0,
      http: { userAgent: "t", timeoutMs: 1000, maxBytes: 1000, maxRedirects: 1, fetch: globalThis.fetch },
      print: (l) => lines.push(l),
    });
    expect(lines).toEqual([
      "corpus/sources.opml:1: does not exist, so there is nothing to fetch (fix: create it with an outline per feed (see corpus/README.md, Subscriptions), or pass --opml FILE)",
    ]);
    expect(sum.problems).toBe(1);
    expect(server.requests.length).toBe(from);
  });
});
