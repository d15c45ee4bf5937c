// The command itself, as `npm run fetch` runs it, then `npm run build` over what it saved: a fetched
// feed becomes articles, and the build never goes to the network.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempCorpus } from "./helpers";
import { opml, startServer, type TestServer } from "./server";

const tsx = join("node_modules", ".bin", "tsx");

/** Asynchronous on purpose: the local server answers from this process's event loop. */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(tsx, args, { env: { ...process.env, FEED_BASE_URL: "https://site.example" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe("npm run fetch", () => {
  it("names the project and its version to servers, and exits 1 when a source failed", async () => {
    const corpus = tempCorpus();
    const list = join(tempCorpus(), "sources.opml");
    writeFileSync(list, opml(server.origin, ["/rss.xml", "/gone.xml"]));
    const from = server.requests.length;
    const r = await run(["src/fetch/cli.ts", "--corpus", corpus, "--opml", list, "--delay", "0"]);
    expect(r.code, r.stderr).toBe(1);
    const { version } = JSON.parse(readFileSync("package.json", "utf8"));
    expect(server.requests[from]?.headers["user-agent"]).toBe(
      `feed-aggregator/${version} (feed fetcher; +https://site.example)`,
    );
    expect(r.stdout).toMatch(/:4: .+\/rss\.xml: 2 new items \(first copy\), saved to .+\n/);
    expect(r.stdout).toMatch(/:5: .+\/gone\.xml: failed: HTTP 404 Not Found \(fix: .+\)\n/);
    expect(r.stdout.trim().split("\n").pop()).toBe(
      "fetch: 2 sources: 1 saved (2 new items), 0 not modified, 1 failed",
    );
  });

  it("exits 2 on a bad option, and refuses a size cap the build could not take", async () => {
    const r = await run(["src/fetch/cli.ts", "--max-bytes", "99999999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^fetch: usage: --max-bytes takes a whole number from 1 to 2097152/);
  });

  it("fetches RSS, Atom and JSON Feed into a corpus that `npm run build` turns into articles", async () => {
    const corpus = tempCorpus();
    copyFileSync("corpus/taxonomy.yaml", join(corpus, "taxonomy.yaml"));
    // The list lives in the corpus, where users keep it: the build skips it as configuration.
    const list = join(corpus, "sources.opml");
    writeFileSync(list, opml(server.origin, ["/rss.xml", "/atom.xml", "/feed.json"]));
    const fetched = await run(["src/fetch/cli.ts", "--corpus", corpus, "--opml", list, "--delay", "0"]);
    expect(fetched.code, fetched.stdout).toBe(0);

    const out = join(tempCorpus(), "out");
    mkdirSync(out);
    const built = await run(["src/pipeline/cli.ts", "--corpus", corpus, "--out", out, "--quiet"]);
    expect(built.code, built.stderr).toBe(0);
    const site = JSON.parse(readFileSync(join(out, "site.json"), "utf8")) as {
      articles: { title: string; url: string; file: string }[];
    };
    expect(site.articles.map((a) => a.title).sort()).toEqual([
      "Ferry timetable changes for spring",
      "Mountain road reopens after repairs",
      "New lighthouse keeper appointed",
      "Orchard growers expect an early harvest",
      "Ski school reports a record season",
    ]);
    expect(site.articles.map((a) => a.url)).toContain("https://observer.example/2026/orchard");
    for (const a of site.articles)
      expect(a.file).toMatch(/\/feeds\/127-0-0-1-\d+-(?:rss|atom|feed)\.(?:xml|json)$/);
  });
});
