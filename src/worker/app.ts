// The Worker's routing, as Hono middleware and routes. Every request passes one middleware (methods,
// the request URL and its origin, the build's prerendered routes); only paths the build did not
// prerender reach the routes below it. The fetch handler (fetchHandler) answers a GET of a prerendered
// path itself, by the same steps, before Hono's dispatch. To add a dynamic route, register it next to `/api/articles` in
// createApp: it runs after the prerendered lookup, so a prerendered path always wins, and it gets the
// parsed URL and the checked origin from the context (`c.get("served")`).
import { type Context, Hono, type MiddlewareHandler, type Next } from "hono";
import { ALLOW, commonHeaders, preflightHeaders } from "./headers";
import { isSafeOrigin } from "./origin";
import { internalError, jsonError, plain } from "./responses";
import { API_QUERY_PATH, canonicalRedirect, encodedPath, lookupPaths, MAX_PATH } from "./routes";
import { BodyUnavailable } from "./store";
import type { RouteView } from "./table";

export interface Env {
  /** Static Assets binding (wrangler.toml [assets]); needed in assets storage only. */
  ASSETS?: Fetcher;
}

/** What a handler receives: the request, its parsed URL, the checked origin, the bindings and the routes. */
export interface Served {
  request: Request;
  /** The URL as `new URL(request.url)` parses it; made on first use (prerendered routes never need it). */
  readonly url: URL;
  origin: string;
  /** `url.pathname` and `url.search`, without parsing the URL again. */
  path: string;
  search: string;
  env: Env | undefined;
  /** The route table as far as this request needs it (in assets storage, its shards). */
  table: RouteView;
}

type Answer = Response | Promise<Response>;

/** The serving functions the routes call (index.ts binds them to the build's data). */
export interface Site {
  /**
   * The routes these paths need: at once, or (assets storage, a cold shard) after a read, which may fail
   * with BodyUnavailable.
   */
  view(paths: readonly string[], env: Env | undefined): RouteView | Promise<RouteView>;
  /** Route `index`'s answer when it is prepared for this request (no table needed), else null. */
  ready(request: Request, index: number, origin: string): Response | null;
  /** The origin is spliced into bodies and headers: only then must it be checked. */
  dynamicOrigin: boolean;
  /** A prerendered route by record index; `path` expands the route's Link template (404: ""). */
  route(s: Served, index: number, path: string): Answer;
  /** `/api/articles`, or null when the site has no article API. */
  apiQuery: ((s: Served) => Answer) | null;
}

export type AppEnv = { Bindings: Env; Variables: { served: Served } };

const API_NOT_FOUND = {
  code: "not_found",
  message: "No such API resource. Endpoints: /api/articles, /api/articles/<slug>, /api/tags.",
};

/** A step of the first middleware: an answer, or null to pass the request on. */
type Step<T> = (input: T) => Answer | null;

/** OPTIONS is a preflight, anything but GET and HEAD a 405; Hono itself answers HEAD through GET. */
const methods: Step<string> = (method) => {
  if (method === "GET" || method === "HEAD") return null;
  if (method === "OPTIONS") return new Response(null, { status: 204, headers: preflightHeaders() });
  return plain(405, "Method not allowed: use GET, HEAD or OPTIONS.\n", { Allow: ALLOW });
};

/** What a request URL parses to: its origin, path and query, or the 400 it gets. */
interface ParsedUrl {
  origin: string;
  path: string;
  search: string;
  bad: string | null;
  /** The route of `path` once looked up (the table never changes): its index, -1 for none, or null. */
  index: number | null;
}

/**
 * Parsed request URLs by `request.url`: clients ask for a few URLs again and again, and parsing one is a
 * large part of a request's CPU. Cleared when full, so a stream of distinct URLs costs parsing, never
 * memory. The entries are strings only: the URL object a handler gets is its own.
 */
const parsedUrls = new Map<string, ParsedUrl>();
const PARSED_KEPT = 1024;

function parseUrl(raw: string, dynamicOrigin: boolean): ParsedUrl {
  let p = parsedUrls.get(raw);
  if (p !== undefined) return p;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    p = { origin: "", path: "", search: "", bad: "Bad request URL.\n", index: null };
  }
  if (url) {
    const origin = url.origin;
    const bad =
      dynamicOrigin && !isSafeOrigin(origin)
        ? "Bad Host: expected a host name, IPv4 or [IPv6] address, and an optional port.\n"
        : null;
    p = { origin, path: url.pathname, search: url.search, bad, index: null };
  }
  const parsed = p as ParsedUrl;
  if (raw.length <= MAX_PATH) {
    if (parsedUrls.size >= PARSED_KEPT) parsedUrls.clear();
    parsedUrls.set(raw, parsed);
  }
  return parsed;
}

/** A request being served; `url` is parsed again only when a handler asks for it. */
class ServedRequest implements Served {
  private parsed: URL | null = null;

  constructor(
    readonly request: Request,
    readonly origin: string,
    readonly path: string,
    readonly search: string,
    readonly env: Env | undefined,
    readonly table: RouteView,
  ) {}

