// Packs every prerendered response for the Worker: a binary route table, a body store and a small JSON
// of shared strings. All the per-response work the Worker would otherwise do (hashing, dates, header
// defaults) happens here, once.
//
// Bodies are stored in one of two ways (see src/shared/manifest.ts):
//   - bundle: content-defined chunks, each unique chunk once in bodies.bin. Tag feeds repeat the same
//     item XML/JSON over and over, so the deduplicated store is a fraction of the raw bytes.
//   - assets: plain bodies packed into files of ~64 KiB under assets/bodies/, read through the ASSETS
//     binding, for corpora whose bodies would not fit in a Worker upload or isolate.
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  type ApiIndex,
  type ApiStream,
  type AssetsApi,
  apiFilePath,
  type ManifestApi,
  pushPositions,
  pushVarint,
  zigzag,
} from "../../shared/api-index";
import {
  bodyFilePath,
  GAP,
  H,
  LINK_SEGMENTS,
  type Manifest,
  pathHash64,
  R,
  RECORD_SIZE,
  ROUTE_KINDS,
  type RouteEntry,
  type RouteKind,
  type StorageMode,
  TABLE_HEADER,
  TABLE_MAGIC,
  type WorkerManifest,
} from "../../shared/manifest";
import type { RenderedRoute } from "../render/types";

/** `auto` picks assets when the bundle's body store would pass this many bytes. */
export const AUTO_ASSETS_THRESHOLD = 8 * 1024 * 1024;
/** Body files aim at this size (a fetch reads a whole file, so not much bigger than a page). */
const FILE_TARGET = 64 * 1024;
/** Stay under the Workers Free limit of 20,000 static asset files per version. */
const MAX_FILES = 19_000;
/** Cloudflare's per-file static asset limit. */
const MAX_FILE_BYTES = 25 * 1024 * 1024;

export type StorageSetting = StorageMode | "auto";

export interface EmitResult {
  /** For tools and tests (`manifest.json`). */
  manifest: Manifest;
  /** Imported by the Worker (`worker.json`). */
  worker: WorkerManifest;
  /** Binary route table (`routes.bin`). */
  table: Uint8Array;
  /** API postings and summaries, plus every unique body chunk in bundle storage (`bodies.bin`). */
  blob: Uint8Array;
  /** Assets storage: files under the `[assets]` directory (paths start with "/"). */
  files: { path: string; bytes: Uint8Array }[];
}

export interface EmitOptions {
  /** Configured origin (`https://host`), or null when bodies were rendered with `originToken`. */
  origin: string | null;
  originToken: string;
  extra?: { api?: ApiIndex };
  /** Default `auto`: bundle unless the deduplicated bodies pass `autoThreshold` bytes. */
  storage?: StorageSetting;
  autoThreshold?: number;
}

const FEED_CACHE = "public, max-age=300, stale-while-revalidate=86400";
const DEFAULT_CACHE: Record<RouteKind, string | null> = {
  feed: FEED_CACHE,
  json: FEED_CACHE,
  opml: FEED_CACHE,
  html: "public, max-age=300",
  text: "public, max-age=300",
  // Assets must say how long they live (a fingerprinted file may be immutable, a plain one not).
  asset: null,
};
const KINDS = new Set<string>(ROUTE_KINDS);
const encoder = new TextEncoder();

function sha256(bytes: Uint8Array | string): Buffer {
  return createHash("sha256").update(bytes).digest();
}

/** Strong ETag: quoted base64url of the first 16 bytes of SHA-256 over the bytes. */
export function strongEtag(bytes: Uint8Array): string {
  return `"${sha256(bytes).subarray(0, 16).toString("base64url")}"`;
}

/** RFC 3339 -> IMF-fixdate (RFC 9110 §5.6.7); throws with `what` on an invalid date. */
export function toImfFixdate(rfc3339: string, what: string): string {
  const ms = Date.parse(rfc3339);
  if (!/^\d{4}-\d{2}-\d{2}/.test(rfc3339) || Number.isNaN(ms)) {
    throw new Error(`${what}: lastModified "${rfc3339}" is not an RFC 3339 date`);
  }
  // toUTCString() is exactly IMF-fixdate for years 0..9999.
  return new Date(ms).toUTCString();
}

