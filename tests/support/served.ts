// Reads a route's body back through the Worker's own reader (src/worker/fragments.ts), in any coding,
// from an in-memory emit() result: bundle storage from bodies.bin, assets storage from its files.
import { brotliDecompressSync, gunzipSync, inflateRawSync } from "node:zlib";
import type { EmitResult } from "../../src/pipeline/pack/emit";
import { DIR_MAGIC, shardFilePath } from "../../src/shared/manifest";
import type { Coding } from "../../src/worker/encoding";
import { EncodedBodies } from "../../src/worker/fragments";
import { RouteDirectory, ShardView } from "../../src/worker/shards";
import { FileCache } from "../../src/worker/store";
import { RouteTable, type RouteView } from "../../src/worker/table";

/** Every route of `result`: its table, or (assets storage) its directory with every shard inflated. */
export function wholeView(result: EmitResult): RouteView {
  if (new DataView(ab(result.table)).getUint32(0, true) !== DIR_MAGIC)
    return new RouteTable(ab(result.table));
  const dir = new RouteDirectory(ab(result.table));
  const files = new Map(result.files.map((f) => [f.path, f.bytes]));
  const tables = new Map<number, RouteTable>();
  for (let s = 0; s < dir.shards; s++) {
    const file = files.get(shardFilePath(s));
    if (!file) throw new Error(`no shard ${s}`);
    tables.set(s, new RouteTable(ab(new Uint8Array(inflateRawSync(file)))));
  }
  return new ShardView(dir, tables);
}

export function ab(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

/**
 * The Worker's readers over an emit() result. In assets storage the table is its shard directory: the
 * view returned holds every shard, inflated here, so tests can look routes up synchronously.
 */
export function readerFor(result: EmitResult): { table: RouteView; bodies: EncodedBodies } {
  const table = wholeView(result);
  const bodies = new EncodedBodies(result.blob, result.worker.bases, result.worker.files, new FileCache(0));
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
