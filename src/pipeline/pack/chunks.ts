// Content-defined chunks: every body is cut where a rolling hash says so, and each unique chunk is
// stored once, with its gzip piece and CRC-32. An article's item is the same bytes in the main feed,
// each of its tag feeds and their archives (and its escaped content the same in RSS and Atom), so the
// unique chunks are a fraction of the bytes the routes serve.
import { GAP } from "../../shared/manifest";
import { U32List } from "../lists";
import { analyseSegment, KEY_BYTES } from "./analyse";
import { ChunkIds } from "./chunk-ids";
import { CHUNK } from "./codings";
import type { ChunkEntries } from "./table";
import { type Compressor, inline } from "./zlib-pool";

export { CHUNK_MAX, CHUNK_MIN, chunkEnds } from "./analyse";

/**
 * Unique chunks, appended once each as their gzip piece, with their length and CRC (the Worker joins
 * pieces into gzip bodies, and decodes one for the rare identity request); known by SHA-256. Pieces
 * are made by `compress` (maybe on other threads) and appended in chunk-id order: gzip offsets, lengths
 * and CRCs are final once flush() has returned.
 */
export class ChunkStore {
  // Per chunk id (the route table stores each as 32 bits too).
  private readonly lengths = new U32List();
  private readonly gzOffsets = new U32List();
  private readonly gzLengths = new U32List();
  private readonly crcs = new U32List();
  private readonly ids = new ChunkIds();
  /** Identity bytes of the unique chunks (what an uncompressed store would hold). */
  identityBytes = 0;

  /** `append` stores a new chunk's gzip piece and returns its offset in the gzip stream. */
  constructor(
    private readonly append: (piece: Uint8Array) => number,
    private readonly compress: Compressor = inline,
  ) {}

  /** The chunk's key (its SHA-256, analyse.ts) is at `keys[at, at + KEY_BYTES)`. */
  add(bytes: Uint8Array, keys: Uint8Array, at: number): number {
    const known = this.ids.get(keys, at);
    if (known !== -1) return known;
    const id = this.ids.add(keys, at);
    this.lengths.push(bytes.length);
    this.identityBytes += bytes.length;
    this.compress.run(CHUNK, bytes, (gz, crc) => {
      this.gzOffsets.set(id, this.append(gz));
      this.gzLengths.set(id, gz.length);
      this.crcs.set(id, crc);
    });
    return id;
  }

  /** Every chunk's entries, once flushed (views: valid until the next `add`). */
  entries(): ChunkEntries {
    return {
      lengths: this.lengths.view(),
      gzOffsets: this.gzOffsets.view(),
      gzLengths: this.gzLengths.view(),
      crcs: this.crcs.view(),
    };
  }

  /** Every piece appended (they arrive in id order). */
  flush(): void {
    this.compress.flush();
  }

  /**
   * Refs of one body: chunk ids, with GAP between segments (where the origin goes). `analyses[i]` is
   * analyseSegment(segments[i]) when it was made elsewhere (another thread), else it is made here.
   */
  refs(segments: readonly Uint8Array[], analyses?: readonly Uint8Array[]): number[] {
    const refs: number[] = [];
    segments.forEach((seg, i) => {
      if (i > 0) refs.push(GAP);
      const a = analyses?.[i] ?? analyseSegment(seg);
      const n = a.length / (4 + KEY_BYTES);
      const ends = new DataView(a.buffer, a.byteOffset, 4 * n);
      let start = 0;
      for (let c = 0; c < n; c++) {
        const end = ends.getUint32(4 * c, true);
        refs.push(this.add(seg.subarray(start, end), a, 4 * n + KEY_BYTES * c));
        start = end;
      }
    });
    return refs;
  }

  /** Deflate bytes of a body's refs (its gzip pieces, without framing or origin blocks). */
  gzBytes(refs: ArrayLike<number>): number {
    const gzLengths = this.gzLengths.view();
    let n = 0;
    for (let i = 0; i < refs.length; i++) {
      const r = refs[i] as number;
      if (r !== GAP) n += gzLengths[r] ?? 0;
    }
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
