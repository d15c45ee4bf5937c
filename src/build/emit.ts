// Packs every prerendered response into one blob + a manifest the Worker looks responses up in. All the
// per-response work the Worker would otherwise do (hashing, dates, header defaults) happens here, once.
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ApiIndex, ManifestApi } from "../shared/api-index";
import type { Manifest, RouteEntry, RouteKind } from "../shared/manifest";
import type { RenderedRoute } from "./render/types";

export interface EmitResult {
  manifest: Manifest;
  blob: Uint8Array;
}

export interface EmitOptions {
  /** Configured origin (`https://host`), or null when bodies were rendered with `originToken`. */
  origin: string | null;
  originToken: string;
  extra?: { api?: ApiIndex };
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
const KINDS = new Set<string>(Object.keys(DEFAULT_CACHE));

/** Strong ETag: quoted base64url of the first 16 bytes of SHA-256 over the bytes. */
export function strongEtag(bytes: Uint8Array): string {
  return `"${createHash("sha256").update(bytes).digest().subarray(0, 16).toString("base64url")}"`;
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

/** Appends byte chunks and remembers where each went. */
class BlobWriter {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private readonly encoder = new TextEncoder();

  /** Appends `text` cut at every `token` (when given): flat [offset, length] pairs, one per piece. */
  text(text: string, token: string | null): number[] {
    const pieces = token === null ? [text] : text.split(token);
    const pairs: number[] = [];
    for (const piece of pieces) {
      const bytes = this.encoder.encode(piece);
      pairs.push(this.size, bytes.length);
      this.push(bytes);
    }
    return pairs;
  }

  /** Appends uint32 little-endian values at a 4-byte aligned offset; returns that offset. */
  uint32(values: readonly number[]): number {
    const pad = (4 - (this.size % 4)) % 4;
    if (pad) this.push(new Uint8Array(pad));
    const offset = this.size;
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => {
      view.setUint32(i * 4, v, true);
    });
    this.push(bytes);
    return offset;
  }

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function entryFor(
  route: RenderedRoute,
  writer: BlobWriter,
  token: string | null,
  fallbackStatus: number,
): RouteEntry {
  const what = `route ${route.path}`;
  if (!KINDS.has(route.kind)) throw new Error(`${what}: unknown kind "${route.kind}"`);
  if (!/;\s*charset=utf-8$/i.test(route.type) && route.kind !== "asset") {
    throw new Error(`${what}: Content-Type "${route.type}" must end with "; charset=utf-8"`);
  }
  const cacheControl = route.cacheControl ?? DEFAULT_CACHE[route.kind];
  if (!cacheControl) throw new Error(`${what}: kind "${route.kind}" needs an explicit cacheControl`);
  const entry: RouteEntry = {
    body: writer.text(route.body, token),
    type: route.type,
    etag: strongEtag(new TextEncoder().encode(route.body)),
    lastModified: toImfFixdate(route.lastModified, what),
    cacheControl,
    kind: route.kind,
  };
  if (route.link) entry.link = route.link;
  const status = route.status ?? fallbackStatus;
  if (status !== 200) entry.status = status;
  return entry;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isAscendingPositions(list: readonly number[], count: number): boolean {
  return list.every(
    (v, i) => Number.isInteger(v) && v >= 0 && v < count && (i === 0 || v > (list[i - 1] ?? -1)),
  );
}

function packApi(api: ApiIndex, writer: BlobWriter, token: string | null): ManifestApi {
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
  const postings: number[] = [];
  for (const term of vocabulary) {
    const list = api.terms[term] ?? [];
    if (!isAscendingPositions(list, count)) throw new Error(`api index: term "${term}" has bad postings`);
    postings.push(writer.uint32(list), list.length);
  }
  return {
    count,
    ids: api.ids,
    dates,
    tagSlugs: api.tags.map((t) => t.slug),
    tagPostings: api.tags.map((t) => t.postings),
    vocabulary,
    postings,
    summaries: api.summaries.map((s) => writer.text(s, token)),
    lastModified: toImfFixdate(api.updated, "api index"),
  };
}

/** Pure: rendered routes -> manifest + blob. Same input, same bytes. Throws on a duplicate path. */
export function emit(routes: RenderedRoute[], notFound: RenderedRoute, opts: EmitOptions): EmitResult {
  if (opts.origin === null && !opts.originToken) throw new Error("emit: originToken is empty");
  const token = opts.origin === null ? opts.originToken : null;
  const sorted = [...routes].sort((a, b) => compareCodeUnits(a.path, b.path));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.path === sorted[i - 1]?.path) {
      throw new Error(`duplicate route path "${sorted[i]?.path}": two renderers produced the same URL`);
    }
  }
  const writer = new BlobWriter();
  const entries: Record<string, RouteEntry> = {};
  for (const route of sorted) {
    if (!route.path.startsWith("/")) throw new Error(`route "${route.path}": paths must start with "/"`);
    entries[route.path] = entryFor(route, writer, token, 200);
  }
  const notFoundEntry = entryFor(notFound, writer, token, 404);
  const api = opts.extra?.api ? packApi(opts.extra.api, writer, token) : undefined;
  const blob = writer.finish();

  const withoutId = {
    version: 1 as const,
    origin: opts.origin,
    originToken: opts.originToken,
    routes: entries,
    notFound: notFoundEntry,
    ...(api ? { api } : {}),
  };
  const buildId = createHash("sha256")
    .update(JSON.stringify(withoutId))
    .update(blob)
    .digest()
    .subarray(0, 12)
    .toString("base64url");
  const manifest: Manifest = {
    version: 1,
    buildId,
    origin: withoutId.origin,
    originToken: withoutId.originToken,
    routes: withoutId.routes,
    notFound: withoutId.notFound,
  };
  if (api) manifest.api = api;
  return { manifest, blob };
}

/** Writes manifest.json + bodies.bin; each file is replaced atomically so a watching dev server never
 * sees half a file. */
export function writeGenerated(outDir: string, result: EmitResult): void {
  mkdirSync(outDir, { recursive: true });
  const write = (name: string, data: string | Uint8Array) => {
    const tmp = join(outDir, `.${name}.tmp`);
    writeFileSync(tmp, data);
    renameSync(tmp, join(outDir, name));
  };
  write("bodies.bin", result.blob);
  write("manifest.json", JSON.stringify(result.manifest));
}
