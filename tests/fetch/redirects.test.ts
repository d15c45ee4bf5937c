// Redirects: followed within a bound, loops caught, and a permanent move reported so the OPML can be
// corrected, after which the saved copy follows the new address instead of arriving twice.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchInto, lineFor, tempCorpus } from "./helpers";
import { startServer, type TestServer } from "./server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const state = (dir: string) => JSON.parse(readFileSync(join(dir, ".fetch-state.json"), "utf8")).sources;

describe("redirects", () => {
  it("follows a 302 silently and saves under the listed address's name", async () => {
    const dir = tempCorpus();
    const run = await fetchInto(dir, server.origin, ["/temporary.xml"]);
    expect(lineFor(run, 0)).toEqual([
      expect.stringMatching(
        /temporary\.xml: 1 new item \(first copy\), saved to corpus\/feeds\/.+-temporary\.xml$/,
      ),
    ]);
    expect(state(dir)[`${server.origin}/temporary.xml`].movedTo).toBeUndefined();
  });

  it("reports a 301 with the address to list, and hands the copy over once the OPML says so", async () => {
    const dir = tempCorpus();
    const run = await fetchInto(dir, server.origin, ["/moved.xml"]);
    expect(lineFor(run, 0)).toEqual([
      `corpus/sources.opml:4: warning: ${server.origin}/moved.xml moved permanently (HTTP 301) to ${server.origin}/rss.xml (fix: set xmlUrl="${server.origin}/rss.xml" in corpus/sources.opml; the saved copy follows it)`,
      expect.stringMatching(/moved\.xml: 2 new items \(first copy\), saved to corpus\/feeds\/.+-moved\.xml$/),
    ]);
    expect(run.sum.failed).toBe(0);
    expect(state(dir)[`${server.origin}/moved.xml`]).toMatchObject({
      movedTo: `${server.origin}/rss.xml`,
      etag: '"rss-v1"',
    });

    // The user follows the fix: the new address takes the copy and its validators over (a 304 here).
    const fixed = await fetchInto(dir, server.origin, ["/rss.xml"]);
    expect(lineFor(fixed, 0)).toEqual([
      expect.stringMatching(
        /rss\.xml: takes over corpus\/feeds\/.+-moved\.xml from .+\/moved\.xml, which moved here$/,
      ),
      `corpus/sources.opml:4: ${server.origin}/rss.xml: not modified`,
    ]);
    expect(Object.keys(state(dir))).toEqual([`${server.origin}/rss.xml`]);

    // The next change is saved under the new name, and the old copy goes: no item in the build twice.
    server.rss.etag = '"rss-v9"';
    try {
      const changed = await fetchInto(dir, server.origin, ["/rss.xml"]);
      expect(lineFor(changed, 0)[0]).toMatch(
        /: 0 new items \(2 in the feed\), saved to corpus\/feeds\/.+-rss\.xml$/,
      );
      expect(readdirSync(join(dir, "feeds"))).toEqual([expect.stringMatching(/-rss\.xml$/)]);
    } finally {
      server.rss.etag = '"rss-v1"';
    }
  });

  it("warns when two outlines end at the same feed", async () => {
    const run = await fetchInto(tempCorpus(), server.origin, ["/rss.xml", "/moved.xml"]);
    expect(run.lines).toContain(
      `corpus/sources.opml:5: warning: ${server.origin}/moved.xml is the same feed as the outline on line 4 (both are served from ${server.origin}/rss.xml); the build keeps one copy of each item (fix: remove one of the two outlines, and delete its saved copy)`,
    );
    expect(run.sum.failed).toBe(0);
  });

  it("warns about a saved copy whose source left the OPML, until it is deleted", async () => {
    const dir = tempCorpus();
    const first = await fetchInto(dir, server.origin, ["/atom.xml"]);
    const file = /saved to (corpus\/.+)$/.exec(first.lines[0] ?? "")?.[1] ?? "";
    const run = await fetchInto(dir, server.origin, ["/feed.json"]);
    expect(run.lines).toContain(
      `${file}:1: warning: was fetched from ${server.origin}/atom.xml, which corpus/sources.opml no longer lists; the build still reads it (fix: delete the file to drop its articles, or list the address again)`,
    );
    expect(existsSync(join(dir, file.slice("corpus/".length)))).toBe(true);
  });
});
