// The capture jobs of a build through the cache: keys first (before any job gives up its bytes), hits
// read here, only the misses sent to runJobs (this thread and the pool), each computed result stored
// as it comes in, so a build killed halfway keeps what it did. Results are in job order either way.
import type { CaptureResult } from "../capture";
import type { TagRule } from "../enrich/taxonomy";
import type { CaptureJob, JobContext } from "../parallel/job";
import { type PoolOptions, runJobs } from "../parallel/pool";
import { spillResult } from "../spill";
import type { ExtractCache } from "./index";

/** Misses each worker thread must have to be worth starting. */
export const MISSES_PER_WORKER = 128;

export async function runJobsCached(
  jobs: readonly CaptureJob[],
  context: JobContext,
  rules: readonly TagRule[],
  opts: PoolOptions,
  cache: ExtractCache,
): Promise<CaptureResult[]> {
  const total = jobs.length;
  const keys = jobs.map((job) => cache.keyOf(job, context));
  const results = new Array<CaptureResult>(total);
  const misses: number[] = [];
  for (let i = 0; i < total; i++) {
    const hit = cache.get(keys[i] as string);
    if (hit) {
      results[i] = opts.spill ? spillResult(opts.spill, hit) : hit;
      if (opts.transfer) (jobs[i] as CaptureJob).file.bytes = new Uint8Array(0);
    } else misses.push(i);
  }
  const hits = total - misses.length;
  // A worker thread costs seconds of CPU and ~180 MiB to load the extraction code, time in which this
  // thread extracts a hundred captures or more: for a rebuild's few misses it would only be waste.
  // Any thread count gives the same bytes, so this changes nothing but the cost.
  const threads = opts.workersOnly
    ? opts.threads
    : Math.min(opts.threads, 1 + Math.floor(misses.length / MISSES_PER_WORKER));
  const computed = await runJobs(
    misses.map((i) => jobs[i] as CaptureJob),
    context,
    rules,
    {
      ...opts,
      threads,
      onDone: (done) => opts.onDone?.(hits + done, total),
      onResult: (j, r) => cache.set(keys[misses[j] as number] as string, r),
    },
  );
  computed.forEach((r, j) => {
    results[misses[j] as number] = r;
  });
  cache.finish();
  return results;
}
