// Turns results.json into the console table, BENCHMARKS.md and the hand-written SVG chart. Pure functions
// of the run: no clock, no I/O.
import { evaluateGoals } from "./goals";
import { casesConsole, casesMarkdown, hugoMarkdown } from "./report-limits";
import type { RouteName, RouteResult, RunResult, SizeResult } from "./types";

const KiB = 1024;
const MiB = 1024 * 1024;
export const LIMITS = {
  rawBytes: 64 * MiB,
  gzipFree: 3 * MiB,
  gzipPaid: 10 * MiB,
  memoryMB: 128,
  startupMs: 1000,
  seedGzip: 150 * KiB,
};

const ROUTE_LABEL: Record<RouteName, string> = {
  feed: "/feed.xml",
  tagFeed: "tag feed",
  jsonFeed: "/feed.json",
  notModified: "304 (If-None-Match)",
  article: "article page",
  api: "API tag+q",
};

const fmt = (n: number | null | undefined, digits = 0): string =>
  n === null || n === undefined || Number.isNaN(n) ? "n/a" : n.toFixed(digits);
const size = (b: number): string =>
  b >= MiB ? `${(b / MiB).toFixed(2)} MiB` : `${(b / KiB).toFixed(1)} KiB`;
const ms = (us: number): string => (us / 1000).toFixed(2);

import type { Goal } from "./goals";

/** The feed's 200 and 304 cases in the shape of the other routes (ours against nginx). */
function asRoutes(s: SizeResult): RouteResult[] {
  const fromCases = (s.cases ?? []).flatMap((c): RouteResult[] => {
    const name: RouteName | null = c.name === "ok" ? "feed" : c.name === "notModified" ? "notModified" : null;
    if (!name) return [];
    const nginxStatus = c.name === "notModified" ? (c.nginxSame ? 304 : 0) : c.nginxSame ? 200 : 0;
    return [
      {
        name,
        path: c.path,
        headers: c.headers,
        status: c.status,
        bytes: c.bytes,
        nginxStatus,
        worker: c.results.ours,
        nginx: c.results.nginx,
      },
    ];
  });
  return [...fromCases, ...s.routes];
}

function served(run: RunResult): SizeResult[] {
  return run.sizes.filter((s) => s.synthetic);
}