  get url(): URL {
    this.parsed ??= new URL(this.request.url);
    return this.parsed;
  }
}

/** The build's routes: a path it prerendered is answered here; its trailing-slash forms redirect to it. */
function prerendered(site: Site): Step<Served> {
  const hasApiQuery = site.apiQuery !== null;
  return (s) => {
    const path = s.path;
    if (path.length > MAX_PATH) return site.route(s, s.table.notFound, "");
    const index = s.table.find(path);
    if (index >= 0) return site.route(s, index, path);
    const isServed = (p: string): boolean => s.table.find(p) >= 0 || (hasApiQuery && p === API_QUERY_PATH);
    const location = canonicalRedirect(path, s.search, isServed);
    if (location === null) return null;
    const h = commonHeaders(null);
    h.set("Location", location);
    h.set("Cache-Control", "public, max-age=86400");
    return new Response(null, { status: 308, headers: h });
  };
}

/**
 * The steps every request passes, as one middleware: a prerendered route is then the only handler
 * Hono matches, which Hono runs without composing and answers synchronously when the handler does
 * (hono-base.ts #dispatch) — one promise less per request than a chain of three middleware. Requests
 * the steps pass on reach the routes with `c.get("served")` set.
 */
function entry(site: Site): MiddlewareHandler<AppEnv> {
  const lookup = prerendered(site);
  const handler = (c: Context<AppEnv>, next: Next): Answer | Promise<unknown> => {
    const early = methods(c.req.method);
    if (early) return early;
    const request = c.req.raw;
    const u = parseUrl(request.url, site.dynamicOrigin);
    if (u.bad !== null) return plain(400, u.bad);
    const env = c.env;
    const go = (table: RouteView): Answer | Promise<unknown> => {
      const s = new ServedRequest(request, u.origin, u.path, u.search, env, table);
      const answer = lookup(s);
      if (answer) return answer;
      c.set("served", s);
      return next();
    };
    // In assets storage a cold shard is read first (one read per shard, shared within the request).
    const view = site.view(lookupPaths(u.path), env);
    return view instanceof Promise ? view.then(go, tableUnavailable) : go(view);
  };
  // Hono types middleware as async; a synchronous Response is what its single-handler path expects.
  return handler as unknown as MiddlewareHandler<AppEnv>;
}

/**
 * The Worker's fetch handler: a GET of a path the build prerendered is answered without Hono's dispatch
 * (its path, router match and Context cost about a tenth of such an answer's CPU: bench/dev/cpu.ts), by
 * the same steps as the entry middleware; everything else (HEAD, OPTIONS, redirects, 404s, dynamic
 * routes, bad URLs) goes through the Hono app, which runs those steps itself.
 */
export function fetchHandler(
  site: Site,
  app: Hono<AppEnv>,
): (request: Request, env: Env | undefined, ctx?: ExecutionContext) => Answer {
  return (request, env, ctx) => {
    const u = request.method === "GET" ? parseUrl(request.url, site.dynamicOrigin) : null;
    // Only a canonical path may be a prerendered route (trailing slashes redirect).
    if (
      !u ||
      u.bad !== null ||
      u.index === -1 ||
      u.path.length > MAX_PATH ||
      (u.path.length > 1 && u.path.endsWith("/"))
    ) {
      return app.fetch(request, env, ctx);
    }
    if (u.index !== null) {
      const answer = site.ready(request, u.index, u.origin);
      if (answer) return answer;
    }
    const go = (table: RouteView): Answer => {
      const index = table.find(u.path);
      u.index = index;
      if (index < 0) return app.fetch(request, env, ctx);
      return site.route(new ServedRequest(request, u.origin, u.path, u.search, env, table), index, u.path);
    };
    const view = site.view([u.path], env);
    return view instanceof Promise ? view.then(go, tableUnavailable) : go(view);
  };
}

/** A shard that cannot be read is the storage's fault, not the client's: 503, try again. */
function tableUnavailable(error: unknown): Response {
  if (!(error instanceof BodyUnavailable)) console.error("feed-aggregator: route table failed", error);
  return plain(503, "Route table storage is unavailable; try again shortly.\n", { "Retry-After": "30" });
}

export function createApp(site: Site): Hono<AppEnv> {
  const app = new Hono<AppEnv>({ getPath: encodedPath });
  app.use(entry(site));
  // Dynamic routes: only paths the build did not prerender get here. A new one: `app.get(path, (c) =>
  // answer(c.get("served")))`, before the `/api/*` catch-all if it is under /api.
  const apiQuery = site.apiQuery;
  if (apiQuery) app.get(API_QUERY_PATH, (c) => apiQuery(c.get("served")));
  app.get("/api/*", () => jsonError(404, API_NOT_FOUND)); // Hono's `/api/*` also matches `/api`
  // Everything else: the prerendered 404 page.
  app.notFound((c) => {
    const s = c.get("served");
    return site.route(s, s.table.notFound, "");
  });
  app.onError((error) => internalError(error));
  return app;
}
