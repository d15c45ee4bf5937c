// Interleaved load: every contender (our Worker, the constant Worker, nginx, ...) gets the same request in
// the same rounds, in rotating order, so drift on this shared machine hits all alike; per-round ratios
// against the reference contender are the figure, their median and spread reported.
import { rawGet } from "./constant";
import { type LoadResult, runWrk } from "./serve";

export interface Contender {
  name: string;
  pids: number[];
  /** Full URL and headers this contender is asked with for one case (nginx has its own paths, ETags). */
  request(caseName: string): { url: string; headers: Record<string, string> };
}

export interface Load {
  seconds: number;
  rounds: number;
  connections: number;
  /** wrk takes whole seconds; 0 warms up with WARMUP_REQUESTS sequential requests instead. */
  warmupSeconds: number;
}

const WARMUP_REQUESTS = 200;

export interface Compared {
  /** Median over rounds, per contender. */
  results: Record<string, LoadResult>;
  /** CPU per request of each contender over the reference's, median of rounds and min..max. */
  cpuRatio: Record<string, { median: number; min: number; max: number }>;
}

export function median(xs: number[]): number {
  const s = [...xs].filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? Number.NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

export function medianLoad(rs: LoadResult[]): LoadResult {
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

export async function compare(
  caseName: string,
  contenders: Contender[],
  reference: string,
  load: Load,
  scriptDir: string,
): Promise<Compared> {
  const opts = contenders.map((c) => ({
    ...c.request(caseName),
    connections: load.connections,
    serverPids: c.pids,
    scriptDir,
  }));
  for (const o of opts) {
    if (load.warmupSeconds >= 1) await runWrk({ ...o, seconds: load.warmupSeconds });
    else for (let i = 0; i < WARMUP_REQUESTS; i++) await rawGet(o.url, o.headers);
  }
  const runs: LoadResult[][] = contenders.map(() => []);
  const ratios: number[][] = contenders.map(() => []);
  const ref = contenders.findIndex((c) => c.name === reference);
  for (let round = 0; round < load.rounds; round++) {
    const got: LoadResult[] = [];
    for (let k = 0; k < contenders.length; k++) {
      const i = (k + round) % contenders.length;
      const o = opts[i];
      if (!o) continue;
      got[i] = await runWrk({ ...o, seconds: load.seconds });
      runs[i]?.push(got[i]);
    }
    const base = got[ref]?.cpuUsPerReq ?? Number.NaN;
    got.forEach((g, i) => {
      ratios[i]?.push(g.cpuUsPerReq / base);
    });
  }
  const results: Record<string, LoadResult> = {};
  const cpuRatio: Compared["cpuRatio"] = {};
  contenders.forEach((c, i) => {
    results[c.name] = medianLoad(runs[i] ?? []);
    const rs = ratios[i] ?? [];
    cpuRatio[c.name] = { median: median(rs), min: Math.min(...rs), max: Math.max(...rs) };
  });
  return { results, cpuRatio };
}
