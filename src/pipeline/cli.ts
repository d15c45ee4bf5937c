// `npm run build`: corpus/ -> .generated/ (manifest.json + bodies.bin + build-report.txt).
// wrangler.toml's [build] runs this before `wrangler dev` and `wrangler deploy`; a non-zero exit stops
// them, so a corpus problem never ships a half-built site.
//
// Options: --corpus DIR (env FEED_CORPUS_DIR, default corpus), --out DIR (env FEED_OUT_DIR, default
// .generated), --config FILE (default wrangler.toml), --quiet (totals only), --threads N (env
// FEED_THREADS, default every core; 1 extracts in this thread, with no pool), --cache-dir DIR (env
// FEED_CACHE_DIR, default node_modules/.cache/feed-aggregator: extraction results kept between builds,
// src/pipeline/cache), --no-cache (env FEED_CACHE=off: extract every file, read and write no cache).
// Site settings: wrangler.toml [vars], each overridden by an environment variable FEED_<NAME> (e.g.
// FEED_BASE_URL).
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { relative, resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import type { Site, SiteSettings } from "../shared/types";
import { defaultCacheDir, ExtractCache, formatCacheStats } from "./cache/index";
import { loadSettings } from "./config";
import { assembleSiteOnThreads, defaultThreads } from "./parallel/index";
import { formatProblem, formatWarning, type Problem } from "./problems";
import { CAPTURE_EXTENSIONS } from "./read/formats/index";
import { LIMITS } from "./read/limits";
import { listCorpus } from "./read/read";
import { renderSiteTo } from "./render/index";
import { formatReport } from "./report";
import { SpillStore } from "./spill";
import { Stages } from "./stages";
import { wranglerStderr } from "./wrangler-stderr";

interface Options {
  corpus: string;
  out: string;
  config: string;
  quiet: boolean;
  threads: number;
  /** The extraction cache's folder, or null for none. */
  cache: string | null;
}

function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const o: Options = {
    corpus: env.FEED_CORPUS_DIR || "corpus",
    out: env.FEED_OUT_DIR || ".generated",
    config: "wrangler.toml",
    quiet: false,
    threads: env.FEED_THREADS ? threadCount(env.FEED_THREADS, "FEED_THREADS") : defaultThreads(),
    cache: cacheSwitch(env.FEED_CACHE) ? env.FEED_CACHE_DIR || defaultCacheDir() : null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--corpus") o.corpus = next();
    else if (a === "--out") o.out = next();
    else if (a === "--config") o.config = next();
    else if (a === "--quiet") o.quiet = true;
    else if (a === "--threads") o.threads = threadCount(next(), a);
    else if (a === "--cache-dir") o.cache = next();
    else if (a === "--no-cache") o.cache = null;
    else throw new UsageError(`unknown option ${a}`);
  }
  return o;
}

class UsageError extends Error {}

function threadCount(v: string, name: string): number {
  if (!/^[1-9][0-9]{0,3}$/.test(v))
    throw new UsageError(`${name} is "${v}", not a whole number of threads from 1`);
  return Number(v);
}

function cacheSwitch(v: string | undefined): boolean {
  if (v === undefined || v === "" || v === "on") return true;
  if (v === "off") return false;
  throw new UsageError(`FEED_CACHE is "${v}", not on or off`);
}

/** site.json one article per line: a single JSON string of a large site would pass V8's string limit. */
function writeSiteJson(file: string, site: Site): void {
  const fd = openSync(file, "w");
  try {
    const head = JSON.stringify({ settings: site.settings, tags: site.tags, updated: site.updated });
    writeSync(fd, `${head.slice(0, -1)},"articles":[\n`);
    site.articles.forEach((a, i) => {
      writeSync(fd, `${i ? ",\n" : ""}${JSON.stringify(a)}`);
    });
    writeSync(fd, "\n]}\n");
  } finally {
    closeSync(fd);
  }
}

/**
 * Where the problem list goes. Under `wrangler dev`/`wrangler deploy` (which set WRANGLER_COMMAND for a
 * custom build) everything the build writes to stdout or stderr is echoed live, then repeated inside
 * wrangler's error message and again in its dump of that error: each problem three times. So there the
 * list goes to the terminal itself when there is one, else (CI) straight to wrangler's own stderr, and
 * the piped streams get one summary line.
 */
function problemSink(env: NodeJS.ProcessEnv): { write: (s: string) => void; close: () => void } | null {
  if (!env.WRANGLER_COMMAND) return null;
  let fd: number | null = null;
  try {
    fd = openSync("/dev/tty", "w");
  } catch {
    fd = wranglerStderr();
  }
  if (fd === null) return null; // neither: stderr it is, repeated or not, rather than lost
  const sink = fd;
  return { write: (s) => writeSync(sink, s), close: () => closeSync(sink) };
}

function fail(problems: readonly Problem[]): never {
  const n = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  const tty = problemSink(process.env);
  const out = tty ?? { write: (s: string) => process.stderr.write(s), close: () => {} };
  for (const p of problems) out.write(`${formatProblem(p)}\n`);
  out.write(`\nBuild failed: ${n}. Nothing was written, so nothing will be deployed.\n`);
  out.close();
  if (tty) process.stderr.write(`Build failed: ${n} (listed above). Fix them and run it again.\n`);
  process.exit(1);
}

