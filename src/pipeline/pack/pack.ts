// The packer's one pass, whatever the sink (sink.ts): the API index first (api-held.ts), then rendered
// routes -> prepared routes with their bodies held, chunked in path order into the body streams, then
// the route table (whole, or its shards), the API's files and the build id over every byte. See emit.ts
// for the storages.
import { createHash } from "node:crypto";
import type { AssetsApi, ManifestApi } from "../../shared/api-index";
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
import { U32List } from "../lists";
import type { RenderedRoute } from "../render/types";
import { BlobWriter, packApi } from "./api";
import { type ApiSource, type HeldApi, holdApi, writeApiFiles } from "./api-held";
import { ChunkStore } from "./chunks";
import { ANALYSE, BROTLI, SHARD } from "./codings";
import { hasBrotliBody } from "./compress";
import { compareCodeUnits, type Prepared, prepare } from "./routes";
import { FILE_TARGET, type Held, type PackSink } from "./sink";
import { buildShards, buildTable, type Located } from "./table";
import { type Compressor, compressor } from "./zlib-pool";

/** `auto` picks assets when the bundle's body streams would pass this many bytes. */
export const AUTO_ASSETS_THRESHOLD = 8 * 1024 * 1024;
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

export interface EmitOptions {
  /** Configured origin (`https://host`), or null when bodies were rendered with `originToken`. */
  origin: string | null;
  originToken: string;
  /**
   * `api` may be a function: called before any route is rendered, and once more when `auto` storage
   * picks bundle (api-held.ts).
   */
  extra?: { api?: ApiSource };
  /** Default `auto`: bundle unless the body streams pass `autoThreshold` bytes. */
  storage?: StorageSetting;
  autoThreshold?: number;
  /** Called with the number of routes prepared so far (progress only). */
  onRoute?: (done: number) => void;
  /** Assets storage: most asset files (default 19,000; tests use small ones to get bigger files). */
  maxFiles?: number;
  /** Assets storage: bytes a route-table shard aims at before compression (tests use small ones). */
  shardTarget?: number;
  /**
   * Worker threads that compress (zlib-pool.ts); default 0, every piece compressed on this thread. The
   * output is the same for any count.
   */
  compressThreads?: number;
}

/** A route and its held body. */
interface Pending {
  p: Prepared;
  held: Held;
  /**
   * With analyses (below): the index of the route's first segment among all routes' segments, where
   * `Analyses.of` keeps each segment's.
   */
  firstSegment?: number;
}

/**
 * Per segment of every route, its analysis made on another thread while the rest rendered (analyse.ts),
 * held by the sink like the bodies: 36 bytes per chunk, kept in memory from the first route rendered to
 * the last, they were about 90 MB of the peak at 10,000 articles. Numbered, not a list per route: the
 * lists and their handles were another 60 MB.
 */
interface Analyses {
  /** The held analysis of each segment, by the segment's index. */
  of: U32List;
  /** Segments asked for so far. */
  segments: number;
}

/**
 * Chunks every body once, in path order: refs, gzip sizes and brotli bodies, whatever the storage.
 * Each body is taken from the sink, chunked and dropped before the next (but for what `compress` still
 * has in flight). Pieces and brotli bodies are appended in the order they were asked for.
 */
function locate(
  all: readonly Pending[],
  analyses: Analyses,
  chunks: ChunkStore,
  refs: U32List,
  sink: PackSink,
  compress: Compressor,
): Located[] {
  // Every analysis is in: they were asked for before any piece.
  compress.flush();
  const located = all.map((pending) => {
    const { held, p, firstSegment } = pending;
    const segments = sink.take(held);
    const own = chunks.refs(
      segments,
      firstSegment === undefined
        ? undefined
        : segments.map((_, i) => sink.take(analyses.of.get(firstSegment + i))[0] as Uint8Array),
    );
    const loc: Located = { a: refs.length, b: own.length, gzBytes: 0, brOffset: 0, brLength: 0 };
    for (const r of own) refs.push(r);
    const body = segments.length === 1 ? segments[0] : undefined;
    if (body && body.length > 0 && hasBrotliBody(p.entry)) {
      compress.run(BROTLI, body, (compressed) => {
        loc.brOffset = sink.append("br", compressed);
        loc.brLength = compressed.length;
      });
    }
    return loc;
  });
  chunks.flush();
  for (const loc of located) loc.gzBytes = chunks.gzBytes(refs.view(loc.a, loc.a + loc.b));
  return located;
}

