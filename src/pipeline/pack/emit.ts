// Packs every prerendered response for the Worker: a binary route table, the body streams and a small
// JSON of shared strings. All the per-response work the Worker would otherwise do (hashing, dates,
// header defaults, compression) happens here, once.
//
// Bodies are cut into content-defined chunks and each unique chunk is stored once, as its own gzip
// piece (see chunks.ts); some routes without an origin gap also get a whole brotli body (which ones:
// hasBrotliBody in src/shared/manifest.ts). Where the streams live depends on the storage (see
// src/shared/manifest.ts):
//   - bundle: regions of bodies.bin, inside the Worker;
//   - assets: files of a fixed size under assets/{gzip,br}/, read through the ASSETS binding, for
//     corpora whose bodies would not fit in a Worker upload or isolate; the route table goes there too,
//     cut into shards (assets/routes/), and routes.bin keeps only their directory.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Manifest, WorkerManifest } from "../../shared/manifest";
import type { RenderedRoute } from "../render/types";
import { type EmitOptions, pack } from "./pack";
import { DirSink, MemorySink, PLACEHOLDER } from "./sink";

export { BlobWriter } from "./api";
export { CHUNK_MAX, CHUNK_MIN, chunkEnds } from "./chunks";
export { AUTO_ASSETS_THRESHOLD, type EmitOptions, type StorageSetting } from "./pack";
export { strongEtag, toImfFixdate } from "./routes";
export { linkTemplate } from "./table";

export interface EmitResult {
  /** For tools and tests (`manifest.json`). */
  manifest: Manifest;
  /** Imported by the Worker (`worker.json`). */
  worker: WorkerManifest;
  /** `routes.bin`: the route table (bundle storage) or the directory of its shards (assets storage). */
  table: Uint8Array;
  /** API postings and summaries, plus the body streams in bundle storage (`bodies.bin`). */
  blob: Uint8Array;
  /** Assets storage: files under the `[assets]` directory (paths start with "/"). */
  files: { path: string; bytes: Uint8Array }[];
}

/** What emitTo() wrote. */
export interface EmitSummary {
  manifest: Manifest;
  worker: WorkerManifest;
  /** Asset files (0 in bundle storage) and bytes of everything written. */
  files: number;
  bytes: number;
}

/** Pure: rendered routes -> route table, body streams, JSON, all in memory. Throws on bad input. */
export function emit(
  routes: Iterable<RenderedRoute>,
  notFound: RenderedRoute,
  opts: EmitOptions,
): EmitResult {
  const sink = new MemorySink();
  const { manifest, worker, table, paths } = pack(routes, notFound, opts, sink);
  const files = paths.map((path) => ({ path, bytes: sink.read(path) }));
  return { manifest, worker, table, blob: sink.blobBytes, files };
}

/**
 * The same output as writeGenerated(outDir, emit(...)), written as it is made: bodies wait on disk
 * for their turn, stream files are written as they fill, shards as they are cut. `outDir` is the
 * build's own folder (its `.*.tmp` entries are the emitter's).
 */
export function emitTo(
  outDir: string,
  routes: Iterable<RenderedRoute>,
  notFound: RenderedRoute,
  opts: EmitOptions,
): EmitSummary & { peakHeld: number } {
  mkdirSync(outDir, { recursive: true });
  const sink = new DirSink(outDir);
  try {
    const { manifest, worker, table } = pack(routes, notFound, opts, sink);
    sink.finish();
    writeAtomic(outDir, "routes.bin", table);
    writeAtomic(outDir, "worker.json", JSON.stringify(worker));
    writeJsonAtomic(outDir, "manifest.json", manifest, "routes");
    return {
      manifest,
      worker,
      files: sink.fileCount,
      bytes: sink.written + table.length,
      peakHeld: sink.peakHeld,
    };
  } finally {
    sink.close();
  }
}

/**
 * `JSON.stringify(value)`, the same bytes, written member by member and the `open` member's own members
 * one by one: at 50,000 articles manifest.json is 46 MB, and making it one string (130 MB of heap at
 * that moment) set the build's peak.
 */
function writeJsonAtomic(outDir: string, name: string, value: object, open: string): void {
  const tmp = join(outDir, `.${name}.tmp`);
  const fd = openSync(tmp, "w");
  try {
    let parts: string[] = [];
    let size = 0;
    const flush = () => {
      writeSync(fd, parts.join(""));
      parts = [];
      size = 0;
    };
    const put = (s: string) => {
      parts.push(s);
      size += s.length;
      if (size >= 1 << 20) flush();
    };
    const members = (obj: object, each: (key: string, v: unknown) => void) => {
      put("{");
      let first = true;
      for (const [key, v] of Object.entries(obj)) {
        // What JSON.stringify leaves out of an object.
        if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
        put(`${first ? "" : ","}${JSON.stringify(key)}:`);
        first = false;
        each(key, v);
      }
      put("}");
    };
    members(value, (key, v) => {
      if (key === open && typeof v === "object" && v !== null && !Array.isArray(v)) {
        members(v, (_, m) => put(JSON.stringify(m)));
      } else put(JSON.stringify(v));
    });
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(outDir, name));
}

function writeAtomic(outDir: string, name: string, data: string | Uint8Array): void {
  const tmp = join(outDir, `.${name}.tmp`);
  writeFileSync(tmp, data);
  renameSync(tmp, join(outDir, name));
}

/**
 * Writes manifest.json, worker.json, routes.bin, bodies.bin and assets/. Each file is replaced
 * atomically (assets/ as a whole), so a watching dev server never sees half a file. assets/ always
 * exists, since wrangler.toml's [assets] names it; in bundle storage it holds one placeholder.
 */
export function writeGenerated(outDir: string, result: EmitResult): void {
  mkdirSync(outDir, { recursive: true });
  const write = (name: string, data: string | Uint8Array) => writeAtomic(outDir, name, data);
  const assetsTmp = join(outDir, ".assets.tmp");
  rmSync(assetsTmp, { recursive: true, force: true });
  mkdirSync(assetsTmp, { recursive: true });
  if (result.files.length === 0) {
    writeFileSync(join(assetsTmp, "placeholder.txt"), PLACEHOLDER);
  }
  for (const f of result.files) {
    const target = join(assetsTmp, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.bytes);
  }
  rmSync(join(outDir, "assets"), { recursive: true, force: true });
  renameSync(assetsTmp, join(outDir, "assets"));
  write("bodies.bin", result.blob);
  write("routes.bin", result.table);
  write("worker.json", JSON.stringify(result.worker));
  write("manifest.json", JSON.stringify(result.manifest));
}
