// Packs every prerendered response for the Worker: a binary route table, the body streams and a small
// JSON of shared strings. All the per-response work the Worker would otherwise do (hashing, dates,
// header defaults, compression) happens here, once.
//
// Bodies are cut into content-defined chunks and each unique chunk is stored once, as its own gzip
// piece (see chunks.ts); some routes without an origin gap also get a whole brotli body (which ones:
// hasBrotliBody in src/shared/manifest.ts). Where the streams live depends on the storage (see src/shared/manifest.ts):
//   - bundle: regions of bodies.bin, inside the Worker;
//   - assets: files of a fixed size under assets/{gzip,br}/, read through the ASSETS binding, for
//     corpora whose bodies would not fit in a Worker upload or isolate; the route table goes there too,
//     cut into shards (assets/routes/), and routes.bin keeps only their directory.
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { deflateRawSync } from "node:zlib";
import type { ApiIndex, AssetsApi, ManifestApi } from "../../shared/api-index";
import {
  type Manifest,
  STREAMS,
  type StorageMode,
  type Stream,
  type StreamFiles,
  shardFilePath,
  streamFilePath,
  type WorkerManifest,
} from "../../shared/manifest";
import type { RenderedRoute } from "../render/types";
import { BlobWriter, checkApi, packApi, packApiAssets } from "./api";
import { ByteStream, ChunkStore } from "./chunks";
import { brotliBody, hasBrotliBody } from "./compress";
import { compareCodeUnits, type Prepared, prepare } from "./routes";
import { buildShards, buildTable, type Located } from "./table";

export { BlobWriter } from "./api";
export { CHUNK_MAX, CHUNK_MIN, chunkEnds } from "./chunks";
export { strongEtag, toImfFixdate } from "./routes";
export { linkTemplate } from "./table";

/** `auto` picks assets when the bundle's body streams would pass this many bytes. */
export const AUTO_ASSETS_THRESHOLD = 8 * 1024 * 1024;
/** Stream files aim at this size at least (a fetch reads a whole file, so not much bigger than a page). */
const FILE_TARGET = 64 * 1024;
/** Stay under the Workers Free limit of 20,000 static asset files per version. */
const MAX_FILES = 19_000;
/**
 * Route-table shards aim at this many bytes before compression: a cold route reads one, and the Worker
 * keeps the shards it has read under a byte budget (src/worker/shards.ts).
 */
const SHARD_TARGET = 256 * 1024;
/** Cloudflare's per-file static asset limit. */
const MAX_FILE_BYTES = 25 * 1024 * 1024;

export type StorageSetting = StorageMode | "auto";

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

export interface EmitOptions {
  /** Configured origin (`https://host`), or null when bodies were rendered with `originToken`. */
  origin: string | null;
  originToken: string;
  extra?: { api?: ApiIndex };
  /** Default `auto`: bundle unless the body streams pass `autoThreshold` bytes. */
  storage?: StorageSetting;
  autoThreshold?: number;
  /** Called with the number of routes prepared so far (progress only). */
  onRoute?: (done: number) => void;
  /** Assets storage: bytes a route-table shard aims at before compression (tests use small ones). */
  shardTarget?: number;
}

/** Chunks every body once: refs, gzip sizes and brotli bodies, whatever the storage. */
function locate(all: readonly Prepared[], chunks: ChunkStore, refs: number[], br: ByteStream): Located[] {
  return all.map((p) => {
    const own = chunks.refs(p.segments);
    const loc: Located = {
      a: refs.length,
      b: own.length,
      gzBytes: chunks.gzBytes(own),
      brOffset: 0,
      brLength: 0,
    };
    for (const r of own) refs.push(r);
    const body = p.segments.length === 1 ? p.segments[0] : undefined;
    if (body && body.length > 0 && hasBrotliBody(p.entry)) {
      const compressed = new Uint8Array(brotliBody(body));
      loc.brOffset = br.push(compressed);
      loc.brLength = compressed.length;
    }
    // Stored now: the route's bytes can be collected while the rest are chunked.
    p.segments = [];
    return loc;
  });
}