// --- content-defined chunking (gear hash) ---

export const CHUNK_MIN = 256;
export const CHUNK_MAX = 8 * 1024;
/** A boundary is where the top CHUNK_BITS of the gear hash are zero: ~1 KiB past CHUNK_MIN on average. */
const CHUNK_BITS = 10;

/** 256 fixed pseudo-random words (splitmix32 from a constant seed): same table, same chunks, always. */
const GEAR: Uint32Array = (() => {
  const t = new Uint32Array(256);
  let s = 0x2545f491;
  for (let i = 0; i < 256; i++) {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    t[i] = (z ^ (z >>> 16)) >>> 0;
  }
  return t;
})();

/**
 * End offsets of the content-defined chunks of `bytes` (the last is `bytes.length`). The gear hash
 * shifts one bit per byte, so a boundary depends only on the 32 bytes before it: an edit moves the
 * boundaries near it and no others, and the same text chunks the same way wherever it appears.
 */
export function chunkEnds(bytes: Uint8Array, min = CHUNK_MIN, max = CHUNK_MAX): number[] {
  const ends: number[] = [];
  const shift = 32 - CHUNK_BITS;
  let start = 0;
  while (start < bytes.length) {
    const limit = Math.min(bytes.length, start + max);
    let end = limit;
    let h = 0;
    for (let i = start; i < limit; i++) {
      h = ((h << 1) + (GEAR[bytes[i] ?? 0] ?? 0)) >>> 0;
      if (i + 1 - start >= min && h >>> shift === 0) {
        end = i + 1;
        break;
      }
    }
    ends.push(end);
    start = end;
  }
  return ends;
}

/** Unique chunks, appended once each; a chunk is known by its SHA-256. */
class ChunkStore {
  readonly offsets: number[] = [];
  readonly lengths: number[] = [];
  private readonly ids = new Map<string, number>();
  private readonly parts: Uint8Array[] = [];
  bytes = 0;

  constructor(private readonly base: number) {}

  add(bytes: Uint8Array): number {
    const key = sha256(bytes).toString("base64");
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.offsets.length;
    this.ids.set(key, id);
    this.offsets.push(this.base + this.bytes);
    this.lengths.push(bytes.length);
    this.parts.push(bytes);
    this.bytes += bytes.length;
    return id;
  }

  /** Refs of one body: chunk ids, with GAP between segments (where the origin goes). */
  refs(segments: readonly Uint8Array[]): number[] {
    const refs: number[] = [];
    segments.forEach((seg, i) => {
      if (i > 0) refs.push(GAP);
      let start = 0;
      for (const end of chunkEnds(seg)) {
        refs.push(this.add(seg.subarray(start, end)));
        start = end;
      }
    });
    return refs;
  }

  concat(): Uint8Array {
    return concat(this.parts, this.bytes);
  }
}

