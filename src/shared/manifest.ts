// The contract between the build (which prepares every canonical response) and the Worker (which only
// looks responses up and answers conditional requests).
//
// The build writes three things the Worker imports:
//   - `routes.bin` (Data module): in bundle storage a compact binary route table, laid out below; in
//     assets storage only the directory of that table's shards, which are asset files (see below), so
//     the table no longer counts toward the Worker's size. Read in place: no JavaScript objects per
//     route, unlike a JSON object.
//   - `bodies.bin` (Data module): in bundle storage, API postings, API summaries and the three body
//     streams (below); in assets storage, only the compact binary API index (see AssetsApi in
//     ./api-index.ts).
//   - `worker.json`: the few strings the table indexes (types, Cache-Control values), the origin and
//     the API index.
// Bodies are stored once per unique content-defined chunk (an article's item repeats in the main feed,
// its tag feeds, their archives and across formats), compressed, in two streams:
//   - gzip: every unique chunk raw-deflated on its own and ended with a full flush (byte-aligned, no
//     final bit), so the Worker makes one valid gzip member of any route by writing a header, the
//     pieces in order (the request's origin as stored blocks), an empty final block and the trailer.
//     The identity body is that gzip body decoded, once, on the first identity request (the platform
//     itself asks Workers for `br, gzip`, so identity requests are rare);
//   - br: whole routes brotli-compressed, only for routes with no origin gap (brotli streams cannot be
//     joined, and a body holding the request's origin cannot be compressed ahead of time).
// In bundle storage the streams are regions of bodies.bin; in assets storage each stream is cut into
// files of `StreamFiles.size` bytes (`streamFilePath`) read through the ASSETS binding, and so are the
// API's summaries and word postings (`apiFilePath`), and `worker.json` carries `apiAssets`.
// `manifest.json` is the same information as plain JSON for tools and tests; the Worker does not import it.

import type { AssetsApi, ManifestApi } from "./api-index";

export type RouteKind = "feed" | "html" | "json" | "opml" | "text" | "asset";
/** Index order of `RouteKind` in the binary table (append only). */
export const ROUTE_KINDS: readonly RouteKind[] = ["feed", "html", "json", "opml", "text", "asset"];

export type StorageMode = "bundle" | "assets";

/** What tools and tests read about one route (`manifest.json`). */
export interface RouteEntry {
  /** Full Content-Type value, with `charset=utf-8`. */
  type: string;
  /** Strong ETag (quoted) of the bytes rendered with the configured base URL / the origin token. */
  etag: string;
  /** IMF-fixdate of the newest content in the response (never the build's wall clock). */
  lastModified: string;
  cacheControl: string;
  /** `Link` header value (alternate formats, paging); may contain the origin token. */
  link?: string;
  kind: RouteKind;
  /** HTTP status to answer with (200 unless said otherwise). */
  status?: number;
  /** Body bytes without the origin (UTF-8). */
  size: number;
  /** How many times the request's origin is inserted (0 with a configured base URL). */
  gaps: number;
}

/** `manifest.json`: for tools and tests, not imported by the Worker. */
export interface Manifest {
  version: 2;
  /** Hash of every byte the build emitted: same corpus and settings, same id. */
  buildId: string;
  storage: StorageMode;
  /** Configured origin (`https://host`), or null when the request's origin is used. */
  origin: string | null;
  /** The placeholder origin rendered into bodies when `origin` is null. */
  originToken: string;
  /** Canonical path (no trailing slash except `/`) -> response. */
  routes: Record<string, RouteEntry>;
  /** The helpful 404 page (HTML), served with status 404 for unknown paths. */
  notFound: RouteEntry;
  /** Index behind the dynamic `/api/articles` query, bundle storage (absent: see apiAssets). */
  api?: ManifestApi;
  /** The same index in assets storage. Neither present: that endpoint answers 404. */
  apiAssets?: AssetsApi;
  /** Bytes of the body streams (gzip pieces and brotli bodies). */
  storedBytes: number;
  /** Bytes of each body stream, and the unique chunks' identity bytes (not stored). */
  streamBytes: Record<Stream | "identity", number>;
  /** Assets storage: how the streams are cut into files. */
  files?: StreamFiles;
}

