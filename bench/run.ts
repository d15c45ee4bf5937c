// `npm run bench [-- --quick] [--sizes 5,1000]`: generate corpora, build and bundle each in a temp copy of
// the repo, time Hugo on the same articles, serve the bundle in plain workerd beside a constant-response
// Worker and nginx on the same bytes, drive all three with wrk interleaved, then print a table and write
// BENCHMARKS.md + bench/cost-vs-size.svg. `--report results.json` only writes the report again from a saved
// run (after bench/notes.md changed), measuring nothing.
import { execSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import type { Manifest } from "../src/shared/manifest";
import type { Load } from "./compare";
import { hugoVersion, timed } from "./hugo";
import { renderChart, renderMarkdown, renderTable } from "./report";
import { otherRoutes, pickRoutes } from "./routes";
import {
  brCandidates,
  feedCases,
  measureCases,
  measureHarness,
  type ServePlan,
  startWorkers,
} from "./serving";
import type { HugoResult, RebuildResult, RunResult, SizeResult, ThreadsCheck, WorkerFacts } from "./types";
import { readWranglerToml, startWorkerd, type WorkerdSpec, workerdSpecOf } from "./workerd";
import { buildHasCache, buildHasThreads, dryRun, prepareWorkspace, runBuild } from "./workspace";

const REPO = resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const sizesArg = argv[argv.indexOf("--sizes") + 1];
const SIZES =
  argv.includes("--sizes") && sizesArg
    ? sizesArg.split(",").map(Number)
    : quick
      ? [5, 1000]
      : [5, 1000, 10000, 50000];
// Quick (CI): enough requests for CPU figures to a few percent (/proc counts 10 ms ticks), little time.
const benchArgs = [
  ...(quick ? ["--quick"] : []),
  ...(argv.includes("--sizes") ? ["--sizes", SIZES.join(",")] : []),
];
const LOAD: Load = quick
  ? { seconds: 1, rounds: 2, connections: 4, warmupSeconds: 0 }
  : { seconds: 3, rounds: 4, connections: 4, warmupSeconds: 1 };
const TMP = "/tmp/feed-bench";
const OUT = join(REPO, "bench/out");
// Others edit src/ while the bench runs: every size is built from one copy taken at the start.
const SNAPSHOT = join(TMP, "snapshot");
const THREADS = availableParallelism();
/** The size whose build is repeated with --threads 1: up to 1,000 in full runs, the smallest in quick. */
const THREADS_CHECK = quick ? Math.min(...SIZES) : Math.max(...SIZES.filter((n) => n <= 1000), 0);

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

const log = (msg: string): void => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sh = (cmd: string): string => {
  try {
    return execSync(cmd, { encoding: "utf8" }).trim();
  } catch {
    return "(unavailable)";
  }
};

const wranglerToml = readWranglerToml(join(REPO, "wrangler.toml"));
const workerdSpec = (ws: string, storage: string): WorkerdSpec => workerdSpecOf(ws, storage, wranglerToml);

const factsOf = (w: WorkerFacts): WorkerFacts => ({
  startupMs: w.startupMs,
  firstResponseMs: w.firstResponseMs,
  rssMiB: w.rssMiB,
  heapUsedMiB: w.heapUsedMiB,
  heapTotalMiB: w.heapTotalMiB,
  backingMiB: w.backingMiB,
});

/** Start-up and memory from an instance with an inspector; load runs use one without (it costs CPU). */
async function workerFacts(spec: WorkerdSpec, probePath: string): Promise<WorkerFacts> {
  const w = await startWorkerd({ ...spec, probePath, inspectorPort: await freePort() });
  await w.stop();
  return factsOf(w);
}

let harnessDone = false;

/** Reads the manifest once and keeps only the paths serving needs. */
function servePlan(ws: string): {
  spec: WorkerdSpec;
  plan: ServePlan;
  others: ReturnType<typeof pickRoutes>;
} {
  const manifest = JSON.parse(readFileSync(join(ws, ".generated/manifest.json"), "utf8")) as Manifest;
  return {
    spec: workerdSpec(ws, manifest.storage),
    // Quick runs (CI) skip the brotli stylesheet case: the feed's br case already runs the negotiation.
    plan: { cases: feedCases(manifest), brCandidates: quick ? [] : brCandidates(manifest) },
    others: pickRoutes(manifest),
  };
}

async function serve(ws: string, result: SizeResult): Promise<void> {
  const { spec, plan, others } = servePlan(ws);
  result.worker = await workerFacts(spec, plan.cases[0]?.path ?? "/");
  const servers = await startWorkers(spec, plan, ws);
  try {
    result.cases = await measureCases(servers, ws, await freePort(), LOAD, log);
    if (!harnessDone) {
      harnessDone = true;
      result.harness = await measureHarness(servers, spec.compatibilityDate, await freePort(), LOAD, ws);
      const r = result.harness.results;
      log(
        `  harness: constant Worker CPU µs/req ${Object.entries(r)
          .map(([k, v]) => `${k} ${v.cpuUsPerReq.toFixed(0)}`)
          .join(", ")}`,
      );
    }
    // The other routes, ours against nginx (full runs; 50,000 serves the feed cases only).
    if (!quick && result.articles < 50000) {
      result.routes = await otherRoutes(servers.ours, others, ws, await freePort(), LOAD, log);
    }
  } finally {
    await servers.stop();
  }
}

/** Time box per build: a build killed here has missed its goals anyway; its absence is the result. */
function buildBox(articles: number): number {
  return articles <= 1000 ? 600 : articles <= 10000 ? 1800 : 3600;
}

const MAX_SERVED_BUNDLE = 1024 * 2 ** 20;

function hugoRun(ws: string, result: SizeResult, version: string): HugoResult | null {
  const b = result.build;
  if (!b) return null;
  const ours = {
    wallSeconds: b.seconds,
    userSeconds: b.userSeconds,
    sysSeconds: b.sysSeconds,
    peakRssMiB: b.peakRssMiB,
  };
  const out: HugoResult = {
    version,
    ours,
    hugo: null,
    pages: 0,
    outputBytes: 0,
    outputFiles: 0,
    error: null,
  };
  const site = join(ws, "hugo");
  try {
    // Writing the Hugo site is not timed; it runs in a child so site.json never enters this heap.
    const items = wranglerToml.vars?.ITEMS_PER_FEED ?? "50";
    const w = spawnSync(
      process.execPath,
      ["--import", "tsx", join(REPO, "bench/hugo.ts"), join(ws, ".generated/site.json"), site, items],
      {
        cwd: REPO,
        encoding: "utf8",
      },
    );
    if (w.status !== 0) throw new Error(`writing the Hugo site failed: ${w.stderr.slice(-500)}`);
    out.pages =
      (JSON.parse(w.stdout.trim().split("\n").pop() ?? "{}") as { articles?: number }).articles ?? 0;
    out.hugo = timed("hugo", ["--quiet"], site, 600);
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else {
          out.outputFiles++;
          out.outputBytes += statSync(join(d, e.name)).size;
        }
      }
    };
    walk(join(site, "public"));
  } catch (e) {
    out.error = (e as Error).message.slice(0, 500);
  }
  rmSync(site, { recursive: true, force: true });
  return out;
}

