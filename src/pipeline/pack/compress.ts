// Build-time brotli for whole bodies, with the fixed parameters of codings.ts.
import { BROTLI, compressWith } from "./codings";

export { BROTLI_QUALITY } from "./codings";

export function brotliBody(body: Uint8Array): Uint8Array {
  return compressWith(BROTLI, body).out;
}

/** Which routes get a whole brotli body: the policy and its measurements are in src/shared/manifest.ts. */
export { hasBrotliBody } from "../../shared/manifest";
