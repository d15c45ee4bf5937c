// Content-defined chunks: every body is cut where a rolling hash says so, and each unique chunk is
// stored once, with its gzip piece and CRC-32. An article's item is the same bytes in the main feed,
// each of its tag feeds and their archives (and its escaped content the same in RSS and Atom), so the
// unique chunks are a fraction of the bytes the routes serve.
import { hash } from "node:crypto";
import { GAP } from "../../shared/manifest";
import { CHUNK } from "./codings";
import { structuralCuts } from "./cuts";
import { type Compressor, inline } from "./zlib-pool";

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

/**
 * Unique chunks, appended once each as their gzip piece, with their length and CRC (the Worker joins
 * pieces into gzip bodies, and decodes one for the rare identity request); known by SHA-256. Pieces
 * are made by `compress` (maybe on other threads) and appended in chunk-id order: gzip offsets, lengths
 * and CRCs are final once flush() has returned.
 */
export class ChunkStore {
  readonly lengths: number[] = [];
  readonly gzOffsets: number[] = [];
  readonly gzLengths: number[] = [];
  readonly crcs: number[] = [];
  private readonly ids = new Map<string, number>();
  /** Identity bytes of the unique chunks (what an uncompressed store would hold). */
  identityBytes = 0;

  /** `append` stores a new chunk's gzip piece and returns its offset in the gzip stream. */
  constructor(
    private readonly append: (piece: Uint8Array) => number,
    private readonly compress: Compressor = inline,
  ) {}

  add(bytes: Uint8Array): number {
    const key = hash("sha256", bytes, "base64");
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.lengths.length;
    this.ids.set(key, id);
    this.lengths.push(bytes.length);
    this.identityBytes += bytes.length;
    this.compress.run(CHUNK, bytes, (gz, crc) => {
      this.gzOffsets[id] = this.append(gz);
      this.gzLengths[id] = gz.length;
      this.crcs[id] = crc;
    });
    return id;
  }

  /** Every piece appended (they arrive in id order). */
  flush(): void {
    this.compress.flush();
  }

  /** Refs of one body: chunk ids, with GAP between segments (where the origin goes). */
  refs(segments: readonly Uint8Array[]): number[] {
    const refs: number[] = [];
    segments.forEach((seg, i) => {
      if (i > 0) refs.push(GAP);
      let from = 0;
      for (const cut of [...structuralCuts(seg), seg.length]) {
        const part = seg.subarray(from, cut);
        let start = 0;
        for (const end of chunkEnds(part)) {
          refs.push(this.add(part.subarray(start, end)));
          start = end;
        }
        from = cut;
      }
    });
    return refs;
  }

  /** Deflate bytes of a body's refs (its gzip pieces, without framing or origin blocks). */
  gzBytes(refs: readonly number[]): number {
    let n = 0;
    for (const r of refs) if (r !== GAP) n += this.gzLengths[r] ?? 0;
    return n;
  }
}

export function concat(parts: readonly Uint8Array[], size?: number): Uint8Array {
  const out = new Uint8Array(size ?? parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