function threadsCheck(ws: string, corpusDir: string, result: SizeResult): ThreadsCheck | null {
  if (!result.build || !buildHasThreads(ws)) return null;
  const single = runBuild(ws, corpusDir, buildBox(result.articles), {
    out: join(ws, "out-1thread"),
    args: ["--threads", "1"],
    hash: true,
  });
  rmSync(join(ws, "out-1thread"), { recursive: true, force: true });
  return { threads: THREADS, single: single.outputHash ?? "", multi: result.build.outputHash ?? "" };
}

/**
 * The same build again over the extraction cache the timed (cold) build filled: what `wrangler dev`
 * costs after an edit that changes no capture. Not compared with Hugo (which has no such cache).
 */
function rebuild(ws: string, corpusDir: string, result: SizeResult, args: string[]): RebuildResult | null {
  if (!result.build || !args.includes("--cache-dir")) return null;
  const out = join(ws, "out-warm");
  const hashed = result.build.outputHash !== null;
  const warm = runBuild(ws, corpusDir, buildBox(result.articles), { out, args, hash: hashed });
  rmSync(out, { recursive: true, force: true });
  return {
    seconds: warm.seconds,
    cpuSeconds: warm.userSeconds + warm.sysSeconds,
    peakRssMiB: warm.peakRssMiB,
    cacheNote: warm.cacheNote,
    sameBytes: hashed ? warm.outputHash === result.build.outputHash : null,
  };
}

