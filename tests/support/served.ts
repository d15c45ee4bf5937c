// Reads a route's body back through the Worker's own reader (src/worker/fragments.ts), in any coding,
// from an in-memory emit() result: bundle storage from bodies.bin, assets storage from its files.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { EmitResult } from "../../src/pipeline/pack/emit";
import type { Coding } from "../../src/worker/encoding";
import { EncodedBodies } from "../../src/worker/fragments";
import { FileCache } from "../../src/worker/store";
import { RouteTable } from "../../src/worker/table";

export function ab(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

export function readerFor(result: EmitResult): { table: RouteTable; bodies: EncodedBodies } {
  const table = new RouteTable(ab(result.table));
  const bodies = new EncodedBodies(
    table,
    result.blob,
    result.worker.bases,
    result.worker.files,
    new FileCache(0),
  );
  return { table, bodies };
}

export function fileFetcher(result: EmitResult, seen: string[] = []) {
  const files = new Map(result.files.map((f) => [f.path, f.bytes]));
  return async (p: string) => {
    seen.push(p);
    const f = files.get(p);
    return f ? ab(f) : null;
  };
}

/** The coded bytes of route `index` for `origin`. */
export async function servedCoded(
  result: EmitResult,
  index: number,
  origin: string,
  coding: Coding,
): Promise<Uint8Array> {
  const { table, bodies } = readerFor(result);
  return bodies.load(table.record(index), coding, origin, fileFetcher(result));
}

/** `bytes` decoded from `coding`. */
export function decode(bytes: Uint8Array, coding: Coding): Uint8Array {
  if (coding === "gzip") return new Uint8Array(gunzipSync(bytes));
  if (coding === "br") return new Uint8Array(brotliDecompressSync(bytes));
  return bytes;
}
