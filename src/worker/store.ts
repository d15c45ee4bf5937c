// Route bodies: assembled on first use from deduplicated chunks (bundle storage) or sliced out of a body
// file fetched through the ASSETS binding (assets storage), joined with the request's origin where the
// build cut it out, then memoized. A memo hit is one Map lookup returning a Uint8Array.
//
// Memory stays bounded whatever arrives: memos are byte-budgeted with least-recently-used eviction, and
// bodies that depend on the origin share one budget keyed by route and origin, so a site served on a
// few hostnames keeps all of them warm while a stream of hostile Host headers costs time, never memory.
//
// Requests share only settled bytes, never a pending read: workerd ties a promise to the request that
// created it, and a request awaiting another request's fetch is stalled until something else wakes the
// isolate, or is cancelled as hung (issue 11). See FileCache for how concurrent misses still coalesce.
import { bodyFilePath } from "../shared/manifest";
import { GAP, type RouteRecord, type RouteTable } from "./table";

/**
 * Byte-budgeted memo; evicts the least recently used entry first (a hit moves its entry to the back,
 * so hot routes stay while a stream of one-off keys cycles through the rest of the budget).
 */
export class ByteMemo<K, V extends ArrayBufferView = Uint8Array> {
  private map = new Map<K, V>();
  private bytes = 0;

  constructor(
    private readonly budget: number,
    /** Bytes charged per entry on top of its value (and of a string key's characters). */
    private readonly entryOverhead = 0,
  ) {}

  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }

  set(key: K, value: V): void {
    // One body may take at most a quarter of the budget, so a few huge ones cannot flush everything.
    if (value.byteLength > this.budget / 4 || this.map.has(key)) return;
    const cost = this.cost(key, value);
    while (this.bytes + cost > this.budget) {
      const oldest = this.map.entries().next();
      if (oldest.done) break;
      this.map.delete(oldest.value[0]);
      this.bytes -= this.cost(oldest.value[0], oldest.value[1]);
    }
    this.map.set(key, value);
    this.bytes += cost;
  }

  clear(): void {
    this.map = new Map();
    this.bytes = 0;
  }

  /** Bytes charged, at most the budget. */
  get size(): number {
    return this.bytes;
  }

  /** Entries held. */
  get count(): number {
    return this.map.size;
  }

  private cost(key: K, value: V): number {
    return value.byteLength + (typeof key === "string" ? 2 * key.length : 0) + this.entryOverhead;
  }
}

/**
 * Fetches one body file (an asset path like `/bodies/3.bin`); null when it is missing. A fetcher
 * belongs to ONE request: the Worker makes a new one per request (see assets-read.ts).
 */
export type FileFetcher = (path: string) => Promise<ArrayBuffer | null>;

export class BodyUnavailable extends Error {}

/** Waits `ms` on the caller's own timer (so in its own request). */
export type Wait = (ms: number) => Promise<void>;

const sleep: Wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long a miss waits for another request's read of the same file before reading it itself: longer
 * than a read may take (ASSET_LIMITS in assets-read.ts), so only a read whose request was cancelled is
 * given up on. Shorter, slow reads under load would all start again at once and feed the overload.
 */
const JOIN_WAIT_MS = 11_000;

/**
 * Asset files by path. Concurrent misses through the same fetcher (one request) share a single read.
 * A miss on a file another request is reading never awaits that read (awaiting another request's I/O
 * hangs in workerd): it polls the memo on its own timer until the bytes land there, and reads for
 * itself when they do not come in time. Files asked to be kept are memoized under `budget`; others
 * (body files: route bodies are memoized per body) only briefly, so waiting requests can take them.
 */
export class FileCache {
  private readonly memo: ByteMemo<string>;
  private readonly recent: ByteMemo<string>;
  /** Pending reads per fetcher, so per request; entries leave when they settle. */
  private readonly inflight = new WeakMap<FileFetcher, Map<string, Promise<Uint8Array | null>>>();
  /** Files some request is reading: plain data (a start time), never a promise. */
  private readonly reading = new Map<string, { since: number }>();