/** Issue 9's goals, still reported (from plain workerd now). */
export function earlierGoals(run: RunResult): Goal[] {
  const goals: Goal[] = [];
  const sizes = served(run).map((s) => ({ ...s, routes: asRoutes(s) }));
  const ratioGoal = (names: RouteName[], min: number, label: string): void => {
    const rows: string[] = [];
    let met: boolean | null = null;
    for (const s of sizes) {
      for (const r of s.routes.filter((x) => names.includes(x.name))) {
        const ratio = r.worker.rps / r.nginx.rps;
        // A 304 route answered with a 200 (or any wrong status) is not a pass, however fast.
        const expected = r.name === "notModified" ? 304 : 200;
        const ok = ratio >= min && r.worker.errors === 0 && r.status === expected;
        met = (met ?? true) && ok;
        const why = r.status === expected ? "" : `, status ${r.status} not ${expected}`;
        rows.push(`${s.label}/${r.name} ${ratio.toFixed(2)}x${ok ? "" : ` (MISS${why})`}`);
      }
    }
    goals.push({
      goal: `${label} >= ${min}x nginx req/s (same bytes, same run)`,
      met,
      detail: rows.join(", ") || "not measured",
    });
  };
  ratioGoal(["feed", "tagFeed", "jsonFeed", "article"], 0.2, "Feeds and pages");
  ratioGoal(["notModified"], 0.1, "304 responses");

  const small = sizes.find((s) => s.articles === 5);
  const big = sizes.find((s) => s.articles === 10000);
  if (small && big && small.routes.length && big.routes.length) {
    const rows: string[] = [];
    let met = true;
    for (const r of big.routes) {
      const base = small.routes.find((x) => x.name === r.name);
      if (!base) continue;
      const ratio = r.worker.p50us / base.worker.p50us;
      met &&= ratio <= 1.2;
      rows.push(`${r.name} ${ratio.toFixed(2)}x`);
    }
    goals.push({
      goal: "p50 at 10,000 articles within 1.2x of p50 at 5, every route",
      met,
      detail: rows.join(", "),
    });
    const api = big.routes.find((r) => r.name === "api");
    goals.push({
      goal: "API tag+q p99 < 10 ms at 10,000 articles",
      met: api ? api.worker.p99us < 10_000 && api.status === 200 : null,
      detail: api ? `p99 ${ms(api.worker.p99us)} ms, status ${api.status}` : "not measured",
    });
  } else if (big) {
    // The size was attempted but produced nothing to serve: the goals are missed, not unmeasured.
    const why = big.error ?? big.serveError ?? "not served";
    goals.push({
      goal: "p50 at 10,000 articles within 1.2x of p50 at 5, every route",
      met: false,
      detail: why,
    });
    goals.push({ goal: "API tag+q p99 < 10 ms at 10,000 articles", met: false, detail: why });
  } else {
    goals.push({
      goal: "p50 at 10,000 articles within 1.2x of p50 at 5, every route",
      met: null,
      detail: "needs sizes 5 and 10,000 (full mode)",
    });
    goals.push({
      goal: "API tag+q p99 < 10 ms at 10,000 articles",
      met: null,
      detail: "needs size 10,000 (full mode)",
    });
  }
  const linear = sizes.flatMap((s) =>
    s.articles >= 1000 && s.build ? [{ n: s.articles, secs: s.build.seconds }] : [],
  );
  if (linear.length >= 2) {
    const per = linear.map((s) => `${s.n}: ${((s.secs / s.n) * 1000).toFixed(2)} ms/article`);
    const first = linear[0];
    const last = linear[linear.length - 1];
    const growth = first && last ? last.secs / last.n / (first.secs / first.n) : Number.NaN;
    goals.push({
      goal: "Build linear in size (per-article time flat within 2x from 1,000 up)",
      met: growth <= 2,
      detail: `${per.join(", ")}`,
    });
  }
  const seeds = run.sizes.find((s) => s.label === "seeds");
  goals.push({
    goal: "Seed-corpus Worker bundle <= 150 KiB gzipped",
    met: seeds?.bundle ? seeds.bundle.gzipBytes <= LIMITS.seedGzip : seeds ? false : null,
    detail: seeds?.bundle
      ? `${size(seeds.bundle.gzipBytes)} gzipped (${seeds.bundle.wranglerLine})`
      : (seeds?.error ?? "not measured"),
  });
  return goals;
}

function limitCheck(s: SizeResult): string[] {
  const out: string[] = [];
  const b = s.bundle;
  if (!b) return [s.error ?? "no bundle"];
  out.push(`raw ${size(b.rawBytes)} ${b.rawBytes <= LIMITS.rawBytes ? "<=" : "> (OVER)"} 64 MiB`);
  out.push(
    `gzip ${size(b.gzipBytes)}: ${b.gzipBytes <= LIMITS.gzipFree ? "fits free 3 MiB" : b.gzipBytes <= LIMITS.gzipPaid ? "over free 3 MiB, fits paid 10 MiB" : "OVER paid 10 MiB"}`,
  );
  if (s.worker) {
    const heap = s.worker.heapUsedMiB;
    const mem = heap === null ? null : heap + (s.worker.backingMiB ?? 0);
    out.push(
      mem === null
        ? "isolate memory n/a"
        : `isolate memory (V8 heap + ArrayBuffers) ${mem.toFixed(1)} MiB ${mem * 1.048576 <= LIMITS.memoryMB ? "<" : "> (OVER)"} 128 MB`,
    );
    out.push(
      `start-up ${s.worker.startupMs.toFixed(0)} ms (${s.worker.startupMs <= LIMITS.startupMs ? "<" : ">"} 1 s, includes process launch)`,
    );
  }
  return out;
}

