// Path -> what to answer. Canonical paths are an O(1) Map lookup (a Map, not the manifest object, so
// paths like `/__proto__` or `/constructor` can never hit inherited properties).
import type { RouteEntry } from "../shared/manifest";

export interface PreparedRoute {
  entry: RouteEntry;
  /** Last-Modified as epoch ms, parsed once at start-up. */
  lastModifiedMs: number;
}

export type Resolution =
  | { type: "route"; route: PreparedRoute }
  | { type: "redirect"; location: string }
  | { type: "api-query" }
  | { type: "api-not-found" }
  | { type: "not-found" };

export const API_QUERY_PATH = "/api/articles";
const MAX_PATH = 2048;

export function prepareRoutes(routes: Record<string, RouteEntry>): Map<string, PreparedRoute> {
  const map = new Map<string, PreparedRoute>();
  for (const [path, entry] of Object.entries(routes)) map.set(path, prepareRoute(entry));
  return map;
}

export function prepareRoute(entry: RouteEntry): PreparedRoute {
  return { entry, lastModifiedMs: Date.parse(entry.lastModified) };
}

/** `pathname` is the URL parser's (percent-encoded, dot segments resolved); `search` is kept on redirects. */
export function resolvePath(
  pathname: string,
  search: string,
  routes: Map<string, PreparedRoute>,
  hasApiQuery: boolean,
): Resolution {
  if (pathname.length > MAX_PATH) return { type: "not-found" };
  const direct = routes.get(pathname);
  if (direct) return { type: "route", route: direct };
  if (hasApiQuery && pathname === API_QUERY_PATH) return { type: "api-query" };

  if (pathname.length > 1 && pathname.endsWith("/")) {
    const canonical = pathname.replace(/\/+$/, "") || "/";
    // Redirect only to paths we serve, so a crafted path can never become an open redirect.
    if (routes.has(canonical) || (hasApiQuery && canonical === API_QUERY_PATH)) {
      return { type: "redirect", location: canonical + search };
    }
  }
  if (pathname === "/api" || pathname.startsWith("/api/")) return { type: "api-not-found" };
  return { type: "not-found" };
}