/** Assets storage: the size of the stream files, so that all files stay under `maxFiles`. */
function streamFileSize(total: number, maxFiles: number): number {
  const size = Math.max(FILE_TARGET, Math.ceil(total / Math.max(1, maxFiles - STREAMS.length)));
  if (size > MAX_FILE_BYTES) throw new Error(`emit: ${total} body bytes do not fit the static asset limits`);
  return size;
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** Every rendered route, prepared and its body held; sorted by path, the 404 page last. */
function collect(
  routes: Iterable<RenderedRoute>,
  notFound: RenderedRoute,
  token: string | null,
  sink: PackSink,
  compress: Compressor,
  analyses: Analyses,
  onRoute?: (done: number) => void,
): Pending[] {
  const pending: Pending[] = [];
  const hold = (p: Prepared): Pending => {
    const held = sink.hold(p.segments);
    const entry: Pending = { p, held };
    if (compress.offThread) {
      // Chunk boundaries and keys need only the bytes, not the path order: found meanwhile elsewhere.
      const first = analyses.segments;
      entry.firstSegment = first;
      analyses.segments += p.segments.length;
      p.segments.forEach((seg, i) => {
        compress.run(ANALYSE, seg, (a) => {
          analyses.of.set(first + i, sink.hold([a]));
        });
      });
    }
    // Held now: the route's bytes can be collected while the rest are rendered.
    p.segments = [];
    return entry;
  };
  for (const route of routes) {
    if (!route.path.startsWith("/")) throw new Error(`route "${route.path}": paths must start with "/"`);
    pending.push(hold(prepare(route, token, 200)));
    onRoute?.(pending.length);
  }
  pending.sort((a, b) => compareCodeUnits(a.p.path, b.p.path));
  for (let i = 1; i < pending.length; i++) {
    if (pending[i]?.p.path === pending[i - 1]?.p.path) {
      throw new Error(`duplicate route path "${pending[i]?.p.path}": two renderers produced the same URL`);
    }
  }
  pending.push(hold(prepare(notFound, token, 404)));
  return pending;
}

/**
 * Rendered routes -> route table, body streams and JSON, into `sink`. Same input, same bytes, whatever
 * the sink. Throws on bad input. `routes` may be a lazy iterable: each body is held by the sink as it
 * arrives, so a large site never holds all its rendered strings at once.
 */
export function pack(
  routes: Iterable<RenderedRoute>,
  notFound: RenderedRoute,
  opts: EmitOptions,
  sink: PackSink,
): { manifest: Manifest; worker: WorkerManifest; table: Uint8Array; paths: string[] } {
  if (opts.origin === null && !opts.originToken) throw new Error("emit: originToken is empty");
  const setting = opts.storage ?? "auto";
  if (setting !== "auto" && setting !== "bundle" && setting !== "assets") {
    throw new Error(`emit: storage "${String(setting)}" is not one of auto, bundle, assets`);
  }
  const token = opts.origin === null ? opts.originToken : null;
  const compress = compressor(opts.compressThreads ?? 0);
  try {
    // First, while the heap holds only the site.
    const api = holdApi(opts.extra?.api, setting !== "bundle", sink);
    const analyses: Analyses = { of: new U32List(), segments: 0 };
    const pending = collect(routes, notFound, token, sink, compress, analyses, opts.onRoute);
    return packWith(pending, analyses, api, opts, setting, token, sink, compress);
  } finally {
    compress.close();
  }
}

function packWith(
  pending: Pending[],
  analyses: Analyses,
  heldApi: HeldApi,
  opts: EmitOptions,
  setting: StorageSetting,
  token: string | null,
  sink: PackSink,
  compress: Compressor,
): { manifest: Manifest; worker: WorkerManifest; table: Uint8Array; paths: string[] } {
  const all = pending.map((x) => x.p);
  const chunks = new ChunkStore((piece) => sink.append("gzip", piece), compress);
  const refList = new U32List();
  const located = locate(pending, analyses, chunks, refList, sink, compress);
  const refs = refList.view();
  const entries = chunks.entries();
  pending.length = 0;
  const streamBytes = { identity: chunks.identityBytes, gzip: sink.size("gzip"), br: sink.size("br") };
  const bodyBytes = streamBytes.gzip + streamBytes.br;

  let storage: StorageMode = setting === "assets" ? "assets" : "bundle";
  let api: ManifestApi | undefined;
  let apiAssets: AssetsApi | undefined;
  let layout: StreamFiles | undefined;
  let bases: Record<Stream, number> | undefined;
  const writer = new BlobWriter();
  if (storage === "bundle") {
    const limit = setting === "auto" ? (opts.autoThreshold ?? AUTO_ASSETS_THRESHOLD) : Infinity;
    // Bodies past the limit alone: no need to make the index again to know.
    const checked = bodyBytes > limit ? undefined : heldApi.checked();
    api = checked ? packApi(checked, writer, token) : undefined;
    if (writer.size + bodyBytes > limit) {
      storage = "assets";
      api = undefined;
    }
  }
  const types: string[] = [];
  const cacheControls: string[] = [];
  let table: Uint8Array;
  let blobParts: () => Iterable<Uint8Array>;
  const paths: string[] = [];
  if (storage === "bundle") {
    table = buildTable(all, located, refs, entries, types, cacheControls);
    const head = writer.finish();
    const gzipAt = align8(head.length);
    const brAt = align8(gzipAt + streamBytes.gzip);
    bases = { gzip: gzipAt, br: brAt };
    blobParts = function* () {
      yield head;
      yield new Uint8Array(gzipAt - head.length);
      yield* sink.readStream("gzip");
      yield new Uint8Array(brAt - gzipAt - streamBytes.gzip);
      yield* sink.readStream("br");
    };
  } else {
    const shardPaths: string[] = [];
    const sharded = buildShards(
      all,
      located,
      refs,
      entries,
      types,
      cacheControls,
      opts.shardTarget ?? SHARD_TARGET,
      (n, bytes) => {
        const path = shardFilePath(n);
        shardPaths.push(path);
        compress.run(SHARD, bytes, (deflated) => sink.file(path, deflated));
      },
    );
    compress.flush();
    table = sharded.directory;
    const packed = heldApi.assets;
    const apiPaths = writeApiFiles(heldApi, sink);
    const size = streamFileSize(
      bodyBytes,
      (opts.maxFiles ?? MAX_FILES) - apiPaths.length - shardPaths.length,
    );
    sink.cutStreams(size);
    layout = {
      size,
      count: { gzip: Math.ceil(streamBytes.gzip / size), br: Math.ceil(streamBytes.br / size) },
    };
    for (const s of STREAMS) {
      for (let n = 0; n < layout.count[s]; n++) paths.push(streamFilePath(s, n));
    }
    paths.push(...shardPaths, ...apiPaths);
    const blob = packed?.blob ?? new Uint8Array(0);
    blobParts = () => [blob];
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
  hash.update(table);
  sink.blob(
    (function* () {
      for (const part of blobParts()) {
        hash.update(part);
        yield part;
      }
    })(),
  );
  for (const path of paths) hash.update(path).update(sink.read(path));
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
  return { manifest, worker, table, paths };
}
