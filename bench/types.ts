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
  };
  commands: string[];
  load: { seconds: number; rounds: number; connections: number; warmupSeconds: number };
  /** An empty Worker under the same Miniflare setup: what start-up and RSS cost with no data. */
  baseline: WorkerFacts | null;
  sizes: SizeResult[];
  totalSeconds: number;
}