async function measureSize(
  label: string,
  articles: number,
  corpusDir: string,
  synthetic: boolean,
  serveIt: boolean,
  hugo: string | null,
): Promise<SizeResult> {
  const ws = join(TMP, `ws-${label}`);
  prepareWorkspace(SNAPSHOT, ws);
  const corpusFiles = readdirSync(corpusDir).filter((f) => f.endsWith(".txt") || f.endsWith(".md"));
  const result: SizeResult = {
    label,
    articles,
    synthetic,
    corpusBytes: corpusFiles.reduce((s, f) => s + statSync(join(corpusDir, f)).size, 0),
    inSharedStory: 0,
    build: null,
    bundle: null,
    worker: null,
    error: null,
    serveError: serveIt ? null : "not served (bundle-size check only)",
    routes: [],
    cases: [],
    harness: null,
    hugo: null,
    threads: null,
    deployedBytes: null,
  };
  try {
    log(`${label}: build`);
    const threadArgs = buildHasThreads(ws) ? ["--threads", String(THREADS)] : [];
    // A fresh cache folder: the timed build is cold (it fills the cache the rebuild below reads).
    const cacheDir = join(ws, "extract-cache");
    rmSync(cacheDir, { recursive: true, force: true });
    const cacheArgs = buildHasCache(ws) ? ["--cache-dir", cacheDir] : [];
    const build = runBuild(ws, corpusDir, buildBox(articles), {
      args: [...threadArgs, ...cacheArgs],
      hash: synthetic && articles === THREADS_CHECK && threadArgs.length > 0,
    });
    result.build = build;
    result.deployedBytes = build.deployedBytes;
    log(
      `${label}: built ${build.routes} routes in ${build.seconds}s (${(build.userSeconds + build.sysSeconds).toFixed(1)} s CPU), peak ${build.peakRssMiB.toFixed(0)} MiB, ${build.storage} storage, deployed ${(build.deployedBytes / 2 ** 20).toFixed(1)} MiB (${(build.deployedBytes / result.corpusBytes).toFixed(2)}x corpus), ${build.assetFiles} asset files`,
    );
    if (hugo && synthetic && (!quick || articles === 1000)) {
      result.hugo = hugoRun(ws, result, hugo);
      const h = result.hugo?.hugo;
      log(
        `${label}: hugo ${h ? `${h.wallSeconds} s, ${h.peakRssMiB.toFixed(0)} MiB; ours/hugo wall ${(build.seconds / h.wallSeconds).toFixed(2)}x` : result.hugo?.error}`,
      );
    }
    if (synthetic && articles === THREADS_CHECK) {
      result.threads = threadsCheck(ws, corpusDir, result);
      if (result.threads)
        log(
          `${label}: --threads 1 vs ${THREADS}: ${result.threads.single === result.threads.multi ? "same bytes" : "DIFFERENT bytes"}`,
        );
    }
    if (synthetic && articles >= 1000) {
      result.rebuild = rebuild(ws, corpusDir, result, [...threadArgs, ...cacheArgs]);
      const w = result.rebuild;
      if (w)
        log(
          `${label}: rebuild, warm cache: ${w.seconds}s (${w.cpuSeconds.toFixed(1)} s CPU), peak ${w.peakRssMiB.toFixed(0)} MiB; ${w.cacheNote}${w.sameBytes === null ? "" : w.sameBytes ? "; same bytes" : "; DIFFERENT bytes"}`,
        );
    }
    rmSync(cacheDir, { recursive: true, force: true });
    log(`${label}: bundling`);
    const bundle = dryRun(ws);
    result.bundle = bundle;
    log(`${label}: ${bundle.wranglerLine}`);
  } catch (e) {
    result.error = `${result.build ? "bundle" : "build"}: ${(e as Error).message.slice(0, 800)}`;
    result.serveError = "not served: no bundle";
    log(`${label}: ${result.error}`);
    return result;
  }
  if (serveIt && result.bundle.rawBytes > MAX_SERVED_BUNDLE) {
    result.serveError = `not served: bundle over ${MAX_SERVED_BUNDLE / 2 ** 20} MiB`;
  } else if (serveIt) {
    try {
      await serve(ws, result);
    } catch (e) {
      result.serveError = (e as Error).message.slice(0, 500);
      log(`${label}: serving failed: ${result.serveError}`);
    }
  }
  return result;
}

