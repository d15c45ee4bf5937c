// The Worker: looks prerendered responses up and answers conditional requests. No rendering happens
// here except joining the request's origin into bodies and the dynamic `/api/articles` query. Routing
// and middleware are in app.ts; this module binds them to the build's data.
// Conditionals, HEAD and every header come from the route table; a body is assembled (bundle storage)
// or fetched through the ASSETS binding (assets storage) only when a 200 with a body is sent.
import bodies from "../../.generated/bodies.bin";
import routesBin from "../../.generated/routes.bin";
import workerJson from "../../.generated/worker.json";
import { postingOffsets } from "../shared/api-index";
import { expandLink, type WorkerManifest } from "../shared/manifest";
import { PreparedAnswers, prepared, send } from "./answers";
import { ApiAssetsReader, type AssetsApiIndex } from "./api-assets";
import {
  type ApiResult,
  BAD_CURSOR,
  cursorFound,
  encodeCursor,
  parseApiQuery,
  postingsNeeded,
  runApiQuery,
} from "./api-query";
import { createApp, type Env, fetchHandler, type Served } from "./app";
import { assetReader } from "./assets-read";
import { notModified } from "./conditional";
import { type Coding, codedEtag, negotiate } from "./encoding";
import { EncodedBodies } from "./fragments";
import { shortHash } from "./hash";
import { type Representation, representationHeaders } from "./headers";
import { httpDate } from "./http-date";
import { OriginJoiner } from "./origin";
import { internalError, jsonError, plain } from "./responses";
import { openRoutes } from "./shards";
import { BodyUnavailable, FileCache } from "./store";
import type { RouteView } from "./table";

export type { Env } from "./app";

const manifest = workerJson as unknown as WorkerManifest;
const blob = new Uint8Array(bodies);
/** Every asset read (route bodies, table shards, API files) goes through here; API files are kept. */
const files = new FileCache(16 * 1024 * 1024);
/** The whole table (bundle storage), or its directory and shards read on demand (assets storage). */
const routes = openRoutes(routesBin, files);
const routeBodies = new EncodedBodies(blob, manifest.bases, manifest.files, files);
const joiner = new OriginJoiner(blob, manifest.origin, manifest.originToken);
const answers = new PreparedAnswers(joiner.dynamic);
const api = manifest.api;
const apiAssets = manifest.apiAssets;
const apiInfo = api ?? apiAssets;
const apiLastModifiedMs = apiInfo ? Date.parse(apiInfo.lastModified) : Number.NaN;
/** Assets storage: the index is read from asset files on the first API query (see api-assets.ts). */
const apiReader = apiAssets
  ? new ApiAssetsReader(apiAssets, files, manifest.origin === null ? manifest.originToken : null)
  : null;
const encoder = new TextEncoder();
const ITEMS_OPEN = encoder.encode('{"items":[');
/** Bundle storage: where each term's postings are in bodies.bin, summed up on the first query. */
let postingStarts: Float64Array | null = null;
const postingsSource = {
  postings(i: number): ArrayLike<number> {
    postingStarts ??= api ? postingOffsets(api) : new Float64Array(1);
    const off = postingStarts[i] ?? 0;
    // Aligned by the emitter; a view, not a copy.
    return new Uint32Array(bodies, off, ((postingStarts[i + 1] ?? off) - off) / 4);
  },
};

/** 304 when the request's validators match, else null (RFC 9110 §13.2.2), before any body work. */
function conditional(request: Request, rep: Representation & { etag: string }, lastModifiedMs: number) {
  if (notModified(request.headers, rep.etag, lastModifiedMs)) {
    return new Response(null, { status: 304, headers: representationHeaders(rep, false) });
  }
  return null;
}

/** 200 / 304 / HEAD for a representation whose bytes are produced only when actually needed. */
function answer(
  request: Request,
  rep: Representation & { etag: string },
  lastModifiedMs: number,
  status: number,
  body: () => Uint8Array,
  length: () => number,
): Response {
  if (status === 200) {
    const not = conditional(request, rep, lastModifiedMs);
    if (not) return not;
  }
  const headers = representationHeaders(rep, true);
  if (request.method === "HEAD") {
    headers.set("Content-Length", String(length()));
    return new Response(null, { status, headers });
  }
  return new Response(body(), { status, headers });
}

