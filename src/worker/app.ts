// The Worker's routing, as Hono middleware and routes. Every request passes three middleware (methods,
// the request URL, the build's prerendered routes); only paths the build did not prerender reach the
// routes below them. To add a dynamic route, register it next to `/api/articles` in createApp: it runs
// after the prerendered lookup, so a prerendered path always wins, and it gets the parsed URL and the
// checked origin from the context (`c.var.url`, `c.var.origin`).
import { Hono, type MiddlewareHandler } from "hono";
import { ALLOW, commonHeaders, preflightHeaders } from "./headers";
import { isSafeOrigin } from "./origin";
import { internalError, jsonError, plain } from "./responses";
import { API_QUERY_PATH, canonicalRedirect, encodedPath, MAX_PATH, type PathIndex } from "./routes";

export interface Env {
  /** Static Assets binding (wrangler.toml [assets]); needed in assets storage only. */
  ASSETS?: Fetcher;
}

/** What a handler receives: the request, its parsed URL, the checked origin and the bindings. */
export interface Served {
  request: Request;
  url: URL;
  origin: string;
  env: Env | undefined;
}

type Answer = Response | Promise<Response>;

/** The serving functions the routes call (index.ts binds them to the build's data). */
export interface Site {
  table: PathIndex;
  /** Record index of the prerendered 404 page. */
  notFound: number;
  /** The origin is spliced into bodies and headers: only then must it be checked. */
  dynamicOrigin: boolean;
  /** A prerendered route by record index; `path` expands the route's Link template (404: ""). */
  route(s: Served, index: number, path: string): Answer;
  /** `/api/articles`, or null when the site has no article API. */
  apiQuery: ((s: Served) => Answer) | null;
}

export type AppEnv = { Bindings: Env; Variables: { url: URL; origin: string } };

const API_NOT_FOUND = {
  code: "not_found",
  message: "No such API resource. Endpoints: /api/articles, /api/articles/<slug>, /api/tags.",
};

/** OPTIONS is a preflight, anything but GET and HEAD a 405; Hono itself answers HEAD through GET. */
const methods: MiddlewareHandler<AppEnv> = (c, next) => {
  const method = c.req.method;
  if (method === "GET" || method === "HEAD") return next();
  if (method === "OPTIONS")
    return Promise.resolve(new Response(null, { status: 204, headers: preflightHeaders() }));
  return Promise.resolve(plain(405, "Method not allowed: use GET, HEAD or OPTIONS.\n", { Allow: ALLOW }));
};

/** Parses the URL once for every later layer, and refuses a Host that would need escaping in bodies. */
function requestUrl(dynamicOrigin: boolean): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    let url: URL;
    try {
      url = new URL(c.req.url);
    } catch {
      return Promise.resolve(plain(400, "Bad request URL.\n"));
    }
    const origin = url.origin;
    if (dynamicOrigin && !isSafeOrigin(origin)) {
      return Promise.resolve(
        plain(400, "Bad Host: expected a host name, IPv4 or [IPv6] address, and an optional port.\n"),
      );
    }
    c.set("url", url);
    c.set("origin", origin);
    return next();
  };
}

function served(c: { req: { raw: Request }; env: Env | undefined; var: AppEnv["Variables"] }): Served {
  return { request: c.req.raw, url: c.var.url, origin: c.var.origin, env: c.env };
}

/** The build's routes: a path it prerendered is answered here; its trailing-slash forms redirect to it. */
function prerendered(site: Site): MiddlewareHandler<AppEnv> {
  const isServed = (p: string): boolean =>
    site.table.find(p) >= 0 || (site.apiQuery !== null && p === API_QUERY_PATH);
  return (c, next) => {
    const path = c.var.url.pathname;
    if (path.length > MAX_PATH) return Promise.resolve(site.route(served(c), site.notFound, ""));
    const index = site.table.find(path);
    if (index >= 0) return Promise.resolve(site.route(served(c), index, path));
    const location = canonicalRedirect(path, c.var.url.search, isServed);
    if (location === null) return next();
    const h = commonHeaders(null);
    h.set("Location", location);
    h.set("Cache-Control", "public, max-age=86400");
    return Promise.resolve(new Response(null, { status: 308, headers: h }));
  };
}

export function createApp(site: Site): Hono<AppEnv> {
  const app = new Hono<AppEnv>({ getPath: encodedPath });
  app.use(methods, requestUrl(site.dynamicOrigin), prerendered(site));
  // Dynamic routes: only paths the build did not prerender get here.
  const apiQuery = site.apiQuery;
  if (apiQuery) app.get(API_QUERY_PATH, (c) => apiQuery(served(c)));
  app.get("/api/*", () => jsonError(404, API_NOT_FOUND)); // Hono's `/api/*` also matches `/api`
  // Everything else: the prerendered 404 page.
  app.notFound((c) => site.route(served(c), site.notFound, ""));
  app.onError((error) => internalError(error));
  return app;
}