function concat(parts: readonly Uint8Array[], size?: number): Uint8Array {
  const out = new Uint8Array(size ?? parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// --- the API index (bundle: postings and summaries in bodies.bin; assets: in asset files) ---

/** Appends byte chunks and remembers where each went. */
class BlobWriter {
  private chunks: Uint8Array[] = [];
  size = 0;

  /** Appends `text` cut at every `token` (when given): flat [offset, length] pairs, one per piece. */
  text(text: string, token: string | null): number[] {
    const pieces = token === null ? [text] : text.split(token);
    const pairs: number[] = [];
    for (const piece of pieces) {
      const bytes = encoder.encode(piece);
      pairs.push(this.size, bytes.length);
      this.push(bytes);
    }
    return pairs;
  }

  /** Appends uint32 little-endian values at a 4-byte aligned offset; returns that offset. */
  uint32(values: readonly number[]): number {
    this.align(4);
    const offset = this.size;
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => {
      view.setUint32(i * 4, v, true);
    });
    this.push(bytes);
    return offset;
  }

  align(n: number): void {
    const pad = (n - (this.size % n)) % n;
    if (pad) this.push(new Uint8Array(pad));
  }

  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  finish(): Uint8Array {
    return concat(this.chunks, this.size);
  }
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isAscendingPositions(list: readonly number[], count: number): boolean {
  return list.every(
    (v, i) => Number.isInteger(v) && v >= 0 && v < count && (i === 0 || v > (list[i - 1] ?? -1)),
  );
}

/** An API index that passed every check, with dates as epoch ms and the vocabulary sorted. */
interface CheckedApi {
  count: number;
  ids: string[];
  dates: number[];
  tags: { slug: string; postings: number[] }[];
  vocabulary: string[];
  terms: Record<string, number[]>;
  summaries: string[];
  lastModified: string;
}

function checkApi(api: ApiIndex): CheckedApi {
  const count = api.ids.length;
  if (api.dates.length !== count || api.summaries.length !== count) {
    throw new Error(
      `api index: ${count} ids but ${api.dates.length} dates and ${api.summaries.length} summaries`,
    );
  }
  const dates = api.dates.map((d, i) => {
    const ms = Date.parse(d);
    if (Number.isNaN(ms)) throw new Error(`api index: article ${api.ids[i]} has invalid date "${d}"`);
    return ms;
  });
  for (let i = 1; i < count; i++) {
    const prev = dates[i - 1] ?? 0;
    const cur = dates[i] ?? 0;
    if (cur > prev || (cur === prev && compareCodeUnits(api.ids[i - 1] ?? "", api.ids[i] ?? "") >= 0)) {
      throw new Error(`api index: articles are not in (date desc, id asc) order at ${api.ids[i]}`);
    }
  }
  for (const t of api.tags) {
    if (!isAscendingPositions(t.postings, count))
      throw new Error(`api index: tag ${t.slug} has bad postings`);
  }
  const vocabulary = Object.keys(api.terms).sort(compareCodeUnits);
  for (const term of vocabulary) {
    if (!isAscendingPositions(api.terms[term] ?? [], count)) {
      throw new Error(`api index: term "${term}" has bad postings`);
    }
  }
  return {
    count,
    ids: api.ids,
    dates,
    tags: api.tags,
    vocabulary,
    terms: api.terms,
    summaries: api.summaries,
    lastModified: toImfFixdate(api.updated, "api index"),
  };
}

/** Bundle storage: postings and summaries go into bodies.bin, the rest into worker.json. */
function packApi(api: CheckedApi, writer: BlobWriter, token: string | null): ManifestApi {
  const postings: number[] = [];
  for (const term of api.vocabulary) {
    const list = api.terms[term] ?? [];
    postings.push(writer.uint32(list), list.length);
  }
  return {
    count: api.count,
    ids: api.ids,
    dates: api.dates,
    tagSlugs: api.tags.map((t) => t.slug),
    tagPostings: api.tags.map((t) => t.postings),
    vocabulary: api.vocabulary,
    postings,
    summaries: api.summaries.map((s) => writer.text(s, token)),
    lastModified: api.lastModified,
  };
}

/** API asset files aim at this size: one fetch brings a page of summaries or a few term lists. */
const API_FILE_TARGET = 64 * 1024;
/** API files may take this share of the static asset file limit; body files get the rest. */
const API_MAX_FILES = 4_000;

/** "\n"-joined UTF-8 of strings that must not hold a newline themselves. */
function joinLines(values: readonly string[], what: string): Uint8Array {
  for (const v of values) {
    if (v.includes("\n")) throw new Error(`api index: ${what} ${JSON.stringify(v)} holds a newline`);
  }
  return encoder.encode(values.join("\n"));
}

/** Cuts a stream into files of exactly `size` bytes (the last may be shorter). */
function cutStream(
  stream: ApiStream,
  bytes: Uint8Array,
  size: number,
): { path: string; bytes: Uint8Array }[] {
  const files: { path: string; bytes: Uint8Array }[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    files.push({ path: apiFilePath(stream, files.length), bytes: bytes.subarray(at, at + size) });
  }
  return files;
}

/**
 * Assets storage: summaries (in API order, so a page is one or two files) and delta/varint postings
 * (in vocabulary order, so a prefix's terms are adjacent) go to fixed-size asset files; ids, dates,
 * vocabulary and the varint lengths that locate each entry go to bodies.bin (layout in api-index.ts).
 */
function packApiAssets(api: CheckedApi): {
  blob: Uint8Array;
  files: { path: string; bytes: Uint8Array }[];
  descriptor: AssetsApi;
} {
  const summaryParts = api.summaries.map((s) => encoder.encode(s));
  const postingParts = api.vocabulary.map((term) => {
    const out: number[] = [];
    pushPositions(out, api.terms[term] ?? []);
    return Uint8Array.from(out);
  });
  const summaryStream = concat(
    summaryParts,
    summaryParts.reduce((n, p) => n + p.length, 0),
  );
  const postingStream = concat(
    postingParts,
    postingParts.reduce((n, p) => n + p.length, 0),
  );
  if (Math.max(summaryStream.length, postingStream.length) > 0xffffffff) {
    throw new Error("api index: summaries or postings pass 4 GiB");
  }
  const fileSize = Math.max(
    API_FILE_TARGET,
    Math.ceil((summaryStream.length + postingStream.length) / API_MAX_FILES),
  );
  const files = [
    ...cutStream("summaries", summaryStream, fileSize),
    ...cutStream("postings", postingStream, fileSize),
  ];

  const varints = (fill: (out: number[]) => void): Uint8Array => {
    const out: number[] = [];
    fill(out);
    return Uint8Array.from(out);
  };
  const ids = joinLines(api.ids, "article id");
  const dates = varints((out) => {
    api.dates.forEach((d, i) => {
      pushVarint(out, i === 0 ? zigzag(d) : (api.dates[i - 1] ?? 0) - d);
    });
  });
  const vocabulary = joinLines(api.vocabulary, "search term");
  const termBytes = varints((out) => {
    for (const p of postingParts) pushVarint(out, p.length);
  });
  const tags = varints((out) => {
    for (const t of api.tags) pushPositions(out, t.postings);
  });
  const summaries = varints((out) => {
    for (const p of summaryParts) pushVarint(out, p.length);
  });
  const parts = [ids, dates, vocabulary, termBytes, tags, summaries];
  let at = 0;
  const [sIds, sDates, sVocabulary, sTermBytes, sTags, sSummaries] = parts.map((p): [number, number] => {
    const range: [number, number] = [at, p.length];
    at += p.length;
    return range;
  });
  const descriptor: AssetsApi = {
    count: api.count,
    tagSlugs: api.tags.map((t) => t.slug),
    vocabularySize: api.vocabulary.length,
    fileSize,
    summaryFiles: Math.ceil(summaryStream.length / fileSize),
    postingsFiles: Math.ceil(postingStream.length / fileSize),
    sections: {
      ids: sIds ?? [0, 0],
      dates: sDates ?? [0, 0],
      vocabulary: sVocabulary ?? [0, 0],
      termBytes: sTermBytes ?? [0, 0],
      tags: sTags ?? [0, 0],
      summaries: sSummaries ?? [0, 0],
    },
    lastModified: api.lastModified,
  };
  return { blob: concat(parts, at), files, descriptor };
}

// --- routes ---

/** One route, validated and encoded, before storage is decided. */
interface Prepared {
  path: string;
  entry: RouteEntry;
  etagBytes: Buffer;
  lastModifiedMs: number;
  /** UTF-8 pieces between origin insertions. */
  segments: Uint8Array[];
}

function prepare(route: RenderedRoute, token: string | null, fallbackStatus: number): Prepared {
  const what = `route ${route.path}`;
  if (!KINDS.has(route.kind)) throw new Error(`${what}: unknown kind "${route.kind}"`);
  if (!/;\s*charset=utf-8$/i.test(route.type) && route.kind !== "asset") {
    throw new Error(`${what}: Content-Type "${route.type}" must end with "; charset=utf-8"`);
  }
  const cacheControl = route.cacheControl ?? DEFAULT_CACHE[route.kind];
  if (!cacheControl) throw new Error(`${what}: kind "${route.kind}" needs an explicit cacheControl`);
  const lastModified = toImfFixdate(route.lastModified, what);
  const status = route.status ?? fallbackStatus;
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new Error(`${what}: status ${status} is not an HTTP status`);
  }
  const segments = (token === null ? [route.body] : route.body.split(token)).map((s) => encoder.encode(s));
  const etagBytes = sha256(route.body).subarray(0, 16);
  const entry: RouteEntry = {
    type: route.type,
    etag: `"${etagBytes.toString("base64url")}"`,
    lastModified,
    cacheControl,
    kind: route.kind,
    size: segments.reduce((n, s) => n + s.length, 0),
    gaps: segments.length - 1,
  };
  if (route.link) {
    for (let i = 0; i < route.link.length; i++) {
      const c = route.link.charCodeAt(i);
      if (c < 0x20 || c === 0x7f) throw new Error(`${what}: Link value holds control characters`);
    }
    entry.link = route.link;
  }
  if (status !== 200) entry.status = status;
  // Whole seconds, like the header: If-Modified-Since echoes the header back and must compare equal.
  const lastModifiedMs = Math.floor(Date.parse(route.lastModified) / 1000) * 1000;
  return { path: route.path, entry, etagBytes, lastModifiedMs, segments };
}

/** Body locators per route, in the order of `all`. */
interface Located {
  a: number;
  b: number;
  c: number;
}

/** Bundle locators, or null as soon as the store passes `limit` bytes (auto gives up on bundling). */
function locateBundle(
  all: readonly Prepared[],
  store: ChunkStore,
  refs: number[],
  limit: number,
): Located[] | null {
  const located: Located[] = [];
  for (const p of all) {
    const own = store.refs(p.segments);
    located.push({ a: refs.length, b: own.length, c: 0 });
    for (const r of own) refs.push(r);
    if (store.bytes > limit) return null;
  }
  return located;
}

/**
 * Assets locators: bodies packed in path order into files of about `target` bytes, each body stored
 * with the origin token in place (the Worker swaps it), so the table needs no per-gap data.
 */
function locateAssets(
  all: readonly Prepared[],
  token: string | null,
  files: { path: string; bytes: Uint8Array }[],
  maxFiles: number,
): Located[] {
  const tokenBytes = token === null ? new Uint8Array(0) : encoder.encode(token);
  const stored = (p: Prepared) => p.entry.size + p.entry.gaps * tokenBytes.length;
  const total = all.reduce((n, p) => n + stored(p), 0);
  const target = Math.max(FILE_TARGET, Math.ceil(total / maxFiles));
  let parts: Uint8Array[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length === 0) return;
    files.push({ path: bodyFilePath(files.length), bytes: concat(parts, size) });
    parts = [];
    size = 0;
  };
  const located = all.map((p) => {
    const length = stored(p);
    if (length > MAX_FILE_BYTES) {
      throw new Error(`route ${p.path}: body is ${length} bytes, over the 25 MiB static asset limit`);
    }
    if (size + length > MAX_FILE_BYTES) flush();
    const loc = { a: files.length, b: size, c: length };
    p.segments.forEach((s, i) => {
      if (i > 0) parts.push(tokenBytes);
      parts.push(s);
    });
    size += length;
    if (size >= target) flush();
    return loc;
  });
  flush();
  return located;
}

