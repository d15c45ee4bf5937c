// Path -> what to answer. Canonical paths are a binary search in the route table (hashes, not object
// keys, so paths like `/__proto__` or `/constructor` can never hit inherited properties).

/** What resolvePath needs of the route table. */
export interface PathIndex {
  /** Record index of a canonical path, or -1. */
  find(path: string): number;
}

export type Resolution =
  | { type: "route"; index: number }
  | { type: "redirect"; location: string }
  | { type: "api-query" }
  | { type: "api-not-found" }
  | { type: "not-found" };

export const API_QUERY_PATH = "/api/articles";
const MAX_PATH = 2048;

/** The canonical paths resolvePath may look up for `pathname` (their table shards must be at hand). */
export function lookupPaths(pathname: string): string[] {
  if (pathname.length > MAX_PATH) return [];
  if (pathname.length > 1 && pathname.endsWith("/")) return [pathname, pathname.replace(/\/+$/, "") || "/"];
  return [pathname];
}

/** `pathname` is the URL parser's (percent-encoded, dot segments resolved); `search` is kept on redirects. */
export function resolvePath(
  pathname: string,
  search: string,
  routes: PathIndex,
  hasApiQuery: boolean,
): Resolution {
  if (pathname.length > MAX_PATH) return { type: "not-found" };
  const direct = routes.find(pathname);
  if (direct >= 0) return { type: "route", index: direct };
  if (hasApiQuery && pathname === API_QUERY_PATH) return { type: "api-query" };

  if (pathname.length > 1 && pathname.endsWith("/")) {
    const canonical = pathname.replace(/\/+$/, "") || "/";
    // Redirect only to paths we serve, and never to `//host` (a protocol-relative URL), so a crafted
    // path can never become an open redirect, even through a hash collision.
    const served = routes.find(canonical) >= 0 || (hasApiQuery && canonical === API_QUERY_PATH);
    if (served && !canonical.startsWith("//")) {
      return { type: "redirect", location: canonical + search };
    }
  }
  if (pathname === "/api" || pathname.startsWith("/api/")) return { type: "api-not-found" };
  return { type: "not-found" };
}