/** The body streams (see the top of this file). */
export type Stream = "gzip" | "br";
export const STREAMS: readonly Stream[] = ["gzip", "br"];

/** Assets storage: every stream is cut into files of exactly `size` bytes (the last may be shorter). */
export interface StreamFiles {
  size: number;
  count: Record<Stream, number>;
}

/** Asset path of file `n` of a body stream. */
export function streamFilePath(stream: Stream, n: number): string {
  return `/${STREAM_DIRS[stream]}/${n}.bin`;
}
const STREAM_DIRS: Record<Stream, string> = { gzip: "gzip", br: "br" };

/** `worker.json`: what the Worker needs besides the two binary modules. */
export interface WorkerManifest {
  version: 2;
  buildId: string;
  storage: StorageMode;
  origin: string | null;
  originToken: string;
  /** Content-Type values, indexed by the table's type byte. */
  types: string[];
  /** Cache-Control values, indexed by the table's cache byte. */
  cacheControls: string[];
  api?: ManifestApi;
  apiAssets?: AssetsApi;
  /** Bundle storage: where each body stream starts in bodies.bin (table offsets are per stream). */
  bases?: Record<Stream, number>;
  /** Assets storage: how the body streams are cut into files. */
  files?: StreamFiles;
}

// --- the binary route table (`routes.bin`), all little-endian ---
//
// header   TABLE_HEADER bytes: magic, count, seed, and the byte offsets of the sections below
// hashes   count x 8 bytes: (hi, lo) uint32 pairs of pathHash64(path, seed), strictly ascending
// records  (count + 1) x RECORD_SIZE bytes: record i is the route of hash i; record `count` is the 404
// refs     uint32s: chunk ids, GAP where the origin goes
// chunks   CHUNK_SIZE bytes per unique chunk: its identity length, its gzip piece (offset into the gzip
//          stream, length) and the CRC-32 of its identity bytes
// heap     UTF-8 strings: Link templates (see expandLink), which may hold the origin token

export const TABLE_MAGIC = 0x33425452; // "RTB3"
export const TABLE_HEADER = 32;
/** Header uint32 slots. */
export const H = { magic: 0, count: 1, seed: 2, hashes: 3, records: 4, refs: 5, chunks: 6, heap: 7 } as const;
export const RECORD_SIZE = 72;
export const CHUNK_SIZE = 16;
/** Chunk entry field byte offsets. */
export const C = { length: 0, gzOffset: 4, gzLength: 8, crc: 12 } as const;
/** Record field byte offsets. */
export const R = {
  /** 16 raw bytes: the strong ETag is their quoted base64url. */
  etag: 0,
  /** float64 epoch milliseconds of Last-Modified. */
  lastModified: 16,
  linkOffset: 24,
  linkLength: 28,
  /** First ref. */
  a: 32,
  /** Ref count. */
  b: 36,
  /** CRC-32 of the body (meaningful when gaps is 0; otherwise combined from the chunks' CRCs). */
  c: 40,
  /** Body bytes without the origin. */
  size: 44,
  gaps: 48,
  /** uint16 */
  status: 52,
  /** uint8 indexes */
  type: 54,
  cache: 55,
  kind: 56,
  /** Sum of the gzip pieces' lengths (the deflate data without framing or origin blocks). */
  gzBytes: 60,
  /** Brotli body in the br stream; length 0: none. */
  brOffset: 64,
  brLength: 68,
} as const;
// --- assets storage: the route table sharded (`routes.bin` is then a small directory) ---
//
// Route i's shard is floor(hi * shards / 2^32) of its path hash (hi, lo), so each shard holds a run of
// the hash order and is a route table of its own in the layout above (its chunk ids are its own, its
// last record the 404 page), raw-deflated into the asset file `shardFilePath(n)`. The directory:
// header   DIR_HEADER bytes: magic, count, seed, shards, and the byte offsets of the sections below
// starts   (shards + 1) uint32s: the first route index of each shard, then count
// notFound a route table with no routes: the 404 page, so unknown paths cost one shard read at most

