// `npm run bench [-- --quick] [--sizes 5,1000]`: generate corpora, build and bundle each in
// a temp copy of the repo, serve the bundle in workerd (Miniflare) and the same bytes from nginx, drive
// both with wrk interleaved, then print a table and write BENCHMARKS.md + bench/cost-vs-size.svg.
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { parse } from "smol-toml";
import type { Manifest } from "../src/shared/manifest";
import { generateCorpus, writeCorpus } from "./generate";
import { renderChart, renderMarkdown, renderTable } from "./report";
import { type LoadResult, runWrk, type StaticFile, startNginx, startWorker } from "./serve";
import type { RouteName, RouteResult, RunResult, SizeResult, WorkerFacts } from "./types";
import { dryRun, prepareWorkspace, runBuild } from "./workspace";

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
const LOAD = quick
  ? { seconds: 2, rounds: 1, connections: 4, warmupSeconds: 1 }
  : { seconds: 3, rounds: 2, connections: 4, warmupSeconds: 1 };
const TMP = "/tmp/feed-bench";
const OUT = join(REPO, "bench/out");
// Free ports picked at start: other helpers run wrangler dev / proxies on fixed ports on this machine.
let WORKER_PORT = 0;
let INSPECTOR_PORT = 0;
let NGINX_PORT = 0;

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
// Others edit src/ while the bench runs: every size is built from one copy taken at the start.
const SNAPSHOT = join(TMP, "snapshot");

const log = (msg: string): void => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sh = (cmd: string): string => {
  try {
    return execSync(cmd, { encoding: "utf8" }).trim();
  } catch {
    return "(unavailable)";
  }
};

interface WranglerToml {
  compatibility_date: string;
  vars?: Record<string, string>;
  assets?: { directory?: string; binding?: string };
}
const wranglerToml = parse(readFileSync(join(REPO, "wrangler.toml"), "utf8")) as unknown as WranglerToml;

/** Assets storage: serve the build's body files through the binding wrangler.toml names. */
function assetsFor(ws: string, storage: string): { directory: string; binding: string } | undefined {
  if (storage !== "assets") return undefined;
  return {
    directory: resolve(ws, wranglerToml.assets?.directory ?? ".generated/assets"),
    binding: wranglerToml.assets?.binding ?? "ASSETS",
  };
}

