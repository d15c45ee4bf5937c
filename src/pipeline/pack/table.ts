// The binary route table (layout in src/shared/manifest.ts): sorted path hashes, one fixed-size record
// per route, every route's chunk refs, the chunk entries and a heap of Link templates. Bundle storage
// ships it whole as `routes.bin`; assets storage cuts it into shards read on demand (buildShards).
import {
  C,
  CHUNK_SIZE,
  D,
  DIR_HEADER,
  DIR_MAGIC,
  GAP,
  H,
  LINK_SEGMENTS,
  pathHash64,
  R,
  RECORD_SIZE,
  ROUTE_KINDS,
  shardOf,
  TABLE_HEADER,
  TABLE_MAGIC,
} from "../../shared/manifest";
import { concat } from "./chunks";
import { etagBytes, type Prepared } from "./routes";

const encoder = new TextEncoder();

/** Where one route's body is: its refs, and its brotli body when it has one. */
export interface Located {
  /** First ref and ref count. */
  a: number;
  b: number;
  gzBytes: number;
  brOffset: number;
  brLength: number;
}

/**
 * `link` with the path's segments replaced by markers where they stand as whole URL path segments
 * (after "/", before "/", ".", ">", "?", "#" or the end), longest first. Any replacement is undone
 * exactly by expandLink(); the delimiters only keep short slugs from splitting unrelated text, so
 * that routes of one kind share one template.
 */
export function linkTemplate(link: string, path: string): string {
  const segments = path
    .split("/")
    .map((text, i) => ({ text, i }))
    .filter((s) => s.i < LINK_SEGMENTS && s.text.length > 0)
    .sort((a, b) => b.text.length - a.text.length || a.i - b.i);
  let out = link;
  for (const s of segments) out = replaceSegment(out, s.text, String.fromCharCode(1 + s.i));
  return out;
}

const AFTER_SEGMENT = new Set(["/", ".", ">", "?", "#"]);

/**
 * Every `text` in `link` that follows "/" and ends before one of AFTER_SEGMENT or the end, left to
 * right without overlaps, replaced by `marker`: what `/(?<=\/)text(?=[/.>?#]|$)/g` does, without
 * compiling a regular expression per route (that was most of the table's time).
 */
function replaceSegment(link: string, text: string, marker: string): string {
  let out = "";
  let copied = 0;
  for (let at = link.indexOf(text); at >= 0; ) {
    const end = at + text.length;
    if (link[at - 1] === "/" && (end === link.length || AFTER_SEGMENT.has(link[end] ?? ""))) {
      out += link.slice(copied, at) + marker;
      copied = end;
      at = link.indexOf(text, end);
    } else at = link.indexOf(text, at + 1);
  }
  return copied === 0 ? link : out + link.slice(copied);
}

/** Index of `value` in `list`, appending it; the table stores these in one byte. */
function indexIn(list: string[], value: string, what: string): number {
  let i = list.indexOf(value);
  if (i < 0) {
    i = list.push(value) - 1;
    if (i > 255) throw new Error(`emit: more than 256 distinct ${what} values`);
  }
  return i;
}

/** Sorted (hi, lo) hashes of `paths` with a seed under which none collide. */
function hashPaths(paths: readonly string[]): { seed: number; order: number[]; hashes: [number, number][] } {
  for (let seed = 0; seed < 64; seed++) {
    const hashes = paths.map((p) => pathHash64(p, seed));
    const at = (i: number): [number, number] => hashes[i] ?? [0, 0];
    const order = paths.map((_, i) => i);
    order.sort((x, y) => at(x)[0] - at(y)[0] || at(x)[1] - at(y)[1]);
    const collides = order.some((v, i) => {
      const prev = at(order[i - 1] ?? -1);
      return i > 0 && prev[0] === at(v)[0] && prev[1] === at(v)[1];
    });
    if (!collides) return { seed, order, hashes: order.map(at) };
  }
  throw new Error("emit: route paths collide under every hash seed");
}

