// Capture jobs on this thread and a pool of worker threads (tinypool) at once. Each job's result is
// stored at its index, so the caller gets them in job order whatever order they finished in, and its
// output cannot depend on the thread count. Only plain data crosses threads: a job (file name, bytes,
// sidecar fields) in, a CaptureResult out.
import { availableParallelism } from "node:os";
import Tinypool from "tinypool";
import type { CaptureResult } from "../capture";
import type { TagRule } from "../enrich/taxonomy";
import { type SpillStore, spillResult } from "../spill";
import { type CaptureJob, type JobContext, runJob } from "./job";

export interface PoolOptions {
  /** Threads that extract: this one and `threads - 1` workers. 1 runs every job here, with no pool. */
  threads: number;
  /** Called as jobs finish (progress only: never changes a result). */
  onDone?: (done: number, total: number) => void;
  /** Called with each job's result as it comes in, before any later step can change it (the cache). */
  onResult?: (index: number, result: CaptureResult) => void;
  /**
   * Give up each capture's bytes once its job is handed out: moved to its worker instead of copied, or
   * dropped once read here. The caller's `file.bytes` are left empty, so only for a listing that is not
   * read again (the build's: then no thread holds every capture's bytes to the end).
   */
  transfer?: boolean;
  /**
   * Where each result's bodies go as it comes in (spill.ts), so no thread holds every article's text to
   * the end. Unset: results keep them in memory.
   */
  spill?: SpillStore;
  /** This thread only hands out jobs (tests: then every job crosses a thread, however small the corpus). */
  workersOnly?: boolean;
}

/**
 * Jobs posted to a worker at once: the main thread hands out work only between two of its own jobs
 * (and, on a busy machine, only when it is scheduled), so a worker with little queued idles meanwhile.
 * At the end this thread waits for at most this many jobs per worker.
 */
const AHEAD = 8;

/** The default thread count: every core the process may use. */
export function defaultThreads(): number {
  return availableParallelism();
}

export async function runJobs(
  jobs: readonly CaptureJob[],
  context: JobContext,
  /** The rules `context.taxonomy` gives, already parsed, for the jobs run on this thread. */
  rules: readonly TagRule[],
  opts: PoolOptions,
): Promise<CaptureResult[]> {
  const total = jobs.length;
  const results = new Array<CaptureResult>(total);
  const onDone = opts.onDone ?? (() => {});
  let done = 0;
  const finish = (i: number, r: CaptureResult) => {
    // The cache stores the result as computed, before its bodies are moved to the spill file.
    opts.onResult?.(i, r);
    results[i] = opts.spill ? spillResult(opts.spill, r) : r;
    onDone(++done, total);
  };
  const jobAt = (i: number) => jobs[i] as CaptureJob;
  const here = (i: number) => {
    const job = jobAt(i);
    // Copied, as a worker's result is by the message: computed here, its strings are slices that hold the
    // capture's text and the extractor's intermediate strings alive (13.9 KB per result against 6.4 KB
    // copied), and results are kept to the end of extraction, so that grew with the corpus.
    finish(i, structuredClone(runJob(job, rules, context.language)));
    if (opts.transfer) job.file.bytes = new Uint8Array(0);
  };
  onDone(0, total);
  const workers = Math.max(0, Math.min(Math.floor(opts.threads) - 1, total - 1));
  if (workers === 0) {
    for (let i = 0; i < total; i++) here(i);
    return results;
  }

  const pool = new Tinypool({
    filename: new URL("./worker.mjs", import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: AHEAD,
    workerData: context,
  });
  let next = 0; // the first job nobody has taken: this thread and the pool take from one queue
  let ready = 0; // workers that have loaded the code (a worker takes seconds to start)
  let inFlight = 0;
  let failure = null as { error: unknown } | null; // set from callbacks, so not narrowed here
  let closed = false;
  let wake: (() => void) | null = null;
  const fail = (error: unknown) => {
    if (!closed) failure ??= { error };
    wake?.();
  };
  // Jobs go to the pool only once a worker is ready: on a small corpus this thread may finish them all
  // before any worker has started, and a job queued behind a starting worker would wait for it.
  const send = () => {
    while (inFlight < ready * AHEAD && next < total) {
      const i = next++;
      const job = jobAt(i);
      const owned = opts.transfer ? ownBuffer(job.file.bytes) : null;
      inFlight++;
      (pool.run(job, owned ? { transferList: [owned] } : {}) as Promise<CaptureResult>).then(
        (r) => {
          inFlight--;
          finish(i, r);
          send();
          wake?.();
        },
        (e: unknown) => {
          inFlight--;
          fail(e);
        },
      );
    }
  };
  for (let w = 0; w < workers; w++) {
    pool.run(null).then(() => {
      ready++;
      send();
    }, fail);
  }
  try {
    while (next < total && !failure && !opts.workersOnly) {
      here(next++);
      // Between two jobs here, the workers' results come in and each gets its next job.
      await new Promise((r) => setImmediate(r));
    }
    while ((next < total || inFlight > 0) && !failure) await new Promise<void>((r) => (wake = r));
    if (failure) throw failure.error;
    return results;
  } finally {
    closed = true;
    await pool.destroy();
  }
}

/** The bytes' buffer when they are all of it (a slice of a shared buffer, such as Node's pool, is copied). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer | null {
  const b = bytes.buffer;
  return b instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === b.byteLength ? b : null;
}