/** A GET of route `index` whose answer is prepared: no record, no headers to build. */
function readyAnswer(request: Request, index: number, origin: string): Response | null {
  const hasBr = answers.hasBr(index);
  if (hasBr === null) return null;
  const headers = request.headers;
  const p = answers.get(index, negotiate(clientAcceptEncoding(request, headers), hasBr), origin);
  return p ? send(headers, p) : null;
}

function serveRoute(
  request: Request,
  table: RouteView,
  index: number,
  path: string,
  origin: string,
  env: Env | undefined,
): Response | Promise<Response> {
  const isHead = request.method === "HEAD";
  if (!isHead) {
    const now = readyAnswer(request, index, origin);
    if (now) return now;
  }
  const rec = table.record(index);
  const coding = negotiate(clientAcceptEncoding(request, request.headers), rec.brLength > 0);
  const rep: Representation & { etag: string } = {
    kind: rec.kind,
    type: manifest.types[rec.typeIndex] ?? "application/octet-stream",
    etag: codedEtag(joiner.etag(rec.etag, origin), coding),
    lastModified: httpDate(rec.lastModifiedMs),
    cacheControl: manifest.cacheControls[rec.cacheIndex] ?? "no-store",
  };
  // Expand the path template first: the origin token may only be whole again after that.
  if (rec.link) rep.link = joiner.text(expandLink(rec.link, path), origin);
  const status = rec.status;
  // 304 before any body work (assets storage: no body file is read for it).
  if (status === 200 && notModified(request.headers, rep.etag, rec.lastModifiedMs)) {
    return new Response(null, {
      status: 304,
      headers: codingHeaders(representationHeaders(rep, false), coding),
    });
  }
  const headers = codingHeaders(representationHeaders(rep, true), coding);
  if (isHead) {
    headers.set("Content-Length", String(routeBodies.length(rec, coding, origin)));
    return new Response(null, { status, headers });
  }
  // Past here the headers are shared by every later answer of this route: never changed again.
  const ready = (bytes: Uint8Array): Response => {
    const notModifiedHeaders = codingHeaders(representationHeaders(rep, false), coding);
    const p = prepared(status, rep.etag, rec.lastModifiedMs, headers, notModifiedHeaders, coding, bytes);
    answers.set(index, table.count, rec.brLength > 0, coding, origin, p);
    return new Response(p.body, p.init);
  };
  const now = routeBodies.ready(rec, coding, origin);
  if (now) return ready(now);
  // A reader of this request's own: requests never await each other's reads (see store.ts).
  return routeBodies.load(rec, coding, origin, assetReader(env?.ASSETS)).then(ready, (e: unknown) => {
    // A deployment whose body files are missing: say so plainly, let caches retry soon.
    const detail = e instanceof BodyUnavailable ? "Body storage is unavailable" : "Body storage failed";
    return plain(503, `${detail}; try again shortly.\n`, { "Retry-After": "30" });
  });
}

/**
 * The client's own Accept-Encoding. Cloudflare hands Workers `Accept-Encoding: br, gzip` whatever the
 * client sent and keeps the original in `cf.clientAcceptEncoding` (Miniflare does the same); it does not
 * decode feed types for a client that cannot, so the choice must follow the client's header.
 */
function clientAcceptEncoding(request: Request, headers: Headers): string | null {
  const original = (request.cf as { clientAcceptEncoding?: unknown } | undefined)?.clientAcceptEncoding;
  return typeof original === "string" ? original : headers.get("accept-encoding");
}

/** Every route has a gzip body, so every route's answer (200, HEAD or 304) varies by Accept-Encoding. */
function codingHeaders(headers: Headers, coding: Coding): Headers {
  headers.set("Vary", "Accept-Encoding");
  if (coding !== "identity") headers.set("Content-Encoding", coding);
  return headers;
}

/** The JSON answer: summaries joined into `items`, then the cursor and total. */
function apiBody(result: ApiResult, parts: readonly Uint8Array[]): Uint8Array {
  const head = ITEMS_OPEN;
  const next = result.next ? JSON.stringify(encodeCursor(result.next)) : "null";
  const tail = encoder.encode(`],"next_cursor":${next},"total":${result.total}}`);
  let size = head.length + tail.length + Math.max(0, parts.length - 1);
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  out.set(head, 0);
  let at = head.length;
  parts.forEach((p, i) => {
    if (i > 0) out[at++] = 0x2c; // ","
    out.set(p, at);
    at += p.length;
  });
  out.set(tail, at);
  return out;
}