  constructor(
    budget: number,
    private readonly wait: Wait = sleep,
    private readonly joinWaitMs = JOIN_WAIT_MS,
    recentBudget = 8 * 1024 * 1024,
  ) {
    this.memo = new ByteMemo(budget);
    this.recent = new ByteMemo(recentBudget);
  }

  get(path: string, fetchFile: FileFetcher, keep: boolean): Promise<Uint8Array | null> {
    const hit = this.memo.get(path) ?? this.recent.get(path);
    if (hit) return Promise.resolve(hit);
    let mine = this.inflight.get(fetchFile);
    if (!mine) {
      mine = new Map();
      this.inflight.set(fetchFile, mine);
    }
    let pending = mine.get(path);
    if (!pending) {
      const own = mine;
      pending = this.read(path, fetchFile, keep).finally(() => own.delete(path));
      own.set(path, pending);
    }
    return pending;
  }

  /** Bytes of kept files. */
  get size(): number {
    return this.memo.size;
  }

  private async read(path: string, fetchFile: FileFetcher, keep: boolean): Promise<Uint8Array | null> {
    const other = this.reading.get(path);
    if (other && Date.now() - other.since < this.joinWaitMs) {
      let waited = 0;
      for (let step = 1; waited < this.joinWaitMs; step *= 2) {
        const ms = Math.min(step, 100);
        await this.wait(ms);
        waited += ms;
        const hit = this.memo.get(path) ?? this.recent.get(path);
        if (hit) return hit;
        if (this.reading.get(path) !== other) break;
      }
      // The other read settled between two looks, or was too big to memoize: read it ourselves.
    }
    const mark = { since: Date.now() };
    this.reading.set(path, mark);
    try {
      const buf = await fetchFile(path);
      const bytes = buf ? new Uint8Array(buf) : null;
      if (bytes) (keep ? this.memo : this.recent).set(path, bytes);
      return bytes;
    } finally {
      if (this.reading.get(path) === mark) this.reading.delete(path);
    }
  }
}

const MEMO_BUDGET = 16 * 1024 * 1024;
/** Map entry and key bookkeeping charged per joined body, so even tiny bodies bound the entry count. */
const ENTRY_OVERHEAD = 64;

export class RouteBodies {
  /** Bodies that do not depend on the origin. */
  private readonly plain: ByteMemo<number>;
  /** Bodies joined with an origin, keyed `<route index> <origin>`: every origin shares one budget. */
  private readonly joined: ByteMemo<string>;
  private readonly encoder = new TextEncoder();

  private readonly tokenBytes: Uint8Array;

  constructor(
    private readonly table: RouteTable,
    /** bodies.bin (bundle storage holds the chunks there). */
    private readonly blob: Uint8Array,
    private readonly storage: "bundle" | "assets",
    /** The placeholder origin stored in body files (assets storage). */
    token: string,
    /** Shared with the API's file reads (kept files are memoized there). */
    private readonly files: FileCache = new FileCache(0),
    /** Bytes each memo may hold. */
    budget = MEMO_BUDGET,
  ) {
    this.tokenBytes = this.encoder.encode(token);
    this.plain = new ByteMemo(budget);
    this.joined = new ByteMemo(budget, ENTRY_OVERHEAD);
  }

  /** Body length once joined with `origin` (HEAD's Content-Length), without touching the body. */
  length(rec: RouteRecord, origin: string): number {
    return rec.size + (rec.gaps > 0 ? rec.gaps * this.encoder.encode(origin).length : 0);
  }

  /** Bytes held by the memos (both at most the budget). */
  get memoBytes(): number {
    return this.plain.size + this.joined.size;
  }

