// The contract between the build (which prepares every canonical response) and the Worker (which only
// looks responses up and answers conditional requests). Bodies live in one binary blob; the manifest
// says where each one is.

import type { ManifestApi } from "./api-index";

export type RouteKind = "feed" | "html" | "json" | "opml" | "text" | "asset";

export interface RouteEntry {
  /**
   * Body segments as flat [offset, length, offset, length, ...] pairs into the blob. When the site has no
   * configured base URL, the request's origin goes between consecutive segments (the build rendered the
   * `originToken` there and cut it out). With a configured base URL there is exactly one segment.
   */
  body: number[];
  /** Full Content-Type value, with `charset=utf-8`. */
  type: string;
  /** Strong ETag (quoted) of the bytes rendered with the configured base URL / the origin token. */
  etag: string;
  /** IMF-fixdate of the newest content in the response (never the build's wall clock). */
  lastModified: string;
  cacheControl: string;
  /** `Link` header value (alternate formats, paging); may contain the origin token. */
  link?: string;
  kind: RouteKind;
  /** HTTP status to answer with (200 unless said otherwise). */
  status?: number;
}

export interface Manifest {
  version: 1;
  /** Hash of every byte the build emitted: same corpus and settings, same id. */
  buildId: string;
  /** Configured origin (`https://host`), or null when the request's origin is used. */
  origin: string | null;
  /** The placeholder origin rendered into bodies when `origin` is null. */
  originToken: string;
  /** Canonical path (no trailing slash except `/`) -> response. */
  routes: Record<string, RouteEntry>;
  /** The helpful 404 page (HTML), served with status 404 for unknown paths. */
  notFound: RouteEntry;
  /** Index behind the dynamic `/api/articles` query (absent: that endpoint answers 404). */
  api?: ManifestApi;
}