/**
 * `link` with the path's segments replaced by markers where they stand as whole URL path segments
 * (after "/", before "/", ".", ">", "?", "#" or the end), longest first. Any replacement is undone
 * exactly by expandLink(); the delimiters only keep short slugs from splitting unrelated text, so
 * that routes of one kind share one template.
 */
export function linkTemplate(link: string, path: string): string {
  const segments = path
    .split("/")
    .map((text, i) => ({ text, i }))
    .filter((s) => s.i < LINK_SEGMENTS && s.text.length > 0)
    .sort((a, b) => b.text.length - a.text.length || a.i - b.i);
  let out = link;
  for (const s of segments) {
    const escaped = s.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`(?<=/)${escaped}(?=[/.>?#]|$)`, "g"), String.fromCharCode(1 + s.i));
  }
  return out;
}

/** Index of `value` in `list`, appending it; the table stores these in one byte. */
function indexIn(list: string[], value: string, what: string): number {
  let i = list.indexOf(value);
  if (i < 0) {
    i = list.push(value) - 1;
    if (i > 255) throw new Error(`emit: more than 256 distinct ${what} values`);
  }
  return i;
}

/** Sorted (hi, lo) hashes of `paths` with a seed under which none collide. */
function hashPaths(paths: readonly string[]): { seed: number; order: number[]; hashes: [number, number][] } {
  for (let seed = 0; seed < 64; seed++) {
    const hashes = paths.map((p) => pathHash64(p, seed));
    const at = (i: number): [number, number] => hashes[i] ?? [0, 0];
    const order = paths.map((_, i) => i);
    order.sort((x, y) => at(x)[0] - at(y)[0] || at(x)[1] - at(y)[1]);
    const collides = order.some((v, i) => {
      const prev = at(order[i - 1] ?? -1);
      return i > 0 && prev[0] === at(v)[0] && prev[1] === at(v)[1];
    });
    if (!collides) return { seed, order, hashes: order.map(at) };
  }
  throw new Error("emit: route paths collide under every hash seed");
}