/** Assets storage: each stream cut into files of exactly `size` bytes (pieces may straddle two). */
function streamFiles(
  streams: Record<Stream, Uint8Array>,
  maxFiles: number,
): { files: { path: string; bytes: Uint8Array }[]; layout: StreamFiles } {
  const total = STREAMS.reduce((n, s) => n + streams[s].length, 0);
  const size = Math.max(FILE_TARGET, Math.ceil(total / Math.max(1, maxFiles - STREAMS.length)));
  if (size > MAX_FILE_BYTES) throw new Error(`emit: ${total} body bytes do not fit the static asset limits`);
  const files: { path: string; bytes: Uint8Array }[] = [];
  const count = { gzip: 0, br: 0 };
  for (const s of STREAMS) {
    const bytes = streams[s];
    for (let at = 0; at < bytes.length; at += size) {
      files.push({ path: streamFilePath(s, count[s]++), bytes: bytes.subarray(at, at + size) });
    }
  }
  return { files, layout: { size, count } };
}

/**
 * Pure: rendered routes -> route table, body streams, JSON. Same input, same bytes. Throws on bad input.
 * `routes` may be a lazy iterable: each body string is turned into UTF-8 bytes as it arrives and can be
 * garbage-collected right after, so a large site never holds all its rendered strings at once.
 */
