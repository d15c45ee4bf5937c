// Issue 10's goals, each met, missed or not measured, with the figure that decides it. Pure function of
// the run.
import type { CaseName, RunResult, SizeResult } from "./types";

export interface Goal {
  goal: string;
  met: boolean | null;
  detail: string;
}

const MB = 1e6;
const GB = 1e9;
const MiB = 2 ** 20;
export const FILES_FREE = 20_000;
export const FILES_PAID = 100_000;
export const CPU_LIMIT = 1.1;

const n = (x: number): string => x.toLocaleString("en");
const synthetic = (run: RunResult): SizeResult[] => run.sizes.filter((s) => s.synthetic);
const notInRun = (run: RunResult, size: number): string =>
  `not measured: ${n(size)} is not among this run's sizes (${synthetic(run)
    .map((s) => n(s.articles))
    .join(", ")})`;

function deployed(run: RunResult, size: number): Goal {
  const s = synthetic(run).find((x) => x.articles === size);
  const others = synthetic(run)
    .filter((x) => typeof x.deployedBytes === "number" && x.articles !== size)
    .map((x) => `${n(x.articles)}: ${((x.deployedBytes ?? 0) / x.corpusBytes).toFixed(2)}x`)
    .join(", ");
  const also = others ? ` (other sizes: ${others})` : "";
  if (!s)
    return {
      goal: `Deployed bytes <= 3x the corpus at ${n(size)}`,
      met: null,
      detail: notInRun(run, size) + also,
    };
  if (s.deployedBytes === null)
    return {
      goal: `Deployed bytes <= 3x the corpus at ${n(size)}`,
      met: false,
      detail: s.error ?? "no build",
    };
  const ratio = s.deployedBytes / s.corpusBytes;
  return {
    goal: `Deployed bytes <= 3x the corpus at ${n(size)}`,
    met: ratio <= 3,
    detail: `${(s.deployedBytes / MB).toFixed(1)} MB for ${(s.corpusBytes / MB).toFixed(1)} MB of captures: ${ratio.toFixed(2)}x${also}`,
  };
}

function assetFiles(run: RunResult): Goal {
  const plan = (f: number): string =>
    f <= FILES_FREE ? "fits free and paid" : f <= FILES_PAID ? "paid only" : "fits neither";
  const rows = synthetic(run).flatMap((s) =>
    s.build ? [`${n(s.articles)}: ${n(s.build.assetFiles)} files (${plan(s.build.assetFiles)})`] : [],
  );
  const s = synthetic(run).find((x) => x.articles === 50000);
  const files = s?.build?.assetFiles;
  return {
    goal: `Asset files <= ${n(FILES_PAID)} at 50,000 (free plan: ${n(FILES_FREE)})`,
    met: files !== undefined ? files <= FILES_PAID : s ? false : null,
    detail: `${rows.join("; ")}${s ? "" : `; 50,000 ${notInRun(run, 50000)}`}`,
  };
}

function hugoRatio(s: SizeResult): string | null {
  const h = s.hugo?.hugo;
  return h && s.build
    ? `${n(s.articles)}: ${(s.build.seconds / h.wallSeconds).toFixed(2)}x (${s.build.seconds.toFixed(1)} s vs ${h.wallSeconds.toFixed(1)} s)`
    : null;
}