export function renderTable(run: RunResult): string {
  const lines: string[] = [];
  lines.push("size     build s  peak MiB  raw        gzip       startup ms  heap MiB  rss MiB");
  for (const s of run.sizes) {
    lines.push(
      [
        s.label.padEnd(8),
        fmt(s.build?.seconds, 1).padStart(7),
        fmt(s.build?.peakRssMiB).padStart(9),
        (s.bundle ? size(s.bundle.rawBytes) : "n/a").padStart(10),
        (s.bundle ? size(s.bundle.gzipBytes) : "n/a").padStart(10),
        fmt(s.worker?.startupMs).padStart(11),
        fmt(s.worker?.heapUsedMiB, 1).padStart(9),
        fmt(s.worker?.rssMiB).padStart(8),
      ].join(" "),
    );
  }
  lines.push("");
  lines.push(...casesConsole(run));
  lines.push("");
  lines.push(
    "size     route                 status  bytes     worker r/s  nginx r/s  ratio  w p50 ms  w p99 ms  n p50 ms  w cpu us/req  n cpu us/req",
  );
  for (const s of run.sizes) {
    for (const r of s.routes) {
      lines.push(
        [
          s.label.padEnd(8),
          ROUTE_LABEL[r.name].padEnd(21),
          String(r.status).padStart(6),
          String(r.bytes).padStart(9),
          fmt(r.worker.rps).padStart(11),
          fmt(r.nginx.rps).padStart(10),
          (r.worker.rps / r.nginx.rps).toFixed(2).padStart(6),
          ms(r.worker.p50us).padStart(9),
          ms(r.worker.p99us).padStart(9),
          ms(r.nginx.p50us).padStart(9),
          fmt(r.worker.cpuUsPerReq).padStart(13),
          fmt(r.nginx.cpuUsPerReq).padStart(13),
        ].join(" "),
      );
    }
    const why = s.error ?? s.serveError;
    if (why) lines.push(`${s.label.padEnd(8)} (${why.split("\n").filter(Boolean).slice(0, 3).join(" | ")})`);
  }
  lines.push("");
  for (const g of [...evaluateGoals(run), ...earlierGoals(run)])
    lines.push(`${g.met === null ? "n/a " : g.met ? "MET " : "MISS"} ${g.goal}: ${g.detail}`);
  return lines.join("\n");
}