/** The chunk entries a table copies: per chunk id, its identity length, gzip piece and CRC-32. */
export interface ChunkEntries {
  readonly lengths: ArrayLike<number>;
  readonly gzOffsets: ArrayLike<number>;
  readonly gzLengths: ArrayLike<number>;
  readonly crcs: ArrayLike<number>;
}

/** One route as a table row. */
interface Row {
  p: Prepared;
  loc: Located;
}

/**
 * One route table (layout in src/shared/manifest.ts): `rows` in hash order with their `hashes`, then
 * the 404 page. Chunk ids are the table's own (first use order), so a shard carries only the entries
 * its routes use. `refs` and `chunks` are the emitter's global ones.
 */
function encodeTable(
  seed: number,
  rows: readonly Row[],
  hashes: readonly (readonly [number, number])[],
  notFound: Row,
  refs: ArrayLike<number>,
  chunks: ChunkEntries,
  types: string[],
  cacheControls: string[],
): Uint8Array {
  const count = rows.length;
  const all = [...rows, notFound];
  const heapParts: Uint8Array[] = [];
  const heapAt = new Map<string, [number, number]>();
  let heapSize = 0;
  const link = (value: string | undefined): [number, number] => {
    if (!value) return [0, 0];
    const known = heapAt.get(value);
    if (known) return known;
    const bytes = encoder.encode(value);
    const at: [number, number] = [heapSize, bytes.length];
    heapAt.set(value, at);
    heapParts.push(bytes);
    heapSize += bytes.length;
    return at;
  };
  const local = new Map<number, number>();
  const ids: number[] = [];
  const ownRefs: number[] = [];
  const firstRef = all.map(({ loc }) => {
    const first = ownRefs.length;
    for (let i = loc.a; i < loc.a + loc.b; i++) {
      const r = refs[i] ?? GAP;
      if (r === GAP) {
        ownRefs.push(GAP);
        continue;
      }
      let id = local.get(r);
      if (id === undefined) {
        id = ids.push(r) - 1;
        local.set(r, id);
      }
      ownRefs.push(id);
    }
    return first;
  });

  const hashesAt = TABLE_HEADER;
  const recordsAt = hashesAt + count * 8;
  const refsAt = recordsAt + (count + 1) * RECORD_SIZE;
  const chunksAt = refsAt + ownRefs.length * 4;
  const heapStart = chunksAt + ids.length * CHUNK_SIZE;
  // The 404 page answers any path, so its Link (if any) is stored as is.
  const links = all.map(({ p }, r) => {
    const value = p.entry.link;
    return link(value && r < count ? linkTemplate(value, p.path) : value);
  });
  const out = new Uint8Array(heapStart + heapSize);
  const v = new DataView(out.buffer);
  const u32 = (at: number, x: number) => v.setUint32(at, x, true);
  [TABLE_MAGIC, count, seed, hashesAt, recordsAt, refsAt, chunksAt, heapStart].forEach((x, i) => {
    u32(i * 4, x);
  });
  // Keep the header slots and H in step.
  if (H.heap !== 7) throw new Error("emit: table header layout mismatch");
  hashes.forEach(([hi, lo], i) => {
    u32(hashesAt + i * 8, hi);
    u32(hashesAt + i * 8 + 4, lo);
  });
  all.forEach(({ p, loc }, r) => {
    const at = recordsAt + r * RECORD_SIZE;
    out.set(etagBytes(p.entry.etag), at + R.etag);
    v.setFloat64(at + R.lastModified, p.lastModifiedMs, true);
    const [lo, ll] = links[r] ?? [0, 0];
    u32(at + R.linkOffset, lo);
    u32(at + R.linkLength, ll);
    u32(at + R.a, firstRef[r] ?? 0);
    u32(at + R.b, loc.b);
    u32(at + R.c, p.crc);
    u32(at + R.size, p.entry.size);
    u32(at + R.gaps, p.entry.gaps);
    v.setUint16(at + R.status, p.entry.status ?? 200, true);
    v.setUint8(at + R.type, indexIn(types, p.entry.type, "Content-Type"));
    v.setUint8(at + R.cache, indexIn(cacheControls, p.entry.cacheControl, "Cache-Control"));
    v.setUint8(at + R.kind, ROUTE_KINDS.indexOf(p.entry.kind));
    u32(at + R.gzBytes, loc.gzBytes);
    u32(at + R.brOffset, loc.brOffset);
    u32(at + R.brLength, loc.brLength);
  });
  ownRefs.forEach((x, i) => {
    u32(refsAt + i * 4, x);
  });
  ids.forEach((g, i) => {
    const at = chunksAt + i * CHUNK_SIZE;
    u32(at + C.length, chunks.lengths[g] ?? 0);
    u32(at + C.gzOffset, chunks.gzOffsets[g] ?? 0);
    u32(at + C.gzLength, chunks.gzLengths[g] ?? 0);
    u32(at + C.crc, chunks.crcs[g] ?? 0);
  });
  out.set(concat(heapParts, heapSize), heapStart);
  return out;
}

