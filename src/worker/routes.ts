// Path helpers of the routing layer (app.ts). Canonical paths are a binary search in the route table
// (hashes, not object keys, so paths like `/__proto__` or `/constructor` can never hit inherited
// properties).

/** What the routing layer needs of the route table. */
export interface PathIndex {
  /** Record index of a canonical path, or -1. */
  find(path: string): number;
}

export const API_QUERY_PATH = "/api/articles";
/** Longer paths are never looked up: no route is that long, and a 404 needs no hashing. */
export const MAX_PATH = 2048;

/** The paths the prerendered lookup (app.ts) may look up for `pathname`: their table shards must be at hand. */
export function lookupPaths(pathname: string): string[] {
  if (pathname.length > MAX_PATH) return [];
  if (pathname.length > 1 && pathname.endsWith("/")) return [pathname, pathname.replace(/\/+$/, "") || "/"];
  return [pathname];
}

/**
 * The request's path as the URL parser left it (percent-encoded, dot segments resolved): the route
 * table holds encoded paths, so Hono must not decode it (its default getPath does).
 */
export function encodedPath(request: Request): string {
  const url = request.url;
  const start = url.indexOf("/", url.indexOf(":") + 3);
  if (start < 0) return "/";
  let end = start;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 63 || c === 35) break; // "?" or "#"
    end++;
  }
  return url.slice(start, end);
}

/**
 * Where a path with trailing slashes should go (with `search` kept), or null. Only to paths we serve, and
 * never to `//host` (a protocol-relative URL), so a crafted path can never become an open redirect, even
 * through a hash collision.
 */
export function canonicalRedirect(
  pathname: string,
  search: string,
  served: (path: string) => boolean,
): string | null {
  if (pathname.length <= 1 || !pathname.endsWith("/")) return null;
  const canonical = pathname.replace(/\/+$/, "") || "/";
  if (canonical.startsWith("//") || !served(canonical)) return null;
  return canonical + search;
}
