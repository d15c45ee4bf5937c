// Shape of bench/out/results.json: everything the report and the chart are computed from.
import type { LoadResult } from "./serve";
import type { BuildResult, BundleResult } from "./workspace";

export type RouteName = "feed" | "tagFeed" | "jsonFeed" | "notModified" | "article" | "api";

export interface RouteResult {
  name: RouteName;
  path: string;
  headers: Record<string, string>;
  /** Status and body size workerd answered with in the pre-flight request. */
  status: number;
  bytes: number;
  /** Status nginx answered with for the same request (its own ETag for the 304 route). */
  nginxStatus: number;
  /** Median over rounds. */
  worker: LoadResult;
  nginx: LoadResult;
}

/** The /feed.xml cases every Worker is measured on, against the constant Worker and nginx. */
export type CaseName = "ok" | "notModified" | "gzip" | "br" | "brRoute";
export type ContenderName = "ours" | "constant" | "nginx";

export interface CaseResult {
  name: CaseName;
  path: string;
  /** What wrk sends to the Workers (nginx gets its own path and validator for the same bytes). */
  headers: Record<string, string>;
  /** Our Worker's pre-flight answer: status, Content-Encoding sent, body bytes. */
  status: number;
  coding: string;
  bytes: number;
  /** The constant Worker and nginx answered with the same status and body length. */
  constantSame: boolean;
  nginxSame: boolean;
  results: Record<ContenderName, LoadResult>;
  /** CPU per request over the constant Worker's, median of per-round ratios (min..max). */
  cpuRatio: Record<ContenderName, { median: number; min: number; max: number }>;
}

/** The constant Worker under plain workerd and under the previous Miniflare harness, same run. */
export interface HarnessResult {
  results: Record<string, LoadResult>;
  cpuRatio: Record<string, { median: number; min: number; max: number }>;
}

/** Our build against Hugo on the same cleaned articles, back to back. */
export interface TimedRun {
  wallSeconds: number;
  userSeconds: number;
  sysSeconds: number;
  peakRssMiB: number;
}
export interface HugoResult {
  version: string;
  ours: TimedRun;
  hugo: TimedRun | null;
  pages: number;
  outputBytes: number;
  outputFiles: number;
  error: string | null;
}

/** The same build run again over the extraction cache the first one filled (nothing changed). */
export interface RebuildResult {
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  /** The build's own line about the cache, e.g. "1000 of 1000 files from the cache (...)". */
  cacheNote: string;
  /** Whether it wrote the cold build's bytes; null when not hashed (only the threads-check size is). */
  sameBytes: boolean | null;
}

/** Output hashes of a build with --threads 1 and with --threads N on the same corpus. */
export interface ThreadsCheck {
  threads: number;
  single: string;
  multi: string;
}

export interface WorkerFacts {
  startupMs: number;
  firstResponseMs: number;
  rssMiB: number;
  /** V8 heap of the isolate from the inspector (Runtime.getHeapUsage), after a forced GC. */
  heapUsedMiB: number | null;
  heapTotalMiB: number | null;
  /** ArrayBuffer backing stores outside the V8 heap (the bodies blob lives here); counts toward 128 MB. */
  backingMiB: number | null;
}

export interface SizeResult {
  label: string;
  articles: number;
  synthetic: boolean;
  corpusBytes: number;
  inSharedStory: number;
  /** Null when the build failed or ran out of its time box (see `error`). */
  build: BuildResult | null;
  bundle: BundleResult | null;
  worker: WorkerFacts | null;
  /** The first phase that failed (build, bundle) and why. */
  error: string | null;
  /** Why serving was skipped or failed, if it was. */
  serveError: string | null;
  routes: RouteResult[];
  cases: CaseResult[];
  harness: HarnessResult | null;
  hugo: HugoResult | null;
  threads: ThreadsCheck | null;
  /** Rebuild over a warm extraction cache (null: not measured, or the build has no cache). */
  rebuild?: RebuildResult | null;
  /** What an upload carries: assets/ + bodies.bin + routes.bin + worker.json. */
  deployedBytes: number | null;
}

export interface RunResult {
  mode: "quick" | "full";
  machine: {
    nproc: string;
    memory: string;
    node: string;
    kernel: string;
    cpu: string;
    nginx: string;
    wrk: string;
    hugo?: string;
    /** /proc/loadavg at the start: the machine is shared, figures compare within one run only. */
    load?: string;
  };
  commands: string[];
  load: { seconds: number; rounds: number; connections: number; warmupSeconds: number };
  /** An empty Worker under the same plain workerd setup: what start-up and RSS cost with no data. */
  baseline: WorkerFacts | null;
  sizes: SizeResult[];
  totalSeconds: number;
}
