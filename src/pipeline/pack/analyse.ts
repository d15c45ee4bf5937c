// Where a body segment is cut into chunks, and each chunk's key: pure over the bytes, so it may run on
// any thread (zlib-worker.mjs runs it while the main thread renders) and give the same answer.
// Structural cuts first (cuts.ts), then content-defined boundaries inside each part.
import { hash } from "node:crypto";
import { structuralCuts } from "./cuts";

export const CHUNK_MIN = 256;
export const CHUNK_MAX = 32 * 1024;
/**
 * A boundary is where the top CHUNK_BITS of the gear hash are zero: ~16 KiB past CHUNK_MIN on average.
 * Each chunk is deflated on its own, so bigger chunks compress better and cost fewer zlib calls. Items
 * and their content values are cut out first (cuts.ts), so most chunks are a whole value: the gear hash
 * only splits long runs, such as listing pages whose items shift from one page to the next. At 1,000
 * articles, with the cuts: 4 KiB chunks store 15.2 MB of pieces, 16 KiB chunks 14.1 MB.
 */
const CHUNK_BITS = 14;

/** 256 fixed pseudo-random words (splitmix32 from a constant seed): same table, same chunks, always. */
const GEAR: Uint32Array = (() => {
  const t = new Uint32Array(256);
  let s = 0x2545f491;
  for (let i = 0; i < 256; i++) {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    t[i] = (z ^ (z >>> 16)) >>> 0;
  }
  return t;
})();

/**
 * End offsets of the content-defined chunks of `bytes` (the last is `bytes.length`). The gear hash
 * shifts one bit per byte, so a boundary depends only on the 32 bytes before it: an edit moves the
 * boundaries near it and no others, and the same text chunks the same way wherever it appears.
 */
export function chunkEnds(bytes: Uint8Array, min = CHUNK_MIN, max = CHUNK_MAX, bits = CHUNK_BITS): number[] {
  const ends: number[] = [];
  const shift = 32 - bits;
  let start = 0;
  while (start < bytes.length) {
    const limit = Math.min(bytes.length, start + max);
    let end = limit;
    let h = 0;
    // The hash keeps only the last 32 bytes (one bit shift per byte), so it starts 32 bytes before the
    // first place a cut may go: the same boundaries, without hashing bytes that cannot matter.
    for (let i = Math.max(start, start + min - 32); i < limit; i++) {
      h = ((h << 1) + (GEAR[bytes[i] ?? 0] ?? 0)) >>> 0;
      if (i + 1 - start >= min && h >>> shift === 0) {
        end = i + 1;
        break;
      }
    }
    ends.push(end);
    start = end;
  }
  return ends;
}

/** Bytes of a chunk's key: its SHA-256. */
export const KEY_BYTES = 32;

/**
 * One segment's chunks as bytes: n end offsets (uint32 little-endian, within the segment), then the n
 * chunks' SHA-256 digests. Bytes, not objects, so an analysis crosses threads as one buffer and waits
 * for its turn compactly (36 bytes per chunk).
 */
export function analyseSegment(seg: Uint8Array): Uint8Array {
  const ends: number[] = [];
  let from = 0;
  for (const cut of [...structuralCuts(seg), seg.length]) {
    for (const end of chunkEnds(seg.subarray(from, cut))) ends.push(from + end);
    from = cut;
  }
  const n = ends.length;
  const out = new Uint8Array(n * (4 + KEY_BYTES));
  const view = new DataView(out.buffer);
  let start = 0;
  ends.forEach((end, c) => {
    view.setUint32(4 * c, end, true);
    out.set(hash("sha256", seg.subarray(start, end), "buffer"), 4 * n + KEY_BYTES * c);
    start = end;
  });
  return out;
}
