// Route bodies: assembled on first use from deduplicated chunks (bundle storage) or sliced out of a body
// file fetched through the ASSETS binding (assets storage), joined with the request's origin where the
// build cut it out, then memoized. A memo hit is one Map lookup returning a Uint8Array.
//
// Memory stays bounded whatever arrives: memos are byte-budgeted with oldest-first eviction, and bodies
// that depend on the origin are memoized for one origin at a time, so a stream of hostile Host headers
// costs time per request but never memory.
import { bodyFilePath } from "../shared/manifest";
import { GAP, type RouteRecord, type RouteTable } from "./table";

/** Byte-budgeted memo; evicts in insertion order (cheap, and good enough: hot routes come right back). */
export class ByteMemo<K, V extends ArrayBufferView = Uint8Array> {
  private map = new Map<K, V>();
  private bytes = 0;

  constructor(private readonly budget: number) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    // One body may take at most a quarter of the budget, so a few huge ones cannot flush everything.
    if (value.byteLength > this.budget / 4 || this.map.has(key)) return;
    while (this.bytes + value.byteLength > this.budget) {
      const oldest = this.map.entries().next();
      if (oldest.done) break;
      this.map.delete(oldest.value[0]);
      this.bytes -= oldest.value[1].byteLength;
    }
    this.map.set(key, value);
    this.bytes += value.byteLength;
  }

  clear(): void {
    this.map = new Map();
    this.bytes = 0;
  }

  get size(): number {
    return this.bytes;
  }
}

/** Fetches one body file (an asset path like `/bodies/3.bin`); null when it is missing. */
export type FileFetcher = (path: string) => Promise<ArrayBuffer | null>;

export class BodyUnavailable extends Error {}

/**
 * Asset files by path: concurrent misses on one file share a single fetch (entries leave when it
 * settles), and files asked to be kept are memoized under a byte budget (route bodies are memoized
 * per body instead, so their files are not kept).
 */
export class FileCache {
  private readonly memo: ByteMemo<string>;
  private readonly inflight = new Map<string, Promise<Uint8Array | null>>();

  constructor(budget: number) {
    this.memo = new ByteMemo(budget);
  }

  get(path: string, fetchFile: FileFetcher, keep: boolean): Promise<Uint8Array | null> {
    const hit = this.memo.get(path);
    if (hit) return Promise.resolve(hit);
    let pending = this.inflight.get(path);
    if (!pending) {
      pending = fetchFile(path)
        .then((buf) => (buf ? new Uint8Array(buf) : null))
        .finally(() => this.inflight.delete(path));
      this.inflight.set(path, pending);
    }
    if (!keep) return pending;
    return pending.then((bytes) => {
      if (bytes) this.memo.set(path, bytes);
      return bytes;
    });
  }

  /** Bytes of kept files. */
  get size(): number {
    return this.memo.size;
  }
}

const MEMO_BUDGET = 16 * 1024 * 1024;

export class RouteBodies {
  /** Bodies that do not depend on the origin. */
  private readonly plain = new ByteMemo<number>(MEMO_BUDGET);
  /** Bodies joined with `joinedOrigin`. */
  private readonly joined = new ByteMemo<number>(MEMO_BUDGET);
  private joinedOrigin: string | null = null;
  private originBytes: Uint8Array = new Uint8Array(0);
  private readonly encoder = new TextEncoder();

  private readonly tokenBytes: Uint8Array;

  constructor(
    private readonly table: RouteTable,
    /** bodies.bin (bundle storage holds the chunks there). */
    private readonly blob: Uint8Array,
    private readonly storage: "bundle" | "assets",
    /** The placeholder origin stored in body files (assets storage). */
    token: string,
    /** Shared with the API's file reads, so one in-flight map covers every asset fetch. */
    private readonly files: FileCache = new FileCache(0),
  ) {
    this.tokenBytes = this.encoder.encode(token);
  }

  /** Body length once joined with `origin` (HEAD's Content-Length), without touching the body. */
  length(rec: RouteRecord, origin: string): number {
    return rec.size + (rec.gaps > 0 ? rec.gaps * this.encoder.encode(origin).length : 0);
  }

  /** The body if it is at hand without I/O (bundle storage always; assets storage on a memo hit). */
  ready(rec: RouteRecord, origin: string): Uint8Array | null {
    const memo = this.memoFor(rec, origin);
    const hit = memo.get(rec.index);
    if (hit) return hit;
    if (this.storage !== "bundle") return null;
    // A single chunk is served as a view: no copy, nothing to memoize.
    if (rec.b === 1 && rec.gaps === 0) {
      const [off, len] = this.table.chunk(this.table.ref(rec.a));
      return this.blob.subarray(off, off + len);
    }
    const bytes = this.assembleChunks(rec);
    memo.set(rec.index, bytes);
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
    // Synchronous from here on: memoFor() sets originBytes for `origin`, even if other requests
    // switched the origin while this one awaited. A copy either way, so the memo never pins a file.
    const memo = this.memoFor(rec, origin);
    const bytes = rec.gaps === 0 ? raw.slice() : this.swapToken(raw, rec);
    memo.set(rec.index, bytes);
    return bytes;
  }

  private memoFor(rec: RouteRecord, origin: string): ByteMemo<number> {
    if (rec.gaps === 0) return this.plain;
    if (this.joinedOrigin !== origin) {
      this.joinedOrigin = origin;
      this.joined.clear();
      this.originBytes = this.encoder.encode(origin);
    }
    return this.joined;
  }

  private assembleChunks(rec: RouteRecord): Uint8Array {
    const gap = this.originBytes;
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

  /** Replaces the `rec.gaps` occurrences of the origin token in `raw` with the origin. */
  private swapToken(raw: Uint8Array, rec: RouteRecord): Uint8Array {
    const token = this.tokenBytes;
    const gap = this.originBytes;
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