function buildGoals(run: RunResult): Goal[] {
  const s10 = synthetic(run).find((x) => x.articles === 10000);
  const h = s10?.hugo?.hugo;
  const atOthers = synthetic(run)
    .filter((x) => x.articles !== 10000)
    .flatMap((x) => hugoRatio(x) ?? [])
    .join(", ");
  const others = atOthers ? ` (other sizes: ${atOthers})` : "";
  const goals: Goal[] = [];
  goals.push({
    goal: "10,000 built within 2x Hugo's wall time (same articles, same run)",
    met: s10?.build && h ? s10.build.seconds <= 2 * h.wallSeconds : s10 && !s10.build ? false : null,
    detail:
      s10?.build && h
        ? `ours ${s10.build.seconds.toFixed(1)} s wall (${(s10.build.userSeconds + s10.build.sysSeconds).toFixed(1)} s CPU), Hugo ${h.wallSeconds.toFixed(1)} s (${(h.userSeconds + h.sysSeconds).toFixed(1)} s CPU): ${(s10.build.seconds / h.wallSeconds).toFixed(2)}x${others}`
        : `${s10 ? (s10.error ?? s10.hugo?.error ?? "Hugo not installed") : notInRun(run, 10000)}${others}`,
  });
  const rss = (s: SizeResult | undefined, size: number, limit: number, label: string): Goal => ({
    goal: `${n(size)} built under ${label} peak RSS`,
    met: s?.build ? s.build.peakRssMiB * MiB < limit : s ? false : null,
    detail: s?.build
      ? `${s.build.peakRssMiB.toFixed(0)} MiB (${((s.build.peakRssMiB * MiB) / GB).toFixed(2)} GB)`
      : (s?.error ?? notInRun(run, size)),
  });
  goals.push(rss(s10, 10000, GB, "1 GB"));
  const s50 = synthetic(run).find((x) => x.articles === 50000);
  goals.push({
    goal: "50,000 built in under 3 minutes",
    met: s50?.build ? s50.build.seconds < 180 : s50 ? false : null,
    detail: s50?.build
      ? `${s50.build.seconds.toFixed(1)} s wall, ${(s50.build.userSeconds + s50.build.sysSeconds).toFixed(1)} s CPU`
      : (s50?.error ?? notInRun(run, 50000)),
  });
  goals.push(rss(s50, 50000, 2 * GB, "2 GB"));
  return goals;
}

const CASE_GOALS: [CaseName[], string][] = [
  [["ok"], "200"],
  [["notModified"], "304 (If-None-Match)"],
  [["gzip"], "gzip"],
  [["br", "brRoute"], "br"],
];

function servingGoals(run: RunResult): Goal[] {
  return CASE_GOALS.map(([names, label]) => {
    const rows: string[] = [];
    let met: boolean | null = null;
    for (const s of synthetic(run)) {
      // Results saved before the constant Worker existed have no cases.
      for (const c of (s.cases ?? []).filter((x) => names.includes(x.name))) {
        const expected = c.name === "notModified" ? 304 : 200;
        const r = c.cpuRatio.ours.median;
        const ok = r <= CPU_LIMIT && c.status === expected && c.constantSame && c.results.ours.errors === 0;
        met = (met ?? true) && ok;
        const why =
          c.status !== expected ? `, status ${c.status}` : !c.constantSame ? ", constant differs" : "";
        const coding = c.name === "br" || c.name === "brRoute" ? `, ${c.coding} sent for ${c.path}` : "";
        rows.push(
          `${n(s.articles)}: ${r.toFixed(2)}x (${c.results.ours.cpuUsPerReq.toFixed(0)} vs ${c.results.constant.cpuUsPerReq.toFixed(0)} µs${coding}${why})`,
        );
      }
    }
    return {
      goal: `Serving CPU per request within ${CPU_LIMIT}x the constant Worker: ${label}`,
      met,
      detail: rows.join("; ") || "not measured",
    };
  });
}

function threadsGoal(run: RunResult): Goal {
  const s = synthetic(run).find((x) => x.threads);
  const t = s?.threads;
  return {
    goal: "Same output bytes with 1 thread and N threads",
    met: t ? t.single === t.multi : null,
    detail: t
      ? `${n(s.articles)} articles, --threads 1 vs --threads ${t.threads}: ${t.single === t.multi ? "identical" : "DIFFERENT"} (sha256 of every output file: ${t.single.slice(0, 12)} / ${t.multi.slice(0, 12)})`
      : "not measured: the build has no --threads option in this tree",
  };
}

export function evaluateGoals(run: RunResult): Goal[] {
  return [
    deployed(run, 10000),
    deployed(run, 50000),
    assetFiles(run),
    ...buildGoals(run),
    ...servingGoals(run),
    threadsGoal(run),
  ];
}