/** `notes`: hand-written analysis (bench/notes.md), kept apart so re-running never loses it. */
export function renderMarkdown(run: RunResult, notes = ""): string {
  const L: string[] = [];
  L.push("# Benchmarks", "");
  L.push(
    `Generated by \`${run.commands.find((c) => c.startsWith("npm run bench")) ?? "npm run bench"}\` (bench/run.ts; sizes ${run.sizes.map((x) => x.label).join(", ")}) in ${run.totalSeconds.toFixed(0)} s. Every number below comes from that one run (load average ${run.machine.load ?? "n/a"} at its start); servers are compared interleaved, in the same rounds, and builds back to back.`,
    "",
  );
  L.push("## Goals (issue 10)", "", "| Goal | Result | Figure |", "|---|---|---|");
  const cell = (g: Goal): string =>
    `| ${g.goal} | ${g.met === null ? "not measured" : g.met ? "met" : "**missed**"} | ${g.detail} |`;
  for (const g of evaluateGoals(run)) L.push(cell(g));
  L.push("");
  L.push(...casesMarkdown(run));
  L.push(...hugoMarkdown(run));
  if (notes.trim()) L.push(notes.trim(), "");
  L.push("## Machine", "");
  L.push(`- nproc: ${run.machine.nproc}; CPU: ${run.machine.cpu}; memory: ${run.machine.memory}`);
  L.push(
    `- Node ${run.machine.node}, kernel ${run.machine.kernel}, ${run.machine.nginx}, ${run.machine.wrk}, ${run.machine.hugo ?? "hugo n/a"}`,
  );
  L.push(
    "- Load generator and servers share the same cores: wrk runs with one thread, nginx with one worker, workerd with its defaults.",
    "",
  );
  L.push("## Commands", "");
  for (const c of run.commands) L.push(`- ${c}`);
  L.push("");
  L.push("## Earlier goals (issue 9)", "", "| Goal | Result | Detail |", "|---|---|---|");
  for (const g of earlierGoals(run)) L.push(cell(g));
  L.push("");
  L.push("## What the build produced", "");
  for (const s of run.sizes) {
    if (!s.build) {
      L.push(`- ${s.label}: **build failed**: ${(s.error ?? "").split("\n").slice(0, 4).join(" / ")}`);
      continue;
    }
    const big = (s.build.largestRoutes ?? []).map((r) => `\`${r.path}\` ${size(r.size)}`).join(", ");
    const head = s.build.reportHeadline ? `${s.build.reportHeadline}; ` : "";
    L.push(
      `- ${s.label}: ${head}${s.build.routes} routes, ${s.build.storage} storage, bodies.bin ${size(s.build.bodiesBytes)}, manifest.json ${size(s.build.manifestBytes)}${s.build.assetFiles > 1 ? `, ${s.build.assetFiles} asset files (${size(s.build.assetBytes)}, largest ${size(s.build.largestAssetBytes)})` : ""}${big ? `; largest responses: ${big}` : ""}`,
    );
  }
  L.push("");
  L.push("## Build, bundle and Worker start-up", "");
  L.push(
    "| Corpus | Storage | Captures | Corpus size | Routes | Build s | Build CPU s | Build peak RSS | Deployed (x corpus) | Bundle raw | Bundle gzip | Wrangler | Start-up ms | 1st response ms | V8 heap used | ArrayBuffers | workerd RSS |",
  );
  L.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  if (run.baseline) {
    const b = run.baseline;
    L.push(
      `| empty Worker (baseline) | - | - | - | - | - | - | - | - | - | - | - | ${fmt(b.startupMs)} | ${fmt(b.firstResponseMs, 1)} | ${fmt(b.heapUsedMiB, 1)} MiB | ${fmt(b.backingMiB, 1)} MiB | ${fmt(b.rssMiB)} MiB |`,
    );
  }
  for (const s of run.sizes) {
    L.push(
      `| ${s.label}${s.synthetic ? "" : " (corpus/)"} | ${s.build ? `${s.build.storage}${s.build.assetFiles > 1 ? ` (${s.build.assetFiles} files, ${size(s.build.assetBytes)})` : ""}` : "build failed"} | ${s.articles} | ${size(s.corpusBytes)} | ${fmt(s.build?.routes)} | ${fmt(s.build?.seconds, 1)} | ${s.build ? fmt(s.build.userSeconds + s.build.sysSeconds, 1) : "n/a"} | ${fmt(s.build?.peakRssMiB)} MiB | ${s.deployedBytes ? `${size(s.deployedBytes)} (${(s.deployedBytes / s.corpusBytes).toFixed(2)}x)` : "n/a"} | ${s.bundle ? size(s.bundle.rawBytes) : "n/a"} | ${s.bundle ? size(s.bundle.gzipBytes) : "n/a"} | ${s.bundle?.wranglerLine ?? "n/a"} | ${fmt(s.worker?.startupMs)} | ${fmt(s.worker?.firstResponseMs, 1)} | ${fmt(s.worker?.heapUsedMiB, 1)} MiB | ${fmt(s.worker?.backingMiB, 1)} MiB | ${fmt(s.worker?.rssMiB)} MiB |`,
    );
  }
  L.push("");
  const warm = run.sizes.filter((s) => s.rebuild && s.build);
  if (warm.length) {
    L.push(
      "Rebuild with a warm extraction cache (the same build again, nothing changed; not the Hugo comparison, which is against the cold build above):",
      "",
      "| Corpus | Cold build s | Cold CPU s | Warm rebuild s | Warm CPU s | Warm peak RSS | CPU warm/cold | Cache | Same bytes |",
      "|---|---|---|---|---|---|---|---|---|",
    );
    for (const s of warm) {
      const b = s.build as NonNullable<SizeResult["build"]>;
      const w = s.rebuild as NonNullable<SizeResult["rebuild"]>;
      const cold = b.userSeconds + b.sysSeconds;
      L.push(
        `| ${s.label} | ${fmt(b.seconds, 1)} | ${fmt(cold, 1)} | ${fmt(w.seconds, 1)} | ${fmt(w.cpuSeconds, 1)} | ${fmt(w.peakRssMiB)} MiB | ${(w.cpuSeconds / cold).toFixed(2)}x | ${w.cacheNote} | ${w.sameBytes === null ? "not hashed" : w.sameBytes ? "yes" : "NO"} |`,
      );
    }
    L.push("");
  }
  L.push(
    "Limits per size (64 MiB raw upload, 3 MiB gzipped free / 10 MiB paid, 128 MB isolate memory, 1 s start-up):",
    "",
  );
  for (const s of run.sizes)
    L.push(
      `- ${s.label}: ${limitCheck(s).join("; ")}${s.serveError ? `; ${s.serveError.split("\n")[0]}` : ""}`,
    );
  L.push("");
  L.push(
    "Start-up is measured from spawning plain `workerd serve` to its listen message (process launch + bundle parse + global scope), so compare it with the empty-Worker baseline: the difference is what our bundle costs. Heap is V8 `Runtime.getHeapUsage` of the Worker over the inspector (after a requested GC) of an instance started for that purpose only (load runs have no inspector), ArrayBuffers is its `backingStorageSize`; both count toward the 128 MB isolate limit. RSS is the whole workerd process. Deployed = assets/ + bodies.bin + routes.bin + worker.json; corpus = the captures' .txt/.md bytes.",
    "",
  );
  L.push("## Other routes: our Worker vs nginx, same bytes (full runs)", "");
  L.push(
    `Identity responses; wrk, 1 thread, ${run.load.connections} connections, ${run.load.seconds} s x ${run.load.rounds} round(s) per side after ${run.load.warmupSeconds} s warm-up; medians over rounds. CPU is server utime+stime per request. The feed's rows are its 200 and 304 cases above.`,
    "",
  );
  L.push(
    "| Corpus | Route | Path | Status (w/n) | Bytes | workerd req/s | nginx req/s | ratio | workerd p50 / p99 ms | nginx p50 / p99 ms | workerd CPU µs/req | nginx CPU µs/req | errors (w/n) |",
  );
  L.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const s of run.sizes) {
    for (const r of asRoutes(s)) {
      L.push(
        `| ${s.label} | ${ROUTE_LABEL[r.name]} | \`${r.path}\` | ${r.status}/${r.nginxStatus} | ${r.bytes} | ${fmt(r.worker.rps)} | ${fmt(r.nginx.rps)} | ${(r.worker.rps / r.nginx.rps).toFixed(2)} | ${ms(r.worker.p50us)} / ${ms(r.worker.p99us)} | ${ms(r.nginx.p50us)} / ${ms(r.nginx.p99us)} | ${fmt(r.worker.cpuUsPerReq)} | ${fmt(r.nginx.cpuUsPerReq)} | ${r.worker.errors}/${r.nginx.errors} |`,
      );
    }
  }
  L.push("");
  L.push("![cost against corpus size](bench/cost-vs-size.svg)", "");
  L.push("## Caveats", "");
  L.push(
    "- Workers run in plain `workerd serve`, the same binary Miniflare drives, without Miniflare's entry Worker and inspector (their cost is the harness table above). The ASSETS binding is a workerd `disk` service on .generated/assets, not the platform's asset Worker: a steady-state request reads no asset (bodies are memoized per isolate), so this only matters for first requests.",
    "- The constant Worker is the limit of any Worker here: a Map lookup and a precomputed Response. A ratio near 1 says our per-request work is negligible beside workerd's own; nginx shows what the same bytes cost without a JavaScript isolate.",
    "- workerd throughput depends strongly on concurrency; every server gets the same 4 connections.",
    "- Server and load generator share the machine's cores (2 here), so absolute req/s and wall times are machine-bound; only same-run ratios (and CPU per request) compare.",
    "",
  );
  return `${L.join("\n")}\n`;
}