export function emit(
  routes: Iterable<RenderedRoute>,
  notFound: RenderedRoute,
  opts: EmitOptions,
): EmitResult {
  if (opts.origin === null && !opts.originToken) throw new Error("emit: originToken is empty");
  const setting = opts.storage ?? "auto";
  if (setting !== "auto" && setting !== "bundle" && setting !== "assets") {
    throw new Error(`emit: storage "${String(setting)}" is not one of auto, bundle, assets`);
  }
  const token = opts.origin === null ? opts.originToken : null;
  const prepared: Prepared[] = [];
  for (const route of routes) {
    if (!route.path.startsWith("/")) throw new Error(`route "${route.path}": paths must start with "/"`);
    prepared.push(prepare(route, token, 200));
    opts.onRoute?.(prepared.length);
  }
  prepared.sort((a, b) => compareCodeUnits(a.path, b.path));
  for (let i = 1; i < prepared.length; i++) {
    if (prepared[i]?.path === prepared[i - 1]?.path) {
      throw new Error(`duplicate route path "${prepared[i]?.path}": two renderers produced the same URL`);
    }
  }
  const all = [...prepared, prepare(notFound, token, 404)];
  const checked = opts.extra?.api ? checkApi(opts.extra.api) : undefined;

  const chunks = new ChunkStore();
  const br = new ByteStream();
  const refs: number[] = [];
  const located = locate(all, chunks, refs, br);
  const streams: Record<Stream, Uint8Array> = { gzip: chunks.gzip.concat(), br: br.concat() };
  const streamBytes = { identity: chunks.identityBytes, gzip: streams.gzip.length, br: streams.br.length };
  const bodyBytes = streamBytes.gzip + streamBytes.br;

  let storage: StorageMode = setting === "assets" ? "assets" : "bundle";
  let api: ManifestApi | undefined;
  let apiAssets: AssetsApi | undefined;
  let blob: Uint8Array;
  let files: { path: string; bytes: Uint8Array }[] = [];
  let layout: StreamFiles | undefined;
  let bases: Record<Stream, number> | undefined;
  const writer = new BlobWriter();
  if (storage === "bundle") {
    api = checked ? packApi(checked, writer, token) : undefined;
    const limit = setting === "auto" ? (opts.autoThreshold ?? AUTO_ASSETS_THRESHOLD) : Infinity;
    if (writer.size + bodyBytes > limit) {
      storage = "assets";
      api = undefined;
    }
  }
  const types: string[] = [];
  const cacheControls: string[] = [];
  let table: Uint8Array;
  if (storage === "bundle") {
    table = buildTable(all, located, refs, chunks, types, cacheControls);
    const at: Record<Stream, number> = { gzip: 0, br: 0 };
    for (const s of STREAMS) {
      writer.align(8);
      at[s] = writer.size;
      writer.push(streams[s]);
    }
    bases = at;
    blob = writer.finish();
  } else {
    const sharded = buildShards(
      all,
      located,
      refs,
      chunks,
      types,
      cacheControls,
      opts.shardTarget ?? SHARD_TARGET,
    );
    table = sharded.directory;
    // Fixed deflate settings: same zlib, same bytes. The Worker inflates a shard once per isolate.
    const shardFiles = sharded.shards.map((bytes, n) => ({
      path: shardFilePath(n),
      bytes: new Uint8Array(deflateRawSync(bytes, { level: 9, memLevel: 9, windowBits: 15 })),
    }));
    const packed = checked ? packApiAssets(checked) : null;
    const apiFiles = packed?.files ?? [];
    const cut = streamFiles(streams, MAX_FILES - apiFiles.length - shardFiles.length);
    layout = cut.layout;
    files = [...cut.files, ...shardFiles, ...apiFiles];
    blob = packed?.blob ?? new Uint8Array(0);
    if (packed) apiAssets = packed.descriptor;
  }

  const hash = createHash("sha256");
  hash.update(
    JSON.stringify({
      storage,
      origin: opts.origin,
      token: opts.originToken,
      types,
      cacheControls,
      bases,
      layout,
    }),
  );
  hash.update(JSON.stringify(api ?? apiAssets ?? null));
  hash.update(table).update(blob);
  for (const f of files) hash.update(f.path).update(f.bytes);
  const buildId = hash.digest().subarray(0, 12).toString("base64url");

  const worker: WorkerManifest = {
    version: 2,
    buildId,
    storage,
    origin: opts.origin,
    originToken: opts.originToken,
    types,
    cacheControls,
  };
  if (api) worker.api = api;
  if (apiAssets) worker.apiAssets = apiAssets;
  if (bases) worker.bases = bases;
  if (layout) worker.files = layout;
  const notFoundEntry = all[all.length - 1]?.entry;
  if (!notFoundEntry) throw new Error("emit: internal: no 404 entry");
  const manifest: Manifest = {
    version: 2,
    buildId,
    storage,
    origin: opts.origin,
    originToken: opts.originToken,
    routes: Object.fromEntries(all.slice(0, -1).map((p) => [p.path, p.entry])),
    notFound: notFoundEntry,
    storedBytes: bodyBytes,
    streamBytes,
  };
  if (api) manifest.api = api;
  if (apiAssets) manifest.apiAssets = apiAssets;
  if (layout) manifest.files = layout;
  return { manifest, worker, table, blob, files };
}

/**
 * Writes manifest.json, worker.json, routes.bin, bodies.bin and assets/. Each file is replaced
 * atomically (assets/ as a whole), so a watching dev server never sees half a file. assets/ always
 * exists, since wrangler.toml's [assets] names it; in bundle storage it holds one placeholder.
 */
export function writeGenerated(outDir: string, result: EmitResult): void {
  mkdirSync(outDir, { recursive: true });
  const write = (name: string, data: string | Uint8Array) => {
    const tmp = join(outDir, `.${name}.tmp`);
    writeFileSync(tmp, data);
    renameSync(tmp, join(outDir, name));
  };
  const assetsTmp = join(outDir, ".assets.tmp");
  rmSync(assetsTmp, { recursive: true, force: true });
  mkdirSync(assetsTmp, { recursive: true });
  if (result.files.length === 0) {
    writeFileSync(join(assetsTmp, "placeholder.txt"), "Bundle storage: bodies are in the Worker.\n");
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
