// A persistent, content-addressed cache of capture jobs' results, so a rebuild extracts only the files
// that changed. Key: sha256 of the code fingerprint (fingerprint.ts) and the job's whole input (its
// bytes, names, id, sidecar, and the context every job shares: taxonomy text and language). Value: the
// job's CaptureResult (store.ts). Reading a result instead of computing it cannot change the output:
// the key holds everything the result is a function of.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { serialize } from "node:v8";
import type { CaptureResult } from "../capture";
import type { CaptureJob, JobContext } from "../parallel/job";
import { codeFingerprint, PROJECT_ROOT } from "./fingerprint";
import { prune, readEntry, writeEntry } from "./store";

/** The store is pruned past this size, or twice this build's own entries if that is more. */
export const MIN_BUDGET = 512 * 2 ** 20;

/** `node_modules/.cache/<package name>` of the project (the convention of babel-loader, eslint, ...). */
export function defaultCacheDir(root = PROJECT_ROOT): string {
  let name = "feed-aggregator";
  try {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name?: unknown };
    if (typeof pkg.name === "string" && /^[@a-z0-9][\w.@/-]*$/i.test(pkg.name)) name = pkg.name;
  } catch {
    // No readable package.json: the default name.
  }
  return join(root, "node_modules", ".cache", name);
}

export interface CacheStats {
  /** Jobs whose result was read from the cache. */
  hits: number;
  /** Jobs run (misses, damaged entries included). */
  extracted: number;
  /** Entries that were there but could not be read or did not check out: recomputed and rewritten. */
  damaged: number;
  /** Why the cache was not used or stopped storing (e.g. a read-only folder); null when it worked. */
  problem: string | null;
  /** After pruning: entries and bytes in the store, and entries removed. */
  entries: number;
  bytes: number;
  pruned: number;
}

function isCaptureResult(v: unknown): v is CaptureResult {
  const r = v as CaptureResult | null;
  return (
    typeof r === "object" &&
    r !== null &&
    Array.isArray(r.drafts) &&
    Array.isArray(r.problems) &&
    Array.isArray(r.warnings)
  );
}

export class ExtractCache {
  readonly stats: CacheStats = {
    hits: 0,
    extracted: 0,
    damaged: 0,
    problem: null,
    entries: 0,
    bytes: 0,
    pruned: 0,
  };
  private readonly used = new Set<string>();
  private usedBytes = 0;
  /** The folder exists (reads and pruning work); `writable` turns false at the first failed write. */
  private readonly opened: boolean;
  private writable: boolean;

  /** `fingerprint`: codeFingerprint() unless a test needs another. */
  constructor(
    readonly dir: string,
    private readonly fingerprint = codeFingerprint(),
  ) {
    try {
      mkdirSync(dir, { recursive: true });
      // The CACHEDIR.TAG convention (bford.info/cachedir): backup tools skip the folder.
      writeFileSync(
        join(dir, "CACHEDIR.TAG"),
        "Signature: 8a477f597d28d172789f06886806bc55\n# Extraction cache of npm run build (safe to delete).\n",
      );
      this.opened = this.writable = true;
    } catch (e) {
      this.opened = this.writable = false;
      this.stats.problem = `cannot write ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    }
  }

  /** The key of a job: everything its result is a function of. Call before its bytes are handed out. */
  keyOf(job: CaptureJob, context: JobContext): string {
    const { bytes, ...names } = job.file;
    const input = serialize({ file: names, slug: job.slug, side: job.side ?? null });
    return createHash("sha256")
      .update(this.fingerprint)
      .update(this.contextDigest(context))
      .update(`\0${input.length}\0`)
      .update(input)
      .update(bytes)
      .digest("hex");
  }

  /** The shared context (the taxonomy text can be long) hashed once per build, not once per job. */
  private contexts = new WeakMap<JobContext, string>();
  private contextDigest(context: JobContext): string {
    let d = this.contexts.get(context);
    if (d === undefined) {
      d = createHash("sha256").update(serialize(context)).digest("hex");
      this.contexts.set(context, d);
    }
    return d;
  }

  /** The cached result of `key`, or null (counted as a miss, or as damaged). */
  get(key: string): CaptureResult | null {
    this.used.add(key);
    if (!this.opened) return null;
    const r = readEntry(this.dir, key, isCaptureResult);
    if (r.found) {
      this.stats.hits++;
      this.usedBytes += r.bytes;
      return r.value;
    }
    if (r.damaged) this.stats.damaged++;
    return null;
  }

  /** Stores a computed result. A failure to write stops storing for this build; it is never an error. */
  set(key: string, result: CaptureResult): void {
    this.stats.extracted++;
    if (!this.writable) return;
    try {
      this.usedBytes += writeEntry(this.dir, key, result);
    } catch (e) {
      this.writable = false;
      this.stats.problem = `stopped storing: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    }
  }

  /** Once every job is done: prunes what this build did not use, past the budget. */
  finish(): void {
    if (!this.opened) return;
    try {
      const p = prune(this.dir, this.used, Math.max(MIN_BUDGET, 2 * this.usedBytes));
      this.stats.entries = p.entries;
      this.stats.bytes = p.bytes;
      this.stats.pruned = p.removed;
    } catch (e) {
      this.stats.problem = `cannot prune: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    }
  }
}

/** The build's one line about the cache, e.g. "998 of 1000 files from the cache (...)". */
export function formatCacheStats(s: CacheStats, dir: string): string {
  const parts = [`${s.extracted} extracted`];
  if (s.damaged) parts.push(`${s.damaged} damaged ${s.damaged === 1 ? "entry" : "entries"} recomputed`);
  if (s.pruned) parts.push(`${s.pruned} unused pruned`);
  const size =
    s.bytes < 2 ** 20 ? `${Math.ceil(s.bytes / 1024)} KiB` : `${(s.bytes / 2 ** 20).toFixed(1)} MiB`;
  parts.push(`${s.entries} entries, ${size} in ${dir}`);
  if (s.problem) parts.push(s.problem);
  return `${s.hits} of ${s.hits + s.extracted} files from the cache (${parts.join(", ")})`;
}
