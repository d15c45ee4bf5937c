// Response headers by route kind. A 304 carries the same validators and cache/CORS/Link headers as the
// 200 it stands for (RFC 9110 §15.4.5), so both are built here from the same inputs.
import type { RouteKind } from "../shared/manifest";

export const ALLOW = "GET, HEAD, OPTIONS";

const HTML_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Kinds other sites' scripts may read (feeds, OPML, JSON API). */
function corsKind(kind: RouteKind | "api"): boolean {
  return kind === "feed" || kind === "opml" || kind === "json" || kind === "api";
}

export interface Representation {
  kind: RouteKind | "api";
  type: string;
  etag?: string;
  lastModified?: string;
  cacheControl: string;
  link?: string;
}

/** Headers every response gets, whatever the status. */
export function commonHeaders(kind: RouteKind | "api" | null): Headers {
  const h = new Headers({ "X-Content-Type-Options": "nosniff" });
  if (kind === null || corsKind(kind)) {
    h.set("Access-Control-Allow-Origin", "*");
    h.set("Access-Control-Expose-Headers", "ETag, Last-Modified, Link");
  }
  if (kind === "html") {
    h.set("Content-Security-Policy", HTML_CSP);
    h.set("Referrer-Policy", "strict-origin-when-cross-origin");
  }
  return h;
}

/** Headers of a 200 (withType) or of the matching 304 (without Content-Type). */
export function representationHeaders(r: Representation, withType: boolean): Headers {
  const h = commonHeaders(r.kind);
  if (withType) h.set("Content-Type", r.type);
  if (r.etag) h.set("ETag", r.etag);
  if (r.lastModified) h.set("Last-Modified", r.lastModified);
  h.set("Cache-Control", r.cacheControl);
  if (r.link) h.set("Link", r.link);
  return h;
}

export function preflightHeaders(): Headers {
  const h = commonHeaders(null);
  h.set("Allow", ALLOW);
  h.set("Access-Control-Allow-Methods", ALLOW);
  h.set("Access-Control-Allow-Headers", "If-None-Match, If-Modified-Since, Cache-Control");
  h.set("Access-Control-Max-Age", "86400");
  h.set("Cache-Control", "public, max-age=86400");
  return h;
}
