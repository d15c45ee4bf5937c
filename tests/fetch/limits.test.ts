// The timeout and the size cap are parameters, so these tests bound the work, never the time: the
// slow routes never finish at all, the huge ones never end, and only the fetcher's limits stop them.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchInto, lineFor, tempCorpus } from "./helpers";
import { HUGE_CHUNK, startServer, type TestServer } from "./server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe("limits", () => {
  it("times out a server that never answers, and one that stops mid-body", async () => {
    const dir = tempCorpus();
    const run = await fetchInto(dir, server.origin, ["/silent", "/stalls"], { http: { timeoutMs: 50 } });
    for (const i of [0, 1]) {
      expect(lineFor(run, i)).toEqual([
        expect.stringMatching(
          /: failed: no complete answer within 50 ms \(fix: try again later; if the server is always this slow, raise --timeout\)$/,
        ),
      ]);
    }
    expect(run.sum.failed).toBe(2);
    expect(existsSync(join(dir, "feeds"))).toBe(false);
  });

  it("aborts a body past the size cap, declared or streamed, and keeps going", async () => {
    const dir = tempCorpus();
    const cap = 4 * HUGE_CHUNK;
    const run = await fetchInto(
      dir,
      server.origin,
      ["/declared-huge.xml", "/endless.xml", "/rss.xml", "/gzip-bomb.xml"],
      { http: { maxBytes: cap } },
    );
    expect(lineFor(run, 0)[0]).toMatch(
      new RegExp(
        `: failed: the response is over the size cap of ${cap} bytes \\(it declares 1073741824 bytes\\)`,
      ),
    );
    expect(lineFor(run, 1)[0]).toMatch(
      new RegExp(`: failed: the response is over the size cap of ${cap} bytes \\(it was cut off\\)`),
    );
    expect(lineFor(run, 2)[0]).toMatch(/: 2 new items \(first copy\)/);
    expect(lineFor(run, 3)[0]).toMatch(
      /gzip-bomb\.xml: failed: the response is over the size cap .+\(it was cut off\)/,
    );
    expect(run.sum).toMatchObject({ failed: 3, saved: 1 });
  });
});
