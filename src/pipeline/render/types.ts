import type { RouteKind } from "../../shared/manifest";
import type { Site } from "../../shared/types";

/** One canonical response, rendered once at build time. */
export interface RenderedRoute {
  /** Canonical path, e.g. `/feed.xml`, `/tags/llama/atom.xml`, `/articles/some-slug`. */
  path: string;
  /** The whole body, with every absolute URL starting with `ctx.origin`. */
  body: string;
  /** A binary body (an image), sent as it is: then `body` is "" and holds no origin. */
  bytes?: Uint8Array;
  /** Full Content-Type value, e.g. `application/rss+xml; charset=utf-8`. */
  type: string;
  kind: RouteKind;
  /** RFC 3339 date of the newest content in this response (drives Last-Modified). */
  lastModified: string;
  /** Defaults by kind in the emitter; archive pages that can no longer change set a long one. */
  cacheControl?: string;
  /** `Link` header value (other formats, paging); URLs start with `ctx.origin`. */
  link?: string;
  status?: number;
}

export interface RenderContext {
  site: Site;
  /**
   * Origin every absolute URL starts with (`https://host`, no trailing slash): the configured base URL,
   * or a placeholder the Worker swaps for the request's origin. Never build URLs any other way.
   */
  origin: string;
}
