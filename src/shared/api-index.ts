// Data behind the dynamic `/api/articles` query. The build computes it (src/build/render/api.ts), the
// emitter packs it next to the bodies, the Worker answers queries from it without rendering anything.
// Articles are identified by their position in the API order: newest first, then id ascending.

/** What the API renderer hands to the emitter: plain strings, no blob offsets yet. */
export interface ApiIndex {
  /** Article ids in API order (tie-break of the sort key, and half of every cursor). */
  ids: string[];
  /** RFC 3339 `date` of each article, in API order (non-increasing). */
  dates: string[];
  /** Every known tag, in taxonomy order, with the ascending positions of its articles. */
  tags: { slug: string; postings: number[] }[];
  /** Search token -> ascending positions of the articles containing it. */
  terms: Record<string, number[]>;
  /** Prerendered JSON object per article (list form), absolute URLs starting with the render origin. */
  summaries: string[];
  /** RFC 3339 date of the newest content (Last-Modified of every dynamic answer). */
  updated: string;
}

/** The same data as shipped in the manifest: numbers where the Worker compares, blob offsets for bytes. */
export interface ManifestApi {
  count: number;
  ids: string[];
  /** Epoch milliseconds, in API order (non-increasing). */
  dates: number[];
  tagSlugs: string[];
  /** Parallel to `tagSlugs`. */
  tagPostings: number[][];
  /** Every search token, sorted by UTF-16 code units (binary search, prefix ranges). */
  vocabulary: string[];
  /**
   * Parallel to `vocabulary`, flat [byteOffset, count, ...] pairs: the token's ascending positions as
   * little-endian uint32 in the blob (4-byte aligned), so the Worker reads them as Uint32Array views
   * without parsing. Keeps the manifest small at 10,000+ articles.
   */
  postings: number[];
  /** Per article, body segment pairs of its summary JSON (like RouteEntry.body). */
  summaries: number[][];
  /** IMF-fixdate. */
  lastModified: string;
}
