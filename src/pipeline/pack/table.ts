// The binary route table (`routes.bin`, layout in src/shared/manifest.ts): sorted path hashes, one
// fixed-size record per route, every route's chunk refs, the chunk entries and a heap of Link templates.
import {
  C,
  CHUNK_SIZE,
  H,
  LINK_SEGMENTS,
  pathHash64,
  R,
  RECORD_SIZE,
  ROUTE_KINDS,
  TABLE_HEADER,
  TABLE_MAGIC,
} from "../../shared/manifest";
import type { ChunkStore } from "./chunks";
import { concat } from "./chunks";
import type { Prepared } from "./routes";

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
  for (const s of segments) {
    const escaped = s.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`(?<=/)${escaped}(?=[/.>?#]|$)`, "g"), String.fromCharCode(1 + s.i));
  }
  return out;
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

export function buildTable(
  all: readonly Prepared[],
  located: readonly Located[],
  refs: readonly number[],
  chunks: ChunkStore,
  types: string[],
  cacheControls: string[],
): Uint8Array {
  const count = all.length - 1; // the last one is the 404 page
  const { seed, order, hashes } = hashPaths(all.slice(0, count).map((p) => p.path));
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

  const chunkCount = chunks.lengths.length;
  const hashesAt = TABLE_HEADER;
  const recordsAt = hashesAt + count * 8;
  const refsAt = recordsAt + (count + 1) * RECORD_SIZE;
  const chunksAt = refsAt + refs.length * 4;
  const heapStart = chunksAt + chunkCount * CHUNK_SIZE;
  // Record order follows hash order; the 404 page comes last.
  const recordOrder = [...order, count];
  // The 404 page answers any path, so its Link (if any) is stored as is.
  const links = recordOrder.map((i) => {
    const p = all[i];
    const value = p?.entry.link;
    return link(value && i < count ? linkTemplate(value, p.path) : value);
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
  recordOrder.forEach((i, r) => {
    const p = all[i];
    const loc = located[i];
    if (!p || !loc) throw new Error("emit: internal record mismatch");
    const at = recordsAt + r * RECORD_SIZE;
    out.set(p.etagBytes, at + R.etag);
    v.setFloat64(at + R.lastModified, p.lastModifiedMs, true);
    const [lo, ll] = links[r] ?? [0, 0];
    u32(at + R.linkOffset, lo);
    u32(at + R.linkLength, ll);
    u32(at + R.a, loc.a);
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
  refs.forEach((x, i) => {
    u32(refsAt + i * 4, x);
  });
  for (let i = 0; i < chunkCount; i++) {
    const at = chunksAt + i * CHUNK_SIZE;
    u32(at + C.length, chunks.lengths[i] ?? 0);
    u32(at + C.gzOffset, chunks.gzOffsets[i] ?? 0);
    u32(at + C.gzLength, chunks.gzLengths[i] ?? 0);
    u32(at + C.crc, chunks.crcs[i] ?? 0);
  }
  out.set(concat(heapParts, heapSize), heapStart);
  return out;
}
