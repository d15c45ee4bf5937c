/**
 * Byte-budgeted memo; evicts the least recently used entry first (a hit moves its entry to the back,
 * so hot routes stay while a stream of one-off keys cycles through the rest of the budget).
 */
export class ByteMemo<K, V extends { readonly byteLength: number } = Uint8Array> {
  private map = new Map<K, V>();
  private bytes = 0;

  constructor(
    private readonly budget: number,
    /** Bytes charged per entry on top of its value (and of a string key's characters). */
    private readonly entryOverhead = 0,
  ) {}

  /** The key of the newest entry: a hit on it needs no move (the hot path asks for one key over and over). */
  private newest: K | undefined;

  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (hit !== undefined && key !== this.newest) {
      this.map.delete(key);
      this.map.set(key, hit);
      this.newest = key;
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
    this.newest = key;
    this.bytes += cost;
  }

  clear(): void {
    this.map = new Map();
    this.newest = undefined;
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