interface Series {
  title: string;
  unit: string;
  points: [number, number][];
  limit?: number;
}

function panel(x0: number, y0: number, w: number, h: number, s: Series): string {
  const xs = s.points.map(([x]) => Math.log10(x));
  const ys = s.points.map(([, y]) => y);
  const xMin = Math.min(...xs, 0.5);
  const xMax = Math.max(...xs, 1);
  const yMax = Math.max(...ys, s.limit ?? 0, 1e-9) * 1.1;
  const px = (x: number): number => x0 + 50 + ((Math.log10(x) - xMin) / (xMax - xMin || 1)) * (w - 70);
  const py = (y: number): number => y0 + h - 30 - (y / yMax) * (h - 60);
  const out: string[] = [];
  out.push(
    `<text x="${x0 + w / 2}" y="${y0 + 18}" text-anchor="middle" font-weight="bold">${s.title} (${s.unit})</text>`,
  );
  out.push(
    `<line x1="${x0 + 50}" y1="${y0 + h - 30}" x2="${x0 + w - 20}" y2="${y0 + h - 30}" stroke="#333"/>`,
  );
  out.push(`<line x1="${x0 + 50}" y1="${y0 + 30}" x2="${x0 + 50}" y2="${y0 + h - 30}" stroke="#333"/>`);
  for (const t of [0, 0.5, 1]) {
    const v = yMax * t;
    out.push(
      `<text x="${x0 + 45}" y="${py(v) + 4}" text-anchor="end" font-size="10">${v >= 100 ? v.toFixed(0) : v.toFixed(1)}</text>`,
    );
  }
  for (const [x] of s.points) {
    out.push(
      `<text x="${px(x)}" y="${y0 + h - 14}" text-anchor="middle" font-size="10">${x.toLocaleString("en")}</text>`,
    );
  }
  if (s.limit !== undefined) {
    out.push(
      `<line x1="${x0 + 50}" y1="${py(s.limit)}" x2="${x0 + w - 20}" y2="${py(s.limit)}" stroke="#c00" stroke-dasharray="4 3"/>`,
    );
    out.push(
      `<text x="${x0 + w - 22}" y="${py(s.limit) - 3}" text-anchor="end" font-size="10" fill="#c00">limit ${s.limit}</text>`,
    );
  }
  if (s.points.length) {
    out.push(
      `<polyline fill="none" stroke="#1f6feb" stroke-width="2" points="${s.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ")}"/>`,
    );
    for (const [x, y] of s.points) {
      out.push(
        `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="#1f6feb"><title>${x}: ${y.toFixed(2)} ${s.unit}</title></circle>`,
      );
    }
  } else {
    out.push(
      `<text x="${x0 + w / 2}" y="${y0 + h / 2}" text-anchor="middle" fill="#888">not measured</text>`,
    );
  }
  return out.join("\n");
}