function buildTable(
  all: readonly Prepared[],
  located: readonly Located[],
  refs: readonly number[],
  chunks: ChunkStore | null,
  types: string[],
  cacheControls: string[],
): Uint8Array {
  const count = all.length - 1; // the last one is the 404 page
  const { seed, order, hashes } = hashPaths(all.slice(0, count).map((p) => p.path));
  const heapParts: Uint8Array[] = [];
  const heapAt = new Map<string, [number, number]>();
  let heapSize = 0;
  const link = (value: string | undefined): [number, number] => {
    if (!value) return [0, 0];
    const known = heapAt.get(value);
    if (known) return known;
    const bytes = encoder.encode(value);
    const at: [number, number] = [heapSize, bytes.length];
    heapAt.set(value, at);
    heapParts.push(bytes);
    heapSize += bytes.length;
    return at;
  };

  const chunkCount = chunks ? chunks.offsets.length : 0;
  const hashesAt = TABLE_HEADER;
  const recordsAt = hashesAt + count * 8;
  const refsAt = recordsAt + (count + 1) * RECORD_SIZE;
  const chunksAt = refsAt + refs.length * 4;
  const heapStart = chunksAt + chunkCount * 8;
  // Record order follows hash order; the 404 page comes last.
  const recordOrder = [...order, count];
  // The 404 page answers any path, so its Link (if any) is stored as is.
  const links = recordOrder.map((i) => {
    const p = all[i];
    const value = p?.entry.link;
    return link(value && i < count ? linkTemplate(value, p.path) : value);
  });
  const out = new Uint8Array(heapStart + heapSize);
  const v = new DataView(out.buffer);
  const u32 = (at: number, x: number) => v.setUint32(at, x, true);
  [TABLE_MAGIC, count, seed, hashesAt, recordsAt, refsAt, chunksAt, heapStart].forEach((x, i) => {
    u32(i * 4, x);
  });
  // Keep the header slots and H in step.
  if (H.heap !== 7) throw new Error("emit: table header layout mismatch");
  hashes.forEach(([hi, lo], i) => {
    u32(hashesAt + i * 8, hi);
    u32(hashesAt + i * 8 + 4, lo);
  });
  recordOrder.forEach((i, r) => {
    const p = all[i];
    const loc = located[i];
    if (!p || !loc) throw new Error("emit: internal record mismatch");
    const at = recordsAt + r * RECORD_SIZE;
    out.set(p.etagBytes, at + R.etag);
    v.setFloat64(at + R.lastModified, p.lastModifiedMs, true);
    const [lo, ll] = links[r] ?? [0, 0];
    u32(at + R.linkOffset, lo);
    u32(at + R.linkLength, ll);
    u32(at + R.a, loc.a);
    u32(at + R.b, loc.b);
    u32(at + R.c, loc.c);
    u32(at + R.size, p.entry.size);
    u32(at + R.gaps, p.entry.gaps);
    v.setUint16(at + R.status, p.entry.status ?? 200, true);
    v.setUint8(at + R.type, indexIn(types, p.entry.type, "Content-Type"));
    v.setUint8(at + R.cache, indexIn(cacheControls, p.entry.cacheControl, "Cache-Control"));
    v.setUint8(at + R.kind, ROUTE_KINDS.indexOf(p.entry.kind));
  });
  refs.forEach((x, i) => {
    u32(refsAt + i * 4, x);
  });
  for (let i = 0; i < chunkCount; i++) {
    u32(chunksAt + i * 8, chunks?.offsets[i] ?? 0);
    u32(chunksAt + i * 8 + 4, chunks?.lengths[i] ?? 0);
  }
  out.set(concat(heapParts, heapSize), heapStart);
  return out;
}