/** Picks the benchmarked paths from what the build actually emitted, so route naming can evolve. */
function pickRoutes(
  manifest: Manifest,
): { name: RouteName; path: string; headers: Record<string, string> }[] {
  const paths = Object.keys(manifest.routes).sort();
  const feed = paths.includes("/feed.xml")
    ? "/feed.xml"
    : (paths.find((p) => manifest.routes[p]?.kind === "feed") ?? "/");
  const tagFeeds = paths.filter(
    (p) => p.startsWith("/tags/") && manifest.routes[p]?.kind === "feed" && p.endsWith(".xml"),
  );
  // RSS sub-feed of the busiest tag in the taxonomy, whatever the build names it.
  const tagFeed =
    ["/tags/llama/feed.xml", "/tags/llama/rss.xml"].find((p) => paths.includes(p)) ??
    tagFeeds.find((p) => p.startsWith("/tags/llama/")) ??
    tagFeeds[0] ??
    feed;
  const articles = paths.filter((p) => p.startsWith("/articles/") && manifest.routes[p]?.kind === "html");
  const article = articles[Math.floor(articles.length / 2)] ?? "/";
  return [
    { name: "feed", path: feed, headers: {} },
    { name: "tagFeed", path: tagFeed, headers: {} },
    { name: "jsonFeed", path: paths.includes("/feed.json") ? "/feed.json" : feed, headers: {} },
    {
      name: "notModified",
      path: feed,
      headers: { "If-None-Match": manifest.routes[feed]?.etag ?? '"none"' },
    },
    { name: "article", path: article, headers: {} },
    { name: "api", path: "/api/articles?tag=llama&q=lecun", headers: {} },
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? Number.NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

function medianLoad(rs: LoadResult[]): LoadResult {
  const pick = (k: keyof LoadResult): number => median(rs.map((r) => r[k]));
  return {
    requests: rs.reduce((s, r) => s + r.requests, 0),
    seconds: rs.reduce((s, r) => s + r.seconds, 0),
    rps: pick("rps"),
    p50us: pick("p50us"),
    p99us: pick("p99us"),
    errors: rs.reduce((s, r) => s + r.errors, 0),
    cpuUsPerReq: pick("cpuUsPerReq"),
  };
}

async function serveAndLoad(
  ws: string,
  dist: string,
  load: boolean,
): Promise<{ worker: WorkerFacts; routes: RouteResult[] }> {
  const manifest = JSON.parse(readFileSync(join(ws, ".generated/manifest.json"), "utf8")) as Manifest;
  const assets = assetsFor(ws, manifest.storage);
  // Without load runs (50,000: start-up and heap only, which keeps a full run near 15 minutes).
  const picks = load ? pickRoutes(manifest) : [];
  const worker = await startWorker({
    distDir: dist,
    port: WORKER_PORT,
    inspectorPort: INSPECTOR_PORT,
    compatibilityDate: wranglerToml.compatibility_date,
    bindings: wranglerToml.vars ?? {},
    probePath: picks[0]?.path ?? "/",
    assets,
  });
  const staticDir = join(ws, "static");
  mkdirSync(staticDir, { recursive: true });
  const files: StaticFile[] = [];
  const pre = new Map<RouteName, { status: number; bytes: number }>();
  for (const [i, r] of picks.entries()) {
    if (r.name === "notModified") {
      // The validator a client would send: the one the Worker gave out (it may differ from the
      // manifest's, e.g. when the request's origin is spliced into the body).
      const first = await fetch(worker.url + r.path, { headers: { "Accept-Encoding": "identity" } });
      await first.arrayBuffer();
      r.headers["If-None-Match"] = first.headers.get("etag") ?? r.headers["If-None-Match"] ?? '"none"';
    }
    // Identity encoding, as wrk asks: nginx then serves exactly these bytes.
    const res = await fetch(worker.url + r.path, {
      headers: { ...r.headers, "Accept-Encoding": "identity" },
    });
    const body = Buffer.from(await res.arrayBuffer());
    pre.set(r.name, { status: res.status, bytes: body.length });
    if (r.name === "notModified") continue;
    const file = join(staticDir, `r${i}`);
    writeFileSync(file, body);
    files.push({
      path: r.path.split("?")[0] ?? r.path,
      file,
      type: res.headers.get("content-type") ?? "application/octet-stream",
    });
  }
  const nginx = await startNginx(join(ws, "nginx"), NGINX_PORT, files);
  const routes: RouteResult[] = [];
  try {
    for (const r of picks) {
      const nginxHeaders = { ...r.headers };
      if (r.name === "notModified") {
        // nginx's own validator for the same bytes: each server answers a conditional GET it can satisfy.
        const etag = (await fetch(nginx.url + r.path)).headers.get("etag");
        nginxHeaders["If-None-Match"] = etag ?? '"none"';
      }
      const nginxStatus = (await fetch(nginx.url + r.path, { headers: nginxHeaders })).status;
      const common = { seconds: LOAD.seconds, connections: LOAD.connections, scriptDir: ws };
      const w = { ...common, url: worker.url + r.path, headers: r.headers, serverPids: [worker.pid] };
      const n = {
        ...common,
        url: nginx.url + r.path,
        headers: nginxHeaders,
        serverPids: [nginx.masterPid, ...nginx.workerPids],
      };
      await runWrk({ ...w, seconds: LOAD.warmupSeconds });
      await runWrk({ ...n, seconds: LOAD.warmupSeconds });
      const wr: LoadResult[] = [];
      const nr: LoadResult[] = [];
      for (let round = 0; round < LOAD.rounds; round++) {
        // Alternate who goes first so drift (thermal, noisy neighbours) hits both sides alike.
        if (round % 2 === 0) {
          nr.push(await runWrk(n));
          wr.push(await runWrk(w));
        } else {
          wr.push(await runWrk(w));
          nr.push(await runWrk(n));
        }
      }
      const p = pre.get(r.name) ?? { status: 0, bytes: 0 };
      routes.push({
        ...r,
        status: p.status,
        bytes: p.bytes,
        nginxStatus,
        worker: medianLoad(wr),
        nginx: medianLoad(nr),
      });
      log(
        `  ${r.name} ${r.path}: worker ${Math.round(medianLoad(wr).rps)} req/s, nginx ${Math.round(medianLoad(nr).rps)} req/s`,
      );
    }
    const facts: WorkerFacts = {
      startupMs: worker.startupMs,
      firstResponseMs: worker.firstResponseMs,
      rssMiB: worker.rssMiB,
      heapUsedMiB: worker.heapUsedMiB,
      heapTotalMiB: worker.heapTotalMiB,
      backingMiB: worker.backingMiB,
    };
    return { worker: facts, routes };
  } finally {
    await nginx.stop();
    await worker.stop();
  }
}

async function baselineWorker(): Promise<WorkerFacts | null> {
  const dir = join(TMP, "baseline");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.js"), 'export default { fetch() { return new Response("ok"); } };\n');
  try {
    const w = await startWorker({
      distDir: dir,
      port: WORKER_PORT,
      inspectorPort: INSPECTOR_PORT,
      compatibilityDate: wranglerToml.compatibility_date,
      bindings: {},
      probePath: "/",
    });
    await w.stop();
    const { stop: _stop, url: _url, pid: _pid, ...facts } = w;
    return facts;
  } catch (e) {
    log(`baseline worker failed: ${(e as Error).message}`);
    return null;
  }
}

/**
 * Time box per build: three times the goal at 10,000 (90 s); 600 s at 50,000, where the build is known to
 * take about 8 minutes: a build killed here has missed its goal anyway, but its bundle and start-up
 * are what the storage decision needs.
 */
function buildBox(articles: number): number {
  return articles <= 1000 ? 120 : articles <= 10000 ? 90 : 600;
}

const MAX_SERVED_BUNDLE = 1024 * 2 ** 20;

async function measureSize(
  label: string,
  articles: number,
  corpusDir: string,
  synthetic: boolean,
  serve: boolean,
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
    serveError: serve ? null : "not served (bundle-size check only)",
    routes: [],
  };
  try {
    log(`${label}: build`);
    const build = runBuild(ws, corpusDir, buildBox(articles));
    result.build = build;
    log(
      `${label}: built ${build.routes} routes in ${build.seconds}s, peak ${build.peakRssMiB.toFixed(0)} MiB, ${build.storage} storage (bodies.bin ${(build.bodiesBytes / 2 ** 20).toFixed(1)} MiB, assets ${build.assetFiles} files ${(build.assetBytes / 2 ** 20).toFixed(1)} MiB); bundling`,
    );
    const bundle = dryRun(ws);
    result.bundle = bundle;
    log(`${label}: ${bundle.wranglerLine}`);
  } catch (e) {
    result.error = `${result.build ? "bundle" : "build"}: ${(e as Error).message.slice(0, 800)}`;
    result.serveError = "not served: no bundle";
    log(`${label}: ${result.error}`);
    return result;
  }
  if (serve && result.bundle.rawBytes > MAX_SERVED_BUNDLE) {
    result.serveError = `not served: bundle over ${MAX_SERVED_BUNDLE / 2 ** 20} MiB`;
  } else if (serve) {
    try {
      const s = await serveAndLoad(ws, join(ws, "dist"), articles < 50000);
      result.worker = s.worker;
      result.routes = s.routes;
    } catch (e) {
      result.serveError = (e as Error).message.slice(0, 500);
      log(`${label}: serving failed: ${result.serveError}`);
    }
  }
  return result;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  WORKER_PORT = await freePort();
  INSPECTOR_PORT = await freePort();
  NGINX_PORT = await freePort();
  mkdirSync(OUT, { recursive: true });
  mkdirSync(TMP, { recursive: true });
  const taxonomy = readFileSync(join(REPO, "corpus/taxonomy.yaml"), "utf8");
  prepareWorkspace(REPO, SNAPSHOT);
  writeFileSync(join(SNAPSHOT, "wrangler.toml"), readFileSync(join(REPO, "wrangler.toml")));
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
    },
    commands: [
      `source: ${sh(`git -C ${REPO} rev-parse --short HEAD`)} plus ${sh(`git -C ${REPO} status --porcelain src | wc -l`)} uncommitted file(s) under src/ (snapshot copied at start)`,
      `npm run bench${quick ? " -- --quick" : ""}`,
      "build: /usr/bin/time -f '%e %M' node --max-old-space-size=12288 --import tsx src/pipeline/cli.ts --corpus <dir> --out .generated (in a temp copy of the repo)",
      "bundle: wrangler deploy --dry-run --outdir dist (same temp copy, wrangler.toml without [build])",
      "serve: new Miniflare({ modules: true, scriptPath: dist/index.js, modulesRules: Data **/*.bin, port })",
      `load: wrk -t1 -c${LOAD.connections} -d${LOAD.seconds}s -s report.lua URL (${LOAD.rounds} round(s), nginx/workerd alternating, ${LOAD.warmupSeconds}s warm-up each)`,
      "cpu: delta of utime+stime in /proc/<pid>/stat of workerd (nginx: master+worker) / requests",
    ],
    load: LOAD,
    baseline: await baselineWorker(),
    sizes: [],
    totalSeconds: 0,
  };
  // The real seed corpus: only its bundle size has a goal (<= 150 KiB gzipped).
  run.sizes.push(await measureSize("seeds", 5, join(REPO, "corpus"), false, false));
  for (const n of SIZES) {
    const dir = join(TMP, `corpus-${n}`);
    rmSync(dir, { recursive: true, force: true });
    const { files, stats } = generateCorpus(n, taxonomy);
    writeCorpus(dir, files);
    log(
      `${n}: generated ${stats.articles} captures, ${(stats.bytes / 2 ** 20).toFixed(1)} MiB, ${stats.inSharedStory} in shared stories`,
    );
    const r = await measureSize(String(n), n, dir, true, true);
    r.inSharedStory = stats.inSharedStory;
    run.sizes.push(r);
    // The corpus and the temp repo copy can be hundreds of MiB at 50,000: do not keep them around.
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(TMP, `ws-${n}`), { recursive: true, force: true });
    writeFileSync(join(OUT, quick ? "results.quick.json" : "results.json"), JSON.stringify(run, null, 2));
  }
  run.totalSeconds = (performance.now() - t0) / 1000;
  writeFileSync(join(OUT, quick ? "results.quick.json" : "results.json"), JSON.stringify(run, null, 2));
  console.log(renderTable(run));
  const notesFile = join(REPO, "bench/notes.md");
  const md = renderMarkdown(run, existsSync(notesFile) ? readFileSync(notesFile, "utf8") : "");
  const svg = renderChart(run);
  // Quick runs (CI) must not overwrite the committed full report.
  writeFileSync(quick ? join(OUT, "BENCHMARKS.quick.md") : join(REPO, "BENCHMARKS.md"), md);
  writeFileSync(quick ? join(OUT, "cost-vs-size.quick.svg") : join(REPO, "bench/cost-vs-size.svg"), svg);
  log(`done in ${run.totalSeconds.toFixed(0)}s`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