  /** The body if it is at hand without I/O (bundle storage always; assets storage on a memo hit). */
  ready(rec: RouteRecord, origin: string): Uint8Array | null {
    const key = rec.gaps === 0 ? null : `${rec.index} ${origin}`;
    const hit = key === null ? this.plain.get(rec.index) : this.joined.get(key);
    if (hit) return hit;
    if (this.storage !== "bundle") return null;
    // A single chunk is served as a view: no copy, nothing to memoize.
    if (rec.b === 1 && rec.gaps === 0) {
      const [off, len] = this.table.chunk(this.table.ref(rec.a));
      return this.blob.subarray(off, off + len);
    }
    const bytes = this.assembleChunks(rec, this.encoder.encode(origin));
    this.remember(rec, key, bytes);
    return bytes;
  }

  /** The body, fetching its file in assets storage. Throws BodyUnavailable when the file is missing. */
  async load(rec: RouteRecord, origin: string, fetchFile: FileFetcher): Promise<Uint8Array> {
    const now = this.ready(rec, origin);
    if (now) return now;
    // Stored length `c` counts the origin token left in place; empty bodies have no bytes stored.
    const path = bodyFilePath(rec.a);
    const file = rec.c === 0 ? new Uint8Array(0) : await this.files.get(path, fetchFile, false);
    if (!file || (rec.c > 0 && file.byteLength < rec.b + rec.c)) {
      throw new BodyUnavailable(`body file ${path} is missing or short`);
    }
    const raw = file.subarray(rec.c === 0 ? 0 : rec.b, rec.b + rec.c);
    // A copy either way, so the memo never pins a whole file.
    const bytes = rec.gaps === 0 ? raw.slice() : this.swapToken(raw, rec, this.encoder.encode(origin));
    this.remember(rec, rec.gaps === 0 ? null : `${rec.index} ${origin}`, bytes);
    return bytes;
  }

  private remember(rec: RouteRecord, key: string | null, bytes: Uint8Array): void {
    if (key === null) this.plain.set(rec.index, bytes);
    else this.joined.set(key, bytes);
  }

  private assembleChunks(rec: RouteRecord, gap: Uint8Array): Uint8Array {
    const out = new Uint8Array(rec.size + rec.gaps * gap.length);
    let at = 0;
    for (let i = 0; i < rec.b; i++) {
      const id = this.table.ref(rec.a + i);
      if (id === GAP) {
        out.set(gap, at);
        at += gap.length;
        continue;
      }
      const [off, len] = this.table.chunk(id);
      out.set(this.blob.subarray(off, off + len), at);
      at += len;
    }
    return out;
  }

  /** Replaces the `rec.gaps` occurrences of the origin token in `raw` with `gap` (the origin). */
  private swapToken(raw: Uint8Array, rec: RouteRecord, gap: Uint8Array): Uint8Array {
    const token = this.tokenBytes;
    const out = new Uint8Array(rec.size + rec.gaps * gap.length);
    let from = 0;
    let at = 0;
    let found = 0;
    while (found < rec.gaps) {
      const hit = indexOfBytes(raw, token, from);
      if (hit < 0) break;
      out.set(raw.subarray(from, hit), at);
      at += hit - from;
      out.set(gap, at);
      at += gap.length;
      from = hit + token.length;
      found++;
    }
    if (found !== rec.gaps || at + (raw.length - from) !== out.length) {
      throw new BodyUnavailable(`body of route ${rec.index} does not match its record`);
    }
    out.set(raw.subarray(from), at);
    return out;
  }
}

/** First index of `needle` in `hay` at or after `from`, or -1 (native indexOf finds candidates). */
export function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  if (first === undefined) return -1;
  const last = hay.length - needle.length;
  let i = hay.indexOf(first, from);
  while (i >= 0 && i <= last) {
    let k = 1;
    while (k < needle.length && hay[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
    i = hay.indexOf(first, i + 1);
  }
  return -1;
}
