// The Worker: looks prerendered responses up and answers conditional requests. No rendering happens
// here except joining the request's origin into bodies and the dynamic `/api/articles` query.
import { Hono } from "hono";
import bodies from "../../.generated/bodies.bin";
import manifestJson from "../../.generated/manifest.json";
import type { Manifest } from "../shared/manifest";
import { type ApiError, encodeCursor, parseApiQuery, runApiQuery } from "./api-query";
import { notModified } from "./conditional";
import { shortHash } from "./hash";
import {
  ALLOW,
  commonHeaders,
  preflightHeaders,
  type Representation,
  representationHeaders,
} from "./headers";
import { OriginJoiner } from "./origin";
import { type PreparedRoute, prepareRoute, prepareRoutes, resolvePath } from "./routes";

const manifest = manifestJson as unknown as Manifest;
const blob = new Uint8Array(bodies);
const routes = prepareRoutes(manifest.routes);
const notFound = prepareRoute(manifest.notFound);
const joiner = new OriginJoiner(blob, manifest.origin, manifest.originToken);
const api = manifest.api;
const apiLastModifiedMs = api ? Date.parse(api.lastModified) : Number.NaN;
const encoder = new TextEncoder();

const postingsSource = {
  postings(i: number): ArrayLike<number> {
    const off = api?.postings[i * 2] ?? 0;
    const len = api?.postings[i * 2 + 1] ?? 0;
    // Aligned by the emitter; a view, not a copy.
    return new Uint32Array(bodies, off, len);
  },
};

function jsonError(status: number, error: ApiError): Response {
  const h = commonHeaders("api");
  h.set("Content-Type", "application/json; charset=utf-8");
  h.set("Cache-Control", "no-store");
  return new Response(JSON.stringify({ error }).replace(/</g, "\\u003c"), { status, headers: h });
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  const h = commonHeaders(null);
  h.set("Content-Type", "text/plain; charset=utf-8");
  h.set("Cache-Control", "no-store");
  for (const [k, v] of Object.entries(extra)) h.set(k, v);
  return new Response(text, { status, headers: h });
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
  if (status === 200 && notModified(request.headers, rep.etag, lastModifiedMs, Date.now())) {
    return new Response(null, { status: 304, headers: representationHeaders(rep, false) });
  }
  const headers = representationHeaders(rep, true);
  if (request.method === "HEAD") {
    headers.set("Content-Length", String(length()));
    return new Response(null, { status, headers });
  }
  return new Response(body(), { status, headers });
}

function serveRoute(request: Request, route: PreparedRoute, origin: string): Response {
  const e = route.entry;
  const rep: Representation & { etag: string } = {
    kind: e.kind,
    type: e.type,
    etag: joiner.etag(e.etag, origin),
    lastModified: e.lastModified,
    cacheControl: e.cacheControl,
  };
  if (e.link) rep.link = joiner.text(e.link, origin);
  return answer(
    request,
    rep,
    route.lastModifiedMs,
    e.status ?? 200,
    () => joiner.body(e.body, origin),
    () => joiner.length(e.body, origin),
  );
}

function serveApiQuery(request: Request, url: URL, origin: string): Response {
  if (!api) return jsonError(404, { code: "not_found", message: "This site has no article API." });
  const parsed = parseApiQuery(url.searchParams, api);
  if (!parsed.ok) return jsonError(400, parsed.error);
  const originKey = joiner.dynamic ? origin : "";
  const rep: Representation & { etag: string } = {
    kind: "api",
    type: "application/json; charset=utf-8",
    etag: `"q-${shortHash(`${manifest.buildId}\n${parsed.normalized}\n${originKey}`)}"`,
    lastModified: api.lastModified,
    cacheControl: "public, max-age=300, stale-while-revalidate=86400",
  };
  // The query runs only past the conditional check, inside body()/length().
  let bytes: Uint8Array | null = null;
  const render = (): Uint8Array => {
    if (bytes) return bytes;
    const result = runApiQuery(parsed.query, api, postingsSource);
    const parts = result.positions.map((p) => joiner.body(api.summaries[p] ?? [], origin));
    const head = encoder.encode('{"items":[');
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
    bytes = out;
    return out;
  };
  return answer(request, rep, apiLastModifiedMs, 200, render, () => render().length);
}

export function handle(request: Request): Response {
  const method = request.method;
  if (method === "OPTIONS") return new Response(null, { status: 204, headers: preflightHeaders() });
  if (method !== "GET" && method !== "HEAD") {
    return plain(405, "Method not allowed: use GET, HEAD or OPTIONS.\n", { Allow: ALLOW });
  }
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, "Bad request URL.\n");
  }
  const origin = url.origin;
  const r = resolvePath(url.pathname, url.search, routes, api !== undefined);
  switch (r.type) {
    case "route":
      return serveRoute(request, r.route, origin);
    case "redirect": {
      const h = commonHeaders(null);
      h.set("Location", r.location);
      h.set("Cache-Control", "public, max-age=86400");
      return new Response(null, { status: 308, headers: h });
    }
    case "api-query":
      return serveApiQuery(request, url, origin);
    case "api-not-found":
      return jsonError(404, {
        code: "not_found",
        message: "No such API resource. Endpoints: /api/articles, /api/articles/<slug>, /api/tags.",
      });
    case "not-found":
      return serveRoute(request, notFound, origin);
  }
}

const app = new Hono();
app.all("*", (c) => handle(c.req.raw));
// Last resort only: every path above is written not to throw. Never a 5xx, never the error text.
app.onError(() => plain(400, "Bad request.\n"));

export default {
  fetch(request: Request): Response | Promise<Response> {
    try {
      return app.fetch(request);
    } catch {
      return plain(400, "Bad request.\n");
    }
  },
} satisfies ExportedHandler;
