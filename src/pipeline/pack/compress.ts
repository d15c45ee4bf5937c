// Build-time brotli for whole bodies. Fixed parameters, so the same zlib gives
// the same bytes; quality 9 rather than 11: 11 is about 50x slower for a few percent (measured in
// BENCHMARKS.md).
import { brotliCompressSync, constants } from "node:zlib";

export const BROTLI_QUALITY = 9;

export function brotliBody(body: Uint8Array): Uint8Array {
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: 22,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/** Which routes get a whole brotli body: the policy and its measurements are in src/shared/manifest.ts. */
export { hasBrotliBody } from "../../shared/manifest";