/** Generates a corpus in a child process: 50,000 captures never sit in this process's heap. */
function generate(n: number, dir: string): { inSharedStory: number; bytes: number } {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", join(REPO, "bench/generate.ts"), String(n), dir],
    {
      cwd: REPO,
      encoding: "utf8",
      maxBuffer: 16 << 20,
    },
  );
  if (r.status !== 0) throw new Error(`generating ${n} captures failed: ${r.stderr.slice(-500)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as { inSharedStory: number; bytes: number };
}

async function baselineWorker(): Promise<WorkerFacts | null> {
  const dir = join(TMP, "baseline");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "dist"), { recursive: true });
  writeFileSync(join(dir, "dist/index.js"), 'export default { fetch() { return new Response("ok"); } };\n');
  try {
    const spec = { ...workerdSpec(dir, "bundle"), vars: {} };
    return await workerFacts(spec, "/");
  } catch (e) {
    log(`baseline worker failed: ${(e as Error).message}`);
    return null;
  }
}

async function main(): Promise<void> {
  const saved = argv.includes("--report") ? argv[argv.indexOf("--report") + 1] : undefined;
  if (saved !== undefined) {
    writeReport(JSON.parse(readFileSync(saved, "utf8")) as RunResult);
    return;
  }
  const t0 = performance.now();
  mkdirSync(OUT, { recursive: true });
  mkdirSync(TMP, { recursive: true });
  prepareWorkspace(REPO, SNAPSHOT);
  writeFileSync(join(SNAPSHOT, "wrangler.toml"), readFileSync(join(REPO, "wrangler.toml")));
  const hugo = hugoVersion();
  if (!hugo) log("hugo is not on PATH: the build is not compared with Hugo");
  const run: RunResult = {
    mode: quick ? "quick" : "full",
    machine: {
      nproc: sh("nproc"),
      memory: sh('free -m | sed -n 2p | awk \'{print $2" MiB total, "$7" MiB available"}\''),
      node: process.version,
      kernel: sh("uname -r"),
      cpu: sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").trim(),
      nginx: sh("nginx -v 2>&1"),
      wrk: sh("wrk -v 2>&1 | head -1"),
      hugo: hugo ?? "not installed",
      load: sh("cut -d' ' -f1-3 /proc/loadavg"),
    },
    commands: [
      `source: ${sh(`git -C ${REPO} rev-parse --short HEAD`)} plus ${sh(`git -C ${REPO} status --porcelain src | wc -l`)} uncommitted file(s) under src/ (snapshot copied at start)`,
      `npm run bench${benchArgs.length ? ` -- ${benchArgs.join(" ")}` : ""}`,
      `build: /usr/bin/time -f '%e %U %S %M' node --max-old-space-size=12288 --import tsx src/pipeline/cli.ts --corpus <dir> --out .generated --quiet${buildHasThreads(SNAPSHOT) ? ` --threads ${THREADS}` : ""}${buildHasCache(SNAPSHOT) ? " --cache-dir <fresh dir> (a cold build; the threads check runs with --no-cache)" : ""} (in a temp copy of the repo)`,
      ...(buildHasCache(SNAPSHOT)
        ? [
            "rebuild, warm cache (1,000 articles and up): the same command again over the cache folder the cold build filled, nothing changed (what `wrangler dev` costs after an edit that changes no capture; not part of the Hugo comparison)",
          ]
        : []),
      "hugo: the build's .generated/site.json written as content/*.md (JSON front matter: title, date, tags; body: contentHtml), tags taxonomy, full-content RSS for home and each tag, paginated lists (bench/hugo.ts); /usr/bin/time -f '%e %U %S %M' hugo --quiet, right after our build",
      "bundle: wrangler deploy --dry-run --outdir dist (same temp copy, wrangler.toml without [build])",
      "serve: plain `workerd serve` on a capnp config written from dist/ (index.js + Data modules), wrangler.toml's compatibility date, flags and vars, and in assets storage a `disk` service for .generated/assets as ASSETS (bench/workerd.ts); the constant Worker (bench/constant.ts) replays our Worker's captured answers (status, headers, bytes; checked exact) with each answer's Headers and init built once at load",
      `load: wrk -t1 -c${LOAD.connections} -d${LOAD.seconds}s -s report.lua URL (${LOAD.rounds} round(s), contenders in rotating order, ${LOAD.warmupSeconds}s warm-up each)`,
      "cpu: delta of utime+stime in /proc/<pid>/stat of the server process (nginx: master+worker) / requests",
    ],
    load: LOAD,
    baseline: await baselineWorker(),
    sizes: [],
    totalSeconds: 0,
  };
  // The real seed corpus: only its bundle size has a goal (<= 150 KiB gzipped).
  run.sizes.push(await measureSize("seeds", 5, join(REPO, "corpus"), false, false, null));
  for (const n of SIZES) {
    const dir = join(TMP, `corpus-${n}`);
    rmSync(dir, { recursive: true, force: true });
    const stats = generate(n, dir);
    log(
      `${n}: generated ${n} captures, ${(stats.bytes / 2 ** 20).toFixed(1)} MiB, ${stats.inSharedStory} in shared stories`,
    );
    const r = await measureSize(String(n), n, dir, true, true, hugo);
    r.inSharedStory = stats.inSharedStory;
    run.sizes.push(r);
    // The corpus and the temp repo copy can be gigabytes at 50,000: do not keep them around.
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(TMP, `ws-${n}`), { recursive: true, force: true });
    writeFileSync(join(OUT, quick ? "results.quick.json" : "results.json"), JSON.stringify(run, null, 2));
  }
  run.totalSeconds = (performance.now() - t0) / 1000;
  writeFileSync(join(OUT, quick ? "results.quick.json" : "results.json"), JSON.stringify(run, null, 2));
  writeReport(run);
  log(`done in ${run.totalSeconds.toFixed(0)}s`);
}

function writeReport(run: RunResult): void {
  mkdirSync(OUT, { recursive: true });
  console.log(renderTable(run));
  const notesFile = join(REPO, "bench/notes.md");
  const md = renderMarkdown(run, existsSync(notesFile) ? readFileSync(notesFile, "utf8") : "");
  const svg = renderChart(run);
  // Quick runs (CI) must not overwrite the committed full report.
  writeFileSync(quick ? join(OUT, "BENCHMARKS.quick.md") : join(REPO, "BENCHMARKS.md"), md);
  writeFileSync(quick ? join(OUT, "cost-vs-size.quick.svg") : join(REPO, "bench/cost-vs-size.svg"), svg);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
