// Every compression the packer does, as plain data: fixed zlib settings, so the same zlib gives the same
// bytes on any thread. The inline path and the pool's worker (zlib-worker.mjs) both call compressWith,
// so output never depends on the thread count.
import { brotliCompressSync, constants, crc32, deflateRawSync, type ZlibOptions } from "node:zlib";
import { analyseSegment } from "./analyse";

export type Coding =
  | { format: "deflate-raw"; options: ZlibOptions }
  | { format: "brotli"; params: Record<number, number> }
  /** Not a compression: a segment's chunk boundaries and keys (analyse.ts), made while others render. */
  | { format: "analyse" };

/** Index into CODINGS: what a job asks for. */
export type Kind = 0 | 1 | 2 | 3;
/** One unique chunk's gzip piece (chunks.ts). */
export const CHUNK: Kind = 0;
/** A whole brotli body (compress.ts). */
export const BROTLI: Kind = 1;
/** A route-table shard (assets storage). */
export const SHARD: Kind = 2;
/** A body segment's analysis (analyse.ts). */
export const ANALYSE: Kind = 3;

export const BROTLI_QUALITY = 9;

export const CODINGS: readonly Coding[] = [
  {
    // A full flush ends each piece on a byte boundary without the final bit and resets the window, so
    // pieces join into one valid stream. Chunks are at most 32 KiB: the whole window.
    format: "deflate-raw",
    options: {
      level: 9,
      memLevel: 8,
      windowBits: 15,
      strategy: constants.Z_DEFAULT_STRATEGY,
      finishFlush: constants.Z_FULL_FLUSH,
    },
  },
  {
    // Quality 9 rather than 11: 11 is about 50x slower for a few percent (measured in BENCHMARKS.md).
    // The size hint is the body's length (set per call).
    format: "brotli",
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: 22,
    },
  },
  // The Worker inflates a shard once per isolate.
  { format: "deflate-raw", options: { level: 9, memLevel: 9, windowBits: 15 } },
  { format: "analyse" },
];

/** One job: the compressed bytes (a copy of exactly their size) and the input's CRC-32 (0 for an analysis). */
export function compressWith(kind: Kind, bytes: Uint8Array): { out: Uint8Array; crc: number } {
  const coding = CODINGS[kind];
  if (!coding) throw new Error(`compress: no coding ${kind}`);
  if (coding.format === "analyse") return { out: analyseSegment(bytes), crc: 0 };
  const out =
    coding.format === "deflate-raw"
      ? deflateRawSync(bytes, coding.options)
      : brotliCompressSync(bytes, {
          params: { ...coding.params, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        });
  // A copy: zlib's result is a view of a larger buffer, which would stay alive per piece.
  return { out: new Uint8Array(out), crc: crc32(bytes) >>> 0 };
}