/** Four small multiples against corpus size (log x): build time, gzipped bundle, heap, CPU per feed request. */
export function renderChart(run: RunResult): string {
  const sizes = served(run);
  const cpu = (name: RouteName): [number, number][] =>
    sizes.flatMap((s) => {
      const r = asRoutes(s).find((x) => x.name === name);
      return r ? [[s.articles, r.worker.cpuUsPerReq] as [number, number]] : [];
    });
  const series: Series[] = [
    {
      title: "Build time",
      unit: "s",
      points: sizes.flatMap((s) => (s.build ? [[s.articles, s.build.seconds] as [number, number]] : [])),
    },
    {
      title: "Bundle gzipped",
      unit: "MiB",
      points: sizes.flatMap((s) =>
        s.bundle ? [[s.articles, s.bundle.gzipBytes / MiB] as [number, number]] : [],
      ),
      limit: 10,
    },
    {
      title: "Isolate heap + ArrayBuffers",
      unit: "MiB",
      points: sizes.flatMap((s) =>
        s.worker?.heapUsedMiB != null
          ? [[s.articles, s.worker.heapUsedMiB + (s.worker.backingMiB ?? 0)] as [number, number]]
          : [],
      ),
      // 128 MB isolate limit, in MiB.
      limit: 122,
    },
    { title: "workerd CPU per /feed.xml", unit: "µs/req", points: cpu("feed") },
  ];
  const W = 400;
  const H = 240;
  const parts = series.map((s, i) => panel((i % 2) * W, Math.floor(i / 2) * H + 30, W, H, s));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${2 * H + 40}" viewBox="0 0 ${2 * W} ${2 * H + 40}" font-family="sans-serif" font-size="12" role="img">
<title>Cost against corpus size: build time, gzipped bundle, isolate memory, workerd CPU per request</title>
<rect width="100%" height="100%" fill="#fff"/>
<text x="${W}" y="20" text-anchor="middle" font-size="14">Cost against corpus size (articles, log scale), ${run.mode} run</text>
${parts.join("\n")}
</svg>
`;
}
