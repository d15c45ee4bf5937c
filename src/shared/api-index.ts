// Data behind the dynamic `/api/articles` query. The build computes it (src/pipeline/render/api.ts), the
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

/** Byte offset in the blob of each vocabulary entry's postings (bundle storage), and the end last. */
export function postingOffsets(api: Pick<ManifestApi, "postingsAt" | "postingCounts">): Float64Array {
  const out = new Float64Array(api.postingCounts.length + 1);
  out[0] = api.postingsAt;
  api.postingCounts.forEach((n, i) => {
    out[i + 1] = (out[i] ?? 0) + 4 * n;
  });
  return out;
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
   * Where the postings start in the blob (4-byte aligned): each vocabulary entry's ascending positions
   * as little-endian uint32, one list after the other in vocabulary order, so the Worker reads them as
   * Uint32Array views without parsing. Only the counts are shipped: offsets are their running sums
   * (postingOffsets), which keeps 2.4 KB of [offset, count] pairs out of the seed Worker.
   */
  postingsAt: number;
  /** Parallel to `vocabulary`: how many positions each entry's list holds. */
  postingCounts: number[];
  /** Per article, body segment pairs of its summary JSON (like RouteEntry.body). */
  summaries: number[][];
  /** IMF-fixdate. */
  lastModified: string;
}

// --- assets storage ---
//
// In assets storage the whole index lives outside the Worker, so its size stays flat as the corpus
// grows. Summaries and word postings are packed into fixed-size asset files (`apiFilePath`), so byte
// `x` of a stream is in file `floor(x / fileSize)` at `x % fileSize` and a locator is just a stream
// offset. The compact index that locates them is two raw-deflated asset files (`apiIndexPath`), read
// on an isolate's first query: `core` (ids, dates, tags, summaries; every query needs it) and `terms`
// (vocabulary, termBytes; only a `q` query needs it, and it is the larger part). Their sections
// (varints are LEB128, unsigned, up to 2^53):
//   ids         UTF-8, "\n"-joined, API order
//   dates       varint zigzag(dates[0]), then varint dates[i-1] - dates[i] (non-increasing)
//   vocabulary  UTF-8, "\n"-joined, sorted by UTF-16 code units
//   termBytes   per vocabulary entry: varint byte length of its postings in the postings stream
//   tags        per tag: varint count, then the positions as deltas (first, then gap - 1)
//   summaries   per article: varint byte length of its summary in the summary stream
// A term's postings in the stream are likewise: varint count, then deltas. Summaries are stored with
// the origin token in place (the build cut nothing out), so the Worker swaps every occurrence.

/** Byte ranges [offset, length] of the sections in their inflated index part (see API_INDEX_PARTS). */
export interface AssetsApiSections {
  ids: [number, number];
  dates: [number, number];
  vocabulary: [number, number];
  termBytes: [number, number];
  tags: [number, number];
  summaries: [number, number];
}

/** Which index part holds each section. */
export const API_INDEX_PARTS = {
  ids: "core",
  dates: "core",
  tags: "core",
  summaries: "core",
  vocabulary: "terms",
  termBytes: "terms",
} as const satisfies Record<keyof AssetsApiSections, string>;

export type ApiIndexPart = (typeof API_INDEX_PARTS)[keyof AssetsApiSections];

/** Asset path of an index part (raw deflate of its sections, in the order of API_INDEX_PARTS). */
export function apiIndexPath(part: ApiIndexPart): string {
  return `/api-index/${part}.bin`;
}

/** `worker.json`'s API descriptor in assets storage (the data itself is in asset files). */
export interface AssetsApi {
  count: number;
  tagSlugs: string[];
  vocabularySize: number;
  /** Bytes per API asset file (the last file of a stream may be shorter). */
  fileSize: number;
  summaryFiles: number;
  postingsFiles: number;
  sections: AssetsApiSections;
  /** Inflated byte length of each index part: a part of any other length is damaged. */
  indexBytes: Record<ApiIndexPart, number>;
  /** IMF-fixdate. */
  lastModified: string;
}

export type ApiStream = "summaries" | "postings";

/** Asset path of file `n` of an API stream (under the `[assets]` directory). */
export function apiFilePath(stream: ApiStream, n: number): string {
  return `/api-${stream}/${n}.bin`;
}

/** Appends `value` (integer, 0 <= value < 2^53) as an unsigned LEB128 varint. */
export function pushVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** Reads varints from `bytes` in order; `pos` is the next byte. Past the end it reads 0s. */
export class VarintReader {
  pos: number;
  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return Math.max(0, this.bytes.length - this.pos);
  }

  next(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.bytes[this.pos++];
      if (b === undefined) return value;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
    }
  }
}

/** Signed -> unsigned (0, -1, 1, -2 ... -> 0, 1, 2, 3 ...), arithmetic so it works past 32 bits. */
export function zigzag(v: number): number {
  return v < 0 ? -2 * v - 1 : 2 * v;
}

export function unzigzag(u: number): number {
  return u % 2 === 1 ? -(u + 1) / 2 : u / 2;
}

/** Ascending positions as varints: count, first, then each gap minus one. */
export function pushPositions(out: number[], list: readonly number[]): void {
  pushVarint(out, list.length);
  let prev = -1;
  for (const p of list) {
    pushVarint(out, p - prev - 1);
    prev = p;
  }
}

/** Inverse of pushPositions, reading at the reader's position. */
export function readPositions(r: VarintReader): Uint32Array {
  const n = r.next();
  // Every position takes at least one byte: a larger count is a corrupt stream, not an allocation.
  if (n > r.remaining) throw new RangeError("api postings: count runs past the data");
  const out = new Uint32Array(n);
  let prev = -1;
  for (let i = 0; i < n; i++) {
    prev += r.next() + 1;
    out[i] = prev;
  }
  return out;
}