/**
 * V8 collects the old generation once it has grown by a factor of live bytes, up to 4x under a large
 * heap limit. The build keeps little alive but makes garbage fast (rendered strings, parsed pages), so
 * RSS tracked the garbage: 1.1 to 1.4 GB at 10,000 articles. At 10% growth between collections that
 * alone made it 885 to 920 MiB, with the same bytes and no CPU cost beyond run-to-run noise. V8 flags
 * are process-wide: the extraction and compression workers, started later, get it too.
 */
const HEAP_GROWING_PERCENT = 10;

const REPORT = "build-report.txt";

/**
 * Read, extract and enrich, and the build report written into `tmp`. Its own function, so that the
 * listing, the capture results and the report are garbage once it returns (only the site goes on).
 */
async function extractStage(
  opts: Options,
  stages: Stages,
  label: string,
  settings: SiteSettings,
  tmp: string,
) {
  let listing: ReturnType<typeof listCorpus>;
  try {
    listing = listCorpus(opts.corpus, label);
  } catch (e) {
    fail([
      {
        file: label,
        line: 0,
        message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        fix: "run the build from the project folder, or pass --corpus DIR",
      },
    ]);
  }
  const refused = listing.problems ?? [];
  // Over the article limit nothing else is worth reading: say so at once.
  if (listing.articles.length > LIMITS.articles) fail(refused);
  if (listing.articles.length === 0 && refused.length === 0) {
    fail([
      {
        file: label,
        line: 0,
        message: `holds no article (${CAPTURE_EXTENSIONS})`,
        fix: "add captures to it (see corpus/README.md)",
      },
    ]);
  }
  stages.start("extract and enrich", `${listing.articles.length} captures`);
  const cache = opts.cache === null ? null : new ExtractCache(resolve(opts.cache));
  // Article bodies wait on disk from extraction to the end (spill.ts): memory stays flat with the corpus.
  const spill = new SpillStore();
  const assembled = await assembleSiteOnThreads(listing, settings, label, {
    threads: opts.threads,
    cache,
    onDone: (done, total) => stages.tick(done, total, "files"),
    transfer: true, // the listing's bytes are not read again
    spill,
  });
  if (!assembled.ok) fail([...refused, ...assembled.problems]);
  if (refused.length > 0) fail(refused);
  const { site, report, warnings, merges } = assembled.value;
  // Written now and read back to print at the end: the report and its text, held through render, were
  // about 2 KB per article.
  mkdirSync(tmp, { recursive: true });
  writeFileSync(resolve(tmp, REPORT), formatReport(report, warnings, merges));
  return { site, warnings, cache, spill };
}

async function main(): Promise<void> {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const opts = parseArgs(process.argv.slice(2), process.env);
  // A build killed while writing leaves its half-written folder behind: remove it first thing, so a
  // stale one never lingers (and .gitignore covers it meanwhile).
  const out = resolve(opts.out);
  const tmp = `${out}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  // Progress only on a terminal, never in CI or a log.
  const stages = new Stages(process.stderr.isTTY === true && !process.env.CI && !opts.quiet);
  stages.start("read", opts.corpus);
  const label = relative(process.cwd(), resolve(opts.corpus)) || opts.corpus;
  const { settings, storage, problems: settingProblems } = loadSettings(opts.config, process.env);
  if (settingProblems.length) fail(settingProblems);

  const { site, warnings, cache, spill } = await extractStage(opts, stages, label, settings, tmp);

  // Written next to the target as it is made and swapped in whole, so a reader never sees half a build.
  stages.start("render and pack", `${site.articles.length} articles`);
  let output: ReturnType<typeof renderSiteTo>;
  try {
    // The extraction pool is gone by now: the other threads compress while this one renders and chunks.
    const onRoute = (done: number) => stages.tick(done, null, "responses");
    output = renderSiteTo(tmp, site, storage, onRoute, opts.threads - 1);
    stages.start("write", `${output.files} asset files, ${(output.bytes / 1048576).toFixed(1)} MiB`);
    writeSiteJson(resolve(tmp, "site.json"), site);
  } catch (e) {
    // Half a build is worth nothing: the target stays as it was, and so does nothing else.
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  spill.close();
  const routeCount = Object.keys(output.manifest.routes).length;
  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
  const reportText = readFileSync(resolve(out, REPORT), "utf8");
  const timing = stages.summary();
  const cacheNote = cache
    ? formatCacheStats(cache.stats, relative(process.cwd(), cache.dir) || cache.dir)
    : "extraction cache off";

  // On stderr, once each, also under --quiet: a doubt the user never sees cannot be fixed.
  for (const w of warnings) process.stderr.write(`${formatWarning(w)}\n`);
  if (opts.quiet) {
    process.stdout.write(
      `${reportText.trimEnd().split("\n").pop()}; ${routeCount} responses in ${relative(process.cwd(), out) || out}; ${cacheNote}\n${timing}\n`,
    );
  } else {
    process.stdout.write(reportText);
    process.stdout.write(
      `Wrote ${routeCount} prerendered responses (${output.manifest.storage} storage, ${output.manifest.storedBytes} body bytes stored, ${output.files} asset files) to ${relative(process.cwd(), out) || out}; ${cacheNote}\n${timing}\n`,
    );
  }
}

try {
  await main();
} catch (e) {
  // Expected failures exit above with file:line messages; anything here is a bug or a usage error,
  // reported in one line (set DEBUG=1 for the stack).
  const msg = e instanceof UsageError ? `usage: ${e.message}` : `internal error: ${(e as Error).message}`;
  process.stderr.write(`build: ${msg}\n`);
  if (process.env.DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(2);
}
