// The extraction on worker threads must not change a byte: the same corpus through assembleSite (one
// thread) and through the pool (every job crossing a thread) gives the same site, report, warnings,
// problems and rendered files; the whole build with --threads 1 and --threads 3 the same output folder.
// (The build's own pool may leave a small corpus to the main thread; the in-process test forces workers.)
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../../src/pipeline/config";
import { assembleSiteOnThreads } from "../../../src/pipeline/parallel/index";
import { listCorpus } from "../../../src/pipeline/read/read";
import { assembleSite } from "../../../src/pipeline/site";
import { built, cliBuild, fileTree, mixedCorpus } from "../../support/builds";

const goodCorpus = () => mixedCorpus("threads-", 24, ["jsonld.html", "plain.html", "opengraph.html"]);

/** The good corpus with broken files among it: the build must list the same problems in the same order. */
function badCorpus(): string {
  const dir = goodCorpus();
  const broken = "tests/fixtures/broken-corpus";
  for (const f of readdirSync(broken)) if (f !== "taxonomy.yaml") copyFileSync(join(broken, f), join(dir, f));
  return dir;
}

describe("extraction on worker threads", () => {
  for (const [name, make] of [
    ["a corpus with copies of stories and of feed items", goodCorpus],
    ["a corpus with broken files", badCorpus],
  ] as const) {
    it(`gives the same site for ${name}`, async () => {
      const dir = make();
      const one = built(assembleSite(listCorpus(dir, "corpus"), DEFAULT_SETTINGS));
      let ticks = 0;
      const pooled = await assembleSiteOnThreads(listCorpus(dir, "corpus"), DEFAULT_SETTINGS, "corpus", {
        threads: 3,
        workersOnly: true,
        transfer: true,
        onDone: () => ticks++,
      });
      expect(built(pooled)).toEqual(one);
      expect(ticks).toBeGreaterThan(1);
      if (name.includes("broken")) expect(one.problems?.length).toBeGreaterThan(5);
      else expect(one.warnings?.some((w) => /already read from corpus\/wire/.test(w))).toBe(true);
    });
  }
});

// No extraction cache: every build here extracts, on the threads it is given.
const build = (args: string[]) => cliBuild(["--no-cache", ...args]);

describe("npm run build --threads", () => {
  it("writes the same files with 1 and 3 threads", () => {
    const dir = goodCorpus();
    const [a, b] = [`${dir}-out1`, `${dir}-out3`];
    const one = build(["--corpus", dir, "--out", a, "--threads", "1"]);
    expect(one.code, one.stderr).toBe(0);
    const three = build(["--corpus", dir, "--out", b, "--threads", "3"]);
    expect(three.code, three.stderr).toBe(0);
    expect(three.stderr).toBe(one.stderr); // the warnings, in order
    const files = fileTree(a);
    expect(Object.keys(files)).toContain("site.json");
    expect(fileTree(b)).toEqual(files);
  });

  it("refuses a thread count that is not a whole number from 1", () => {
    mkdirSync(join(tmpdir(), "threads-none"), { recursive: true });
    const r = build(["--threads", "0", "--out", join(tmpdir(), "threads-none", "out")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: --threads is "0", not a whole number of threads from 1/);
  });
});
