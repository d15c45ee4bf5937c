// One rendered route, validated and encoded for the table: headers decided, ETag hashed, body cut
// at every place the origin goes. Everything the Worker would otherwise compute per request.
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { ROUTE_KINDS, type RouteEntry, type RouteKind } from "../../shared/manifest";
import type { RenderedRoute } from "../render/types";

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

export function sha256(bytes: Uint8Array | string): Buffer {
  return createHash("sha256").update(bytes).digest();
}

/**
 * SHA-256 of the whole body (origin token included) from its encoded segments: the same digest as over
 * the body string, without encoding it a second time. The token is ASCII, so the UTF-8 of the body is
 * the segments' UTF-8 joined with the token's.
 */
function bodyHash(segments: readonly Uint8Array[], token: string | null): Buffer {
  if (segments.length === 1) return sha256(segments[0] ?? new Uint8Array(0));
  const h = createHash("sha256");
  segments.forEach((seg, i) => {
    if (i > 0) h.update(token ?? "");
    h.update(seg);
  });
  return h.digest();
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

/**
 * The 16 bytes a strong ETag of ours spells (`strongEtag`), for the route table. Decoded again rather
 * than kept: a Buffer per route cost about 200 bytes of a build's peak, held from render to the end.
 */
export function etagBytes(etag: string): Buffer {
  const bytes = Buffer.from(etag.slice(1, -1), "base64url");
  if (bytes.length !== 16) throw new Error(`emit: internal: ETag ${etag} is not 16 bytes`);
  return bytes;
}

/** One route, validated and encoded, before storage is decided. */
export interface Prepared {
  path: string;
  entry: RouteEntry;
  lastModifiedMs: number;
  /** UTF-8 pieces between origin insertions. */
  segments: Uint8Array[];
  /** CRC-32 of the body (only meaningful without gaps: the origin is not known yet otherwise). */
  crc: number;
}

export function prepare(route: RenderedRoute, token: string | null, fallbackStatus: number): Prepared {
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
  const segments = route.bytes
    ? [route.bytes]
    : (token === null ? [route.body] : route.body.split(token)).map((s) => encoder.encode(s));
  const entry: RouteEntry = {
    type: route.type,
    etag: `"${bodyHash(segments, token).subarray(0, 16).toString("base64url")}"`,
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
  const crc = segments.length === 1 ? crc32(segments[0] ?? new Uint8Array(0)) >>> 0 : 0;
  return { path: route.path, entry, lastModifiedMs, segments, crc };
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