/** Rows in hash order with their hashes and the seed; the last of `all` is the 404 page. */
function rowsOf(all: readonly Prepared[], located: readonly Located[]) {
  const count = all.length - 1;
  const { seed, order, hashes } = hashPaths(all.slice(0, count).map((p) => p.path));
  const row = (i: number): Row => {
    const p = all[i];
    const loc = located[i];
    if (!p || !loc) throw new Error("emit: internal record mismatch");
    return { p, loc };
  };
  return { seed, hashes, rows: order.map(row), notFound: row(count) };
}

/** Bundle storage: every route in one table. */
export function buildTable(
  all: readonly Prepared[],
  located: readonly Located[],
  refs: ArrayLike<number>,
  chunks: ChunkEntries,
  types: string[],
  cacheControls: string[],
): Uint8Array {
  const { seed, hashes, rows, notFound } = rowsOf(all, located);
  return encodeTable(seed, rows, hashes, notFound, refs, chunks, types, cacheControls);
}

/**
 * Assets storage: the table cut by path hash into shards of about `target` bytes each (a request reads
 * one), each handed to `onShard` as it is made, and the small directory that stays in the Worker
 * (layout in src/shared/manifest.ts).
 */
export function buildShards(
  all: readonly Prepared[],
  located: readonly Located[],
  refs: ArrayLike<number>,
  chunks: ChunkEntries,
  types: string[],
  cacheControls: string[],
  target: number,
  onShard: (n: number, shard: Uint8Array) => void,
): { directory: Uint8Array; count: number } {
  const { seed, hashes, rows, notFound } = rowsOf(all, located);
  // An upper bound of the shards' bytes: every chunk ref may need its own entry in its shard.
  const estimate = rows.length * (8 + RECORD_SIZE) + refs.length * (4 + CHUNK_SIZE);
  const count = Math.max(1, Math.min(0xffff, Math.ceil(estimate / target)));
  const starts: number[] = [];
  let at = 0;
  for (let s = 0; s < count; s++) {
    while (at < rows.length && shardOf(hashes[at]?.[0] ?? 0, count) < s) at++;
    starts.push(at);
  }
  starts.push(rows.length);
  // Handed over one by one, so a large table never exists whole.
  for (let s = 0; s < count; s++) {
    const from = starts[s] ?? rows.length;
    const to = starts[s + 1] ?? rows.length;
    onShard(
      s,
      encodeTable(
        seed,
        rows.slice(from, to),
        hashes.slice(from, to),
        notFound,
        refs,
        chunks,
        types,
        cacheControls,
      ),
    );
  }
  const page = encodeTable(seed, [], [], notFound, refs, chunks, types, cacheControls);
  const startsAt = DIR_HEADER;
  const pageAt = startsAt + starts.length * 4;
  const directory = new Uint8Array(pageAt + page.length);
  const v = new DataView(directory.buffer);
  const header = [DIR_MAGIC, rows.length, seed, count, startsAt, pageAt, page.length];
  if (D.notFoundLength !== header.length - 1) throw new Error("emit: directory header layout mismatch");
  header.forEach((x, i) => {
    v.setUint32(i * 4, x, true);
  });
  starts.forEach((x, i) => {
    v.setUint32(startsAt + i * 4, x, true);
  });
  directory.set(page, pageAt);
  return { directory, count };
}
