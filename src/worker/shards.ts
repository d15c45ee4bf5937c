// Assets storage keeps the route table out of the Worker: `routes.bin` is a small directory (layout in
// src/shared/manifest.ts) and the records live in shards, asset files read on a route's first use and
// kept, inflated, under a byte budget. A request asks for the shards of the paths it may answer
// (its path, and the canonical path a trailing slash redirects to) and then resolves synchronously.
//
// Reads go through the FileCache with the request's own fetcher: concurrent misses in one request share
// a read, and a request never awaits a read another request started (see store.ts). Two requests that
// miss the same shard at once may both inflate it; the first to finish memoizes it.
import { D, DIR_HEADER, DIR_MAGIC, pathHash64, shardFilePath, shardOf } from "../shared/manifest";
import { BodyUnavailable, ByteMemo, type FileCache, type FileFetcher } from "./store";
import { type RouteRecord, RouteTable, type RouteView } from "./table";

/** Inflated shards kept per isolate (a shard is about 256 KiB; the isolate has 128 MB in all). */
export const SHARD_BUDGET = 24 * 1024 * 1024;

/** What the Worker asks of its route table: a view over the routes these paths need. */
export interface RouteSource {
  view(paths: readonly string[], fetchFile: FileFetcher): RouteView | Promise<RouteView>;
}

/** `routes.bin` as the build wrote it: the whole table (bundle storage) or a shard directory. */
export function openRoutes(buffer: ArrayBuffer, files: FileCache, budget = SHARD_BUDGET): RouteSource {
  if (buffer.byteLength >= 4 && new DataView(buffer).getUint32(0, true) === DIR_MAGIC) {
    return new ShardedRoutes(new RouteDirectory(buffer), files, budget);
  }
  const table = new RouteTable(buffer);
  return { view: () => table };
}

export class RouteDirectory {
  readonly count: number;
  readonly seed: number;
  readonly shards: number;
  private readonly starts: Uint32Array;
  /** A table with no routes but the 404 page. */
  readonly notFoundTable: RouteTable;

  constructor(buffer: ArrayBuffer) {
    if (buffer.byteLength < DIR_HEADER) throw new Error("routes.bin: too short");
    const v = new DataView(buffer);
    const u = (slot: number) => v.getUint32(slot * 4, true);
    if (u(D.magic) !== DIR_MAGIC) throw new Error("routes.bin: not a route directory (rebuild)");
    this.count = u(D.count);
    this.seed = u(D.seed);
    this.shards = u(D.shards);
    const startsAt = u(D.starts);
    const pageAt = u(D.notFound);
    const pageLength = u(D.notFoundLength);
    if (startsAt + (this.shards + 1) * 4 > pageAt || pageAt + pageLength > buffer.byteLength) {
      throw new Error("routes.bin: sections do not fit (rebuild)");
    }
    // Copied out: Uint32Array needs 4-byte alignment, and the directory is small.
    this.starts = new Uint32Array(buffer.slice(startsAt, startsAt + (this.shards + 1) * 4));
    this.notFoundTable = new RouteTable(buffer.slice(pageAt, pageAt + pageLength));
  }

  shardOfPath(path: string): number {
    return shardOf(pathHash64(path, this.seed)[0], this.shards);
  }

  /** First route index of shard `s` (`count` past the last). */
  start(s: number): number {
    return this.starts[s] ?? this.count;
  }

  /** The shard holding route `index` (< count). */
  shardOfIndex(index: number): number {
    let low = 0;
    let high = this.shards - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.start(mid) <= index) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** The routes of some shards, with indexes unique across the site. */
export class ShardView implements RouteView {
  constructor(
    private readonly dir: RouteDirectory,
    private readonly tables: ReadonlyMap<number, RouteTable>,
  ) {}

  get count(): number {
    return this.dir.count;
  }

  get notFound(): number {
    return this.dir.count;
  }

  /** -1 for a path that is not a route, and for one whose shard this view was not made with. */
  find(path: string): number {
    const s = this.dir.shardOfPath(path);
    const local = this.tables.get(s)?.find(path) ?? -1;
    return local < 0 ? -1 : this.dir.start(s) + local;
  }

  record(index: number): RouteRecord {
    if (index >= this.dir.count) return { ...this.dir.notFoundTable.record(0), index: this.dir.count };
    const s = this.dir.shardOfIndex(index);
    const table = this.tables.get(s);
    if (!table) throw new Error(`route ${index}: its shard ${s} is not in this view`);
    return { ...table.record(index - this.dir.start(s)), index };
  }
}

export class ShardedRoutes implements RouteSource {
  private readonly memo: ByteMemo<number>;
  /** Parsed tables of memoized shards (a table is a few numbers over the bytes). */
  private readonly parsed = new WeakMap<Uint8Array, RouteTable>();

  constructor(
    readonly dir: RouteDirectory,
    private readonly files: FileCache,
    budget: number,
  ) {
    this.memo = new ByteMemo(budget);
  }

  view(paths: readonly string[], fetchFile: FileFetcher): RouteView | Promise<RouteView> {
    const tables = new Map<number, RouteTable>();
    const missing: number[] = [];
    for (const path of paths) {
      const s = this.dir.shardOfPath(path);
      if (tables.has(s) || missing.includes(s)) continue;
      const bytes = this.memo.get(s);
      if (bytes) tables.set(s, this.table(bytes));
      else missing.push(s);
    }
    if (missing.length === 0) return new ShardView(this.dir, tables);
    return Promise.all(
      missing.map(async (s) => {
        tables.set(s, await this.load(s, fetchFile));
      }),
    ).then(() => new ShardView(this.dir, tables));
  }

  /** Bytes of inflated shards held. */
  get memoBytes(): number {
    return this.memo.size;
  }

  private table(bytes: Uint8Array): RouteTable {
    let t = this.parsed.get(bytes);
    if (!t) {
      t = new RouteTable(bytes.buffer as ArrayBuffer);
      this.parsed.set(bytes, t);
    }
    return t;
  }

  private async load(s: number, fetchFile: FileFetcher): Promise<RouteTable> {
    const path = shardFilePath(s);
    const file = s < this.dir.shards ? await this.files.get(path, fetchFile, false) : null;
    if (!file) throw new BodyUnavailable(`route shard ${path} is missing`);
    const ready = this.memo.get(s);
    if (ready) return this.table(ready);
    try {
      const bytes = await inflateRaw(file);
      const table = this.table(bytes);
      this.memo.set(s, bytes);
      return table;
    } catch (e) {
      throw new BodyUnavailable(`route shard ${path} is damaged: ${(e as Error).message}`);
    }
  }
}

/** Raw deflate decoded with the runtime's native decoder (workerd and Node alike). */
async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
