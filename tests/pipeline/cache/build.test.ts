// The cache must not change a byte: the same corpus built with no cache, a cold one and a warm one, on
// one thread and across threads, gives the same site, report and rendered files; a damaged or missing
// entry is recomputed, and a folder that cannot be written only turns the cache off. Then the whole
// build through the CLI: cold, warm and --no-cache write the same output folder.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExtractCache } from "../../../src/pipeline/cache/index";
import { entryPath } from "../../../src/pipeline/cache/store";
import { DEFAULT_SETTINGS } from "../../../src/pipeline/config";
import { assembleSiteOnThreads } from "../../../src/pipeline/parallel/index";
import { listCorpus } from "../../../src/pipeline/read/read";
import { built, cliBuild, fileTree, mixedCorpus } from "../../support/builds";

const corpus = () => mixedCorpus("cache-corpus-", 16, ["jsonld.html", "plain.html"]);

const assemble = (dir: string, cache: ExtractCache | null, threads: number) =>
  assembleSiteOnThreads(listCorpus(dir, "corpus"), DEFAULT_SETTINGS, "corpus", {
    threads,
    workersOnly: threads > 1, // every miss crosses a thread, however small the corpus
    transfer: true,
    cache,
  });

describe("the extraction cache, in process", () => {
  const dir = corpus();
  const files = listCorpus(dir, "corpus").articles.length;

  it("gives the same site with no cache, cold and warm, on 1 and 2 threads", async () => {
    const none = built(await assemble(dir, null, 1));
    for (const [cold, warm] of [
      [1, 2],
      [2, 1],
    ] as const) {
      const where = mkdtempSync(join(tmpdir(), "cache-dir-"));
      const first = new ExtractCache(where);
      expect(built(await assemble(dir, first, cold))).toEqual(none);
      expect(first.stats).toMatchObject({
        hits: 0,
        extracted: files,
        damaged: 0,
        entries: files,
        problem: null,
      });
      const second = new ExtractCache(where);
      expect(built(await assemble(dir, second, warm))).toEqual(none);
      expect(second.stats).toMatchObject({ hits: files, extracted: 0, damaged: 0, entries: files });
    }
  });

  it("recomputes a damaged or missing entry and a changed file, and nothing else", async () => {
    const where = mkdtempSync(join(tmpdir(), "cache-dir-"));
    const none = built(await assemble(dir, null, 1));
    await assemble(dir, new ExtractCache(where), 1);
    const entries = readdirSync(where)
      .filter((s) => s.length === 2)
      .flatMap((s) => readdirSync(join(where, s)).map((n) => join(where, s, n)));
    writeFileSync(entries[0] as string, "not an entry");
    const again = new ExtractCache(where);
    expect(built(await assemble(dir, again, 1))).toEqual(none);
    expect(again.stats).toMatchObject({ hits: files - 1, extracted: 1, damaged: 1 });

    const changed = corpus();
    writeFileSync(
      join(changed, "plain.html"),
      readFileSync(join(changed, "plain.html"), "utf8").replace(
        "</body>",
        "<p>One more line of text.</p></body>",
      ),
    );
    const other = new ExtractCache(where);
    const r = built(await assemble(changed, other, 1));
    expect(other.stats).toMatchObject({ hits: files - 1, extracted: 1, damaged: 0 });
    expect(r).toEqual(built(await assemble(changed, null, 1)));
  });

  it("misses for another taxonomy, language, corpus label or code", async () => {
    const where = mkdtempSync(join(tmpdir(), "cache-dir-"));
    const c = new ExtractCache(where, "code-1");
    const file = { display: "corpus/a.txt", rel: "a.txt", bytes: new TextEncoder().encode("Title\n\nText.") };
    const ctx = { taxonomy: "tags: []\n", language: "en" };
    const base = c.keyOf({ file, slug: "a" }, ctx);
    const variants = [
      c.keyOf({ file: { ...file, bytes: new TextEncoder().encode("Title\n\nText!") }, slug: "a" }, ctx),
      c.keyOf({ file: { ...file, display: "other/a.txt" }, slug: "a" }, ctx),
      c.keyOf({ file, slug: "b" }, ctx),
      c.keyOf({ file, slug: "a", side: { file: { ...file, bytes: new Uint8Array(0) }, meta: {} } }, ctx),
      c.keyOf({ file, slug: "a" }, { ...ctx, taxonomy: "tags: [x]\n" }),
      c.keyOf({ file, slug: "a" }, { ...ctx, language: "fr" }),
      new ExtractCache(where, "code-2").keyOf({ file, slug: "a" }, ctx),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
    expect(c.keyOf({ file: { ...file }, slug: "a" }, { ...ctx })).toBe(base);
    expect(entryPath(where, base)).toBe(join(where, base.slice(0, 2), base));
  });

  it("only turns itself off when its folder cannot be made", async () => {
    // Under a plain file: refused whoever runs the test (root ignores permissions, not ENOTDIR).
    const file = join(mkdtempSync(join(tmpdir(), "cache-ro-")), "a-file");
    writeFileSync(file, "");
    const c = new ExtractCache(join(file, "cache"));
    expect(built(await assemble(dir, c, 1))).toEqual(built(await assemble(dir, null, 1)));
    expect(c.stats).toMatchObject({ hits: 0, extracted: files });
    expect(c.stats.problem).toMatch(/^cannot write .*ENOTDIR/);
  });
});

const build = cliBuild;

describe("npm run build with the extraction cache", () => {
  it("writes the same files cold, warm and with --no-cache, on 1 and 2 threads", () => {
    const dir = corpus();
    const where = mkdtempSync(join(tmpdir(), "cache-cli-"));
    const out = (n: string) => join(where, n);
    const runs = [
      [
        "cold",
        ["--threads", "2", "--cache-dir", out("cache")],
        /; 0 of 20 files from the cache \(20 extracted/,
      ],
      [
        "warm",
        ["--threads", "1", "--cache-dir", out("cache")],
        /; 20 of 20 files from the cache \(0 extracted/,
      ],
      ["env", ["--threads", "2"], /; 20 of 20 files from the cache/],
      ["none", ["--threads", "1", "--no-cache"], /; extraction cache off\n/],
    ] as const;
    const trees = runs.map(([name, args, line]) => {
      const r = build(["--corpus", dir, "--out", out(name), ...args], { FEED_CACHE_DIR: out("cache") });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(line);
      return fileTree(out(name));
    });
    expect(Object.keys(trees[0] ?? {})).toContain("site.json");
    for (const t of trees.slice(1)) expect(t).toEqual(trees[0]);
  });

  it("refuses a FEED_CACHE that is neither on nor off", () => {
    const r = build(["--out", join(tmpdir(), "cache-none")], { FEED_CACHE: "maybe" });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('build: usage: FEED_CACHE is "maybe", not on or off');
  });
});
