// The `/api/articles` index in assets storage (layout in src/shared/api-index.ts): the compact part
// from bodies.bin, decoded once on first use, and the summaries and word postings read from asset
// files on demand through the shared FileCache. Pure apart from the fetcher it is handed.
import {
  type ApiStream,
  type AssetsApi,
  apiFilePath,
  readPositions,
  unzigzag,
  VarintReader,
} from "../shared/api-index";
import type { QueryIndex } from "./api-query";
import { BodyUnavailable, ByteMemo, type FileCache, type FileFetcher, indexOfBytes } from "./store";

/** Decoded term lists kept across requests (common terms come back all the time). */
const POSTINGS_BUDGET = 8 * 1024 * 1024;

/** Running sums of varint lengths: entry i spans [starts[i], starts[i + 1]) of its stream. */
function starts(bytes: Uint8Array, n: number): Float64Array {
  const r = new VarintReader(bytes);
  const out = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) out[i + 1] = (out[i] ?? 0) + r.next();
  return out;
}

function lines(bytes: Uint8Array, n: number): string[] {
  if (n === 0) return [];
  const out = new TextDecoder().decode(bytes).split("\n");
  if (out.length !== n) throw new Error(`api index: expected ${n} lines, found ${out.length} (rebuild)`);
  return out;
}

/** The in-Worker part of the index, decoded from bodies.bin. */
export class AssetsApiIndex implements QueryIndex {
  readonly count: number;
  readonly tagSlugs: readonly string[];
  readonly ids: string[];
  readonly dates: Float64Array;
  readonly vocabulary: string[];
  readonly tagPostings: Uint32Array[];
  /** Byte ranges in the postings stream, per vocabulary entry. */
  readonly termStarts: Float64Array;
  /** Byte ranges in the summaries stream, per article. */
  readonly summaryStarts: Float64Array;

  constructor(
    readonly desc: AssetsApi,
    blob: Uint8Array,
  ) {
    const section = (name: keyof AssetsApi["sections"]) => {
      const [off, len] = desc.sections[name];
      if (off + len > blob.length) throw new Error(`api index: section ${name} is past bodies.bin (rebuild)`);
      return blob.subarray(off, off + len);
    };
    this.count = desc.count;
    this.tagSlugs = desc.tagSlugs;
    this.ids = lines(section("ids"), desc.count);
    this.vocabulary = lines(section("vocabulary"), desc.vocabularySize);
    this.dates = new Float64Array(desc.count);
    const d = new VarintReader(section("dates"));
    for (let i = 0; i < desc.count; i++) {
      this.dates[i] = i === 0 ? unzigzag(d.next()) : (this.dates[i - 1] ?? 0) - d.next();
    }
    const t = new VarintReader(section("tags"));
    this.tagPostings = desc.tagSlugs.map(() => readPositions(t));
    this.termStarts = starts(section("termBytes"), desc.vocabularySize);
    this.summaryStarts = starts(section("summaries"), desc.count);
  }
}

/** Reads term postings and summaries from the API's asset files. */
export class ApiAssetsReader {
  private readonly postingsMemo = new ByteMemo<number, Uint32Array>(POSTINGS_BUDGET);
  private readonly tokenBytes: Uint8Array;
  private readonly encoder = new TextEncoder();

  constructor(
    readonly index: AssetsApiIndex,
    private readonly files: FileCache,
    /** The origin placeholder left in summaries, or null when the build had a configured origin. */
    token: string | null,
  ) {
    this.tokenBytes = token === null ? new Uint8Array(0) : this.encoder.encode(token);
  }

  /** Bytes [start, end) of a stream, from the one or few fixed-size files that hold them. */
  private async range(stream: ApiStream, start: number, end: number, fetchFile: FileFetcher) {
    if (end <= start) return new Uint8Array(0);
    const size = this.index.desc.fileSize;
    const first = Math.floor(start / size);
    const last = Math.floor((end - 1) / size);
    const parts = await Promise.all(
      Array.from({ length: last - first + 1 }, (_, k) =>
        this.files.get(apiFilePath(stream, first + k), fetchFile, true),
      ),
    );
    const out = first === last ? null : new Uint8Array(end - start);
    for (let k = 0; k < parts.length; k++) {
      const file = parts[k];
      const base = (first + k) * size;
      const from = Math.max(start, base) - base;
      const to = Math.min(end, base + size) - base;
      if (!file || file.length < to) {
        throw new BodyUnavailable(`API file ${apiFilePath(stream, first + k)} is missing or short`);
      }
      // One file: a view (the file is memoized anyway); several: stitched.
      if (!out) return file.subarray(from, to);
      out.set(file.subarray(from, to), base + from - start);
    }
    return out ?? new Uint8Array(0);
  }

  /**
   * Postings of vocabulary entries in `ranges` ([a, b) pairs), keyed by entry. Each range is one
   * contiguous read, since a prefix's terms are adjacent in the stream.
   */
  async postings(
    ranges: readonly [number, number][],
    fetchFile: FileFetcher,
  ): Promise<Map<number, Uint32Array>> {
    const out = new Map<number, Uint32Array>();
    const ts = this.index.termStarts;
    await Promise.all(
      ranges.map(async ([a, b]) => {
        let missing = false;
        for (let i = a; i < b; i++) {
          const hit = this.postingsMemo.get(i);
          if (hit) out.set(i, hit);
          else missing = true;
        }
        if (!missing) return;
        const base = ts[a] ?? 0;
        const bytes = await this.range("postings", base, ts[b] ?? 0, fetchFile);
        for (let i = a; i < b; i++) {
          if (out.has(i)) continue;
          const list = readPositions(new VarintReader(bytes, (ts[i] ?? 0) - base));
          this.postingsMemo.set(i, list);
          out.set(i, list);
        }
      }),
    );
    return out;
  }

  /** Summary JSON of each position, with the request's origin in place of the token. */
  async summaries(
    positions: readonly number[],
    origin: string,
    fetchFile: FileFetcher,
  ): Promise<Uint8Array[]> {
    const ss = this.index.summaryStarts;
    const originBytes = this.encoder.encode(origin);
    return Promise.all(
      positions.map(async (p) => {
        const raw = await this.range("summaries", ss[p] ?? 0, ss[p + 1] ?? 0, fetchFile);
        return replaceAll(raw, this.tokenBytes, originBytes);
      }),
    );
  }
}

/** `bytes` with every occurrence of `token` replaced (the build cut the origin out nowhere else). */
export function replaceAll(bytes: Uint8Array, token: Uint8Array, by: Uint8Array): Uint8Array {
  if (token.length === 0) return bytes;
  const hits: number[] = [];
  for (let at = indexOfBytes(bytes, token, 0); at >= 0; at = indexOfBytes(bytes, token, at + token.length)) {
    hits.push(at);
  }
  if (hits.length === 0) return bytes;
  const out = new Uint8Array(bytes.length + hits.length * (by.length - token.length));
  let from = 0;
  let to = 0;
  for (const at of hits) {
    out.set(bytes.subarray(from, at), to);
    to += at - from;
    out.set(by, to);
    to += by.length;
    from = at + token.length;
  }
  out.set(bytes.subarray(from), to);
  return out;
}
