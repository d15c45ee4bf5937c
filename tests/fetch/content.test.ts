// What is saved: UTF-8 always (the build reads nothing else), and item-level doubts printed by fetch
// as the build will report them, never dropped in silence.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchInto, lineFor, tempCorpus } from "./helpers";
import { startServer, type TestServer } from "./server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe("saved content", () => {
  it("re-encodes a feed in another character set to UTF-8 and says so in its declaration", async () => {
    const dir = tempCorpus();
    const run = await fetchInto(dir, server.origin, ["/latin1.xml"]);
    const file = /saved to corpus\/(.+)$/.exec(lineFor(run, 0)[0] ?? "")?.[1] ?? "";
    const text = readFileSync(join(dir, file), "utf8");
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(text).toContain("Réouverture du café");
  });

  it("saves a gzip-encoded feed inflated, as the build reads it", async () => {
    const dir = tempCorpus();
    const run = await fetchInto(dir, server.origin, ["/gzip.xml"]);
    const file = /saved to corpus\/(.+)$/.exec(lineFor(run, 0)[0] ?? "")?.[1] ?? "";
    expect(readFileSync(join(dir, file), "utf8")).toMatch(
      /^<\?xml version="1\.0"[\s\S]*<guid isPermaLink="false">gz-101</,
    );
  });

  it("saves a feed with an item the build will leave out, and prints the build's warning for it", async () => {
    const dir = tempCorpus();
    const run = await fetchInto(dir, server.origin, ["/pier.xml"]);
    const lines = lineFor(run, 0);
    expect(lines[0]).toMatch(/pier\.xml: 1 new item \(first copy\), saved to corpus\/feeds\/.+-pier\.xml$/);
    expect(run.lines).toContainEqual(
      expect.stringMatching(
        /^corpus\/feeds\/.+-pier\.xml:\d+: warning: item 2 \("Orphan item"\) has no guid, id or link, so it gets no stable id; it was left out \(fix: .+\)$/,
      ),
    );
    expect(run.sum.failed).toBe(0);
  });
});
