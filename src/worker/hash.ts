// A small synchronous, deterministic string hash for ETag suffixes. Not cryptographic: it only has to
// make different origins / queries produce different validators, and it must not need
// `await crypto.subtle` on the hot path. Same mixing as the route table's path hash.
import { pathHash64 } from "../shared/manifest";

export function shortHash(text: string): string {
  const [h1, h2] = pathHash64(text, 0);
  const n = 4294967296 * (2097151 & h2) + h1;
  return n.toString(36).padStart(11, "0");
}