/** Pure: rendered routes -> route table, body store, JSON. Same input, same bytes. Throws on bad input. */
/**
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
  }
  prepared.sort((a, b) => compareCodeUnits(a.path, b.path));
  for (let i = 1; i < prepared.length; i++) {
    if (prepared[i]?.path === prepared[i - 1]?.path) {
      throw new Error(`duplicate route path "${prepared[i]?.path}": two renderers produced the same URL`);
    }
  }
  const all = [...prepared, prepare(notFound, token, 404)];

  const checked = opts.extra?.api ? checkApi(opts.extra.api) : undefined;

  let storage: StorageMode = setting === "assets" ? "assets" : "bundle";
  const refs: number[] = [];
  let located: Located[] | null = null;
  let store: ChunkStore | null = null;
  let api: ManifestApi | undefined;
  let apiAssets: AssetsApi | undefined;
  let blob: Uint8Array = new Uint8Array(0);
  let bodyBytes = 0;
  let files: { path: string; bytes: Uint8Array }[] = [];
  if (storage === "bundle") {
    const writer = new BlobWriter();
    api = checked ? packApi(checked, writer, token) : undefined;
    writer.align(8);
    store = new ChunkStore(writer.size);
    const limit = setting === "auto" ? (opts.autoThreshold ?? AUTO_ASSETS_THRESHOLD) - writer.size : Infinity;
    located = locateBundle(all, store, refs, limit);
    if (located) {
      writer.push(store.concat());
      blob = writer.finish();
    } else {
      storage = "assets";
      store = null;
      api = undefined;
      refs.length = 0;
    }
  }
  if (!located) {
    const packed = checked ? packApiAssets(checked) : null;
    const apiFiles = packed?.files ?? [];
    located = locateAssets(all, token, files, MAX_FILES - apiFiles.length);
    bodyBytes = files.reduce((n, f) => n + f.bytes.length, 0);
    if (packed) {
      blob = packed.blob;
      apiAssets = packed.descriptor;
    }
    files = [...files, ...apiFiles];
  }

  const types: string[] = [];
  const cacheControls: string[] = [];
  const table = buildTable(all, located, refs, store, types, cacheControls);

  const hash = createHash("sha256");
  hash.update(
    JSON.stringify({ storage, origin: opts.origin, token: opts.originToken, types, cacheControls }),
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
    storedBytes: store ? store.bytes : bodyBytes,
  };
  if (api) manifest.api = api;
  if (apiAssets) manifest.apiAssets = apiAssets;
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