export const DIR_MAGIC = 0x31445452; // "RTD1"
export const DIR_HEADER = 32;
/** Directory header uint32 slots. */
export const D = {
  magic: 0,
  count: 1,
  seed: 2,
  shards: 3,
  starts: 4,
  notFound: 5,
  notFoundLength: 6,
} as const;

/** Asset path of route-table shard `n`. */
export function shardFilePath(n: number): string {
  return `/routes/${n}.bin`;
}

/** The shard of a path whose hash starts with `hi`. */
export function shardOf(hi: number, shards: number): number {
  return Math.floor((hi * shards) / 0x1_0000_0000);
}

/** A ref that stands for the request's origin (bundle storage). */
export const GAP = 0xffffffff;

/**
 * Link values are stored as templates: a byte 0x01 + i stands for segment i of the route's path
 * (`path.split("/")`, i < 8), so the Link headers of 100,000 article routes share a dozen templates.
 * Header values never hold control characters, so the markers cannot clash with real text.
 */
export const LINK_SEGMENTS = 8;

/** Expands a stored Link template for `path` (the inverse of the build's linkTemplate). */
export function expandLink(template: string, path: string): string {
  let segments: string[] | null = null;
  let out = "";
  let from = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template.charCodeAt(i);
    if (c < 1 || c > LINK_SEGMENTS) continue;
    segments ??= path.split("/");
    out += template.slice(from, i) + (segments[c - 1] ?? "");
    from = i + 1;
  }
  return segments === null ? template : out + template.slice(from);
}

/**
 * 64-bit hash of a path's UTF-16 code units as [hi, lo] uint32s (two cyrb53-style lanes). Not
 * cryptographic: the build checks that no two routes collide (it changes `seed` if they do), and a
 * stranger's path that happens to collide only gets some public page, never a redirect elsewhere.
 */
export function pathHash64(text: string, seed: number): [number, number] {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/**
 * Whether the build stores a whole brotli body for a route, next to its gzip pieces (the Worker reads
 * the answer from the route table; tools and tests from here). A route holding the request's origin
 * never has one: a brotli stream cannot be joined around it. Otherwise a brotli body costs its full
 * size once per route, while gzip pieces are shared with every route holding the same chunk. Measured
 * at 1,000 articles with BASE_URL set (README "Storage"): brotli for every route stored 17.6 MB more
 * (5.9x the corpus instead of 2.8x), 58% of it for RFC 5005 archive pages, whose items are all pieces of
 * other routes already.
 *
 * Kept: feed subscription documents (RSS, Atom, JSON Feed; main and per tag), which readers poll and
 * whose brotli body is about a third of their gzip pieces (whole-document brotli finds the repetition
 * between items that per-chunk gzip cannot), and which Cloudflare never compresses itself for Atom and
 * JSON Feed. They are a fixed number of documents of at most ITEMS_PER_FEED items, so their cost does
 * not grow with the corpus (1.4 MB at 1,000 articles). And text assets (stylesheet, SVG icon), OPML
 * and text: few and small. Binary assets (PNG, ICO: `type` without a charset) are compressed already,
 * so their brotli body would be their gzip piece again (2.2 KB of the seed Worker).
 * Left to gzip: archive pages (an RFC 5005 archive links rel="current" to its subscription document;
 * rarely fetched), article pages and API documents (one per article; their brotli is only 20-50% smaller
 * than their gzip, and Cloudflare may re-encode HTML and JSON as brotli itself) and HTML listings.
 */
export function hasBrotliBody(entry: Pick<RouteEntry, "kind" | "link" | "gaps" | "type">): boolean {
  if (entry.gaps > 0) return false;
  switch (entry.kind) {
    case "feed":
      return !/;\s*rel="current"/.test(entry.link ?? "");
    case "asset":
      return /;\s*charset=utf-8$/i.test(entry.type);
    case "opml":
    case "text":
      return true;
    default:
      return false;
  }
}