function serveApiQuery(request: Request, url: URL, origin: string, env: Env | undefined) {
  if (!apiInfo) return jsonError(404, { code: "not_found", message: "This site has no article API." });
  const parsed = parseApiQuery(url.searchParams, apiInfo);
  if (!parsed.ok) return jsonError(400, parsed.error);
  const cursor = parsed.query.cursor;
  if (api && cursor && !cursorFound(cursor, api)) return jsonError(400, BAD_CURSOR);
  const originKey = joiner.dynamic ? origin : "";
  const rep: Representation & { etag: string } = {
    kind: "api",
    type: "application/json; charset=utf-8",
    etag: `"q-${shortHash(`${manifest.buildId}\n${parsed.normalized}\n${originKey}`)}"`,
    lastModified: apiInfo.lastModified,
    cacheControl: "public, max-age=300, stale-while-revalidate=86400",
  };
  if (api) {
    // The query runs only past the conditional check, inside body()/length().
    let bytes: Uint8Array | null = null;
    const render = (): Uint8Array => {
      if (bytes) return bytes;
      const result = runApiQuery(parsed.query, api, postingsSource);
      bytes = apiBody(
        result,
        result.positions.map((p) => joiner.body(p, api.summaries[p] ?? [], origin)),
      );
      return bytes;
    };
    return answer(request, rep, apiLastModifiedMs, 200, render, () => render().length);
  }
  // Assets storage: the same answers in the same order. Without a cursor a 304 needs no I/O; a cursor is
  // checked against the index's ids (read on first use), before any conditional, like bundle storage.
  const reader = apiReader;
  if (!reader) throw new Error("no API index");
  if (!cursor) {
    const not = conditional(request, rep, apiLastModifiedMs);
    if (not) return not;
  }
  const fetchFile = assetReader(env?.ASSETS);
  const hasTerms = parsed.query.terms.length > 0 || parsed.query.prefix !== null;
  return reader
    .index(hasTerms, fetchFile)
    .then(async (index) => {
      if (cursor) {
        if (!cursorFound(cursor, index)) return jsonError(400, BAD_CURSOR);
        const not = conditional(request, rep, apiLastModifiedMs);
        if (not) return not;
      }
      const bytes = await renderFromAssets(parsed.query, reader, index, origin, fetchFile);
      return answer(
        request,
        rep,
        apiLastModifiedMs,
        200,
        () => bytes,
        () => bytes.length,
      );
    })
    .catch((e: unknown) => {
      if (!(e instanceof BodyUnavailable)) console.error("feed-aggregator: API index failed", e);
      return plain(503, "Article index storage is unavailable; try again shortly.\n", {
        "Retry-After": "30",
      });
    });
}

async function renderFromAssets(
  query: Parameters<typeof runApiQuery>[0],
  reader: ApiAssetsReader,
  index: AssetsApiIndex,
  origin: string,
  fetchFile: ReturnType<typeof assetReader>,
): Promise<Uint8Array> {
  const lists = await reader.postings(index, postingsNeeded(query, index), fetchFile);
  const result = runApiQuery(query, index, {
    postings: (i) => lists.get(i) ?? [],
  });
  return apiBody(result, await reader.summaries(index, result.positions, origin, fetchFile));
}

const site = {
  view: (paths: readonly string[], env: Env | undefined) => routes.view(paths, assetReader(env?.ASSETS)),
  ready: readyAnswer,
  dynamicOrigin: joiner.dynamic,
  route: (s: Served, index: number, path: string) =>
    serveRoute(s.request, s.table, index, path, s.origin, s.env),
  apiQuery: apiInfo ? (s: Served) => serveApiQuery(s.request, s.url, s.origin, s.env) : null,
};
const serve = fetchHandler(site, createApp(site));

/**
 * The whole Worker on one request (tests call it without bindings). Hono's onError answers whatever its
 * handlers throw as an Error; this catches the rest (a fault on the prerendered path, a non-Error thrown,
 * or a fault in Hono itself) with the same logged 500.
 */
export function handle(request: Request, env?: Env, ctx?: ExecutionContext): Response | Promise<Response> {
  try {
    const res = serve(request, env, ctx);
    return res instanceof Promise ? res.catch(internalError) : res;
  } catch (error) {
    return internalError(error);
  }
}

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => handle(request, env, ctx),
} satisfies ExportedHandler<Env>;
