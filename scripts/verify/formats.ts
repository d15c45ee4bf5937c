// The one table of what the site promises per kind of response: exact Content-Type and which headers
// must be present. Checks read it instead of hard-coding strings in several places.

export type FeedFormat = "rss" | "atom" | "json";
export type ResourceKind = FeedFormat | "html" | "opml" | "api";

export const CONTENT_TYPES: Record<ResourceKind, readonly string[]> = {
  rss: ["application/rss+xml; charset=utf-8"],
  atom: ["application/atom+xml; charset=utf-8"],
  json: ["application/feed+json; charset=utf-8"],
  html: ["text/html; charset=utf-8"],
  // OPML has no registered type; both are what readers accept.
  opml: ["text/x-opml; charset=utf-8", "application/xml; charset=utf-8", "text/xml; charset=utf-8"],
  api: ["application/json; charset=utf-8"],
};

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

/** Feed format from a URL path (`.../feed.xml` is RSS, `.../atom.xml` Atom, `.../feed.json` JSON Feed). */
export function formatOfPath(path: string): FeedFormat | null {
  if (path.endsWith("/atom.xml")) return "atom";
  if (path.endsWith(".json")) return "json";
  if (path.endsWith(".xml") && !path.endsWith("/opml.xml")) return "rss";
  return null;
}

/** Feed format from a MIME type as written in OPML `type` or an autodiscovery `<link type>`. */
export function formatOfMime(mime: string | undefined): FeedFormat | null {
  const m = (mime ?? "").toLowerCase().split(";")[0]?.trim();
  if (m === "application/rss+xml" || m === "rss") return "rss";
  if (m === "application/atom+xml" || m === "atom") return "atom";
  if (m === "application/feed+json" || m === "application/json" || m === "json") return "json";
  return null;
}

/** Directory of a feed URL: the three formats of one feed share it (`/`, `/tags/x/`, `/archive/2/`). */
export function feedGroup(url: string): string {
  return url.slice(0, url.lastIndexOf("/") + 1);
}
