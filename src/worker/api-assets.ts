// The `/api/articles` index in assets storage (layout in src/shared/api-index.ts): the compact index
// parts, read from asset files on an isolate's first query and kept, inflated and decoded, under a byte
// budget (like the route shards, src/worker/shards.ts), and the summaries and word postings read on
// demand. Every read goes through the shared FileCache with the request's own fetcher, so a request
// never awaits a read another request started. Pure apart from the fetcher it is handed.
import {
  type ApiIndexPart,
  type ApiStream,
  type AssetsApi,
  type AssetsApiSections,
  apiFilePath,
  apiIndexPath,
  readPositions,
  unzigzag,
  VarintReader,
} from "../shared/api-index";
import type { QueryIndex } from "./api-query";
import { BodyUnavailable, ByteMemo, type FileCache, type FileFetcher, indexOfBytes } from "./store";

/** Decoded term lists kept across requests (common terms come back all the time). */
const POSTINGS_BUDGET = 8 * 1024 * 1024;
/**
 * Inflated index parts kept per isolate: both parts up to about 250,000 articles (a part may take a
 * quarter of the budget, see ByteMemo). Past that a part is read and decoded again per query.
 */
export const INDEX_BUDGET = 32 * 1024 * 1024;

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

/** A part's section, checked against the part's bytes. */
function section(desc: AssetsApi, bytes: Uint8Array, name: keyof AssetsApiSections): Uint8Array {
  const [off, len] = desc.sections[name];
  if (off + len > bytes.length) throw new Error(`api index: section ${name} is past its part (rebuild)`);
  return bytes.subarray(off, off + len);
}

/** The `core` part: what every query reads (ids and dates for bounds and cursors, tags, summaries). */
export class ApiCore {
  readonly ids: string[];
  readonly dates: Float64Array;
  readonly tagPostings: Uint32Array[];
  /** Byte ranges in the summaries stream, per article. */
  readonly summaryStarts: Float64Array;

  constructor(desc: AssetsApi, bytes: Uint8Array) {
    this.ids = lines(section(desc, bytes, "ids"), desc.count);
    this.dates = new Float64Array(desc.count);
    const d = new VarintReader(section(desc, bytes, "dates"));
    for (let i = 0; i < desc.count; i++) {
      this.dates[i] = i === 0 ? unzigzag(d.next()) : (this.dates[i - 1] ?? 0) - d.next();
    }
    const t = new VarintReader(section(desc, bytes, "tags"));
    this.tagPostings = desc.tagSlugs.map(() => readPositions(t));
    this.summaryStarts = starts(section(desc, bytes, "summaries"), desc.count);
  }
}

/** The `terms` part: the search vocabulary and where each term's postings are. */
export class ApiTerms {
  readonly vocabulary: string[];
  /** Byte ranges in the postings stream, per vocabulary entry. */
  readonly termStarts: Float64Array;

  constructor(desc: AssetsApi, bytes: Uint8Array) {
    this.vocabulary = lines(section(desc, bytes, "vocabulary"), desc.vocabularySize);
    this.termStarts = starts(section(desc, bytes, "termBytes"), desc.vocabularySize);
  }
}

const NO_TERMS: Pick<ApiTerms, "vocabulary" | "termStarts"> = {
  vocabulary: [],
  termStarts: new Float64Array(1),
};

/** What one query reads: the core, and the terms when it has a `q` (else an empty vocabulary). */
export class AssetsApiIndex implements QueryIndex {
  readonly count: number;
  readonly tagSlugs: readonly string[];
  readonly ids: string[];
  readonly dates: Float64Array;
  readonly tagPostings: Uint32Array[];
  readonly summaryStarts: Float64Array;
  readonly vocabulary: string[];
  readonly termStarts: Float64Array;

  constructor(
    readonly desc: AssetsApi,
    core: ApiCore,
    terms: Pick<ApiTerms, "vocabulary" | "termStarts"> = NO_TERMS,
  ) {
    this.count = desc.count;
    this.tagSlugs = desc.tagSlugs;
    this.ids = core.ids;
    this.dates = core.dates;
    this.tagPostings = core.tagPostings;
    this.summaryStarts = core.summaryStarts;
    this.vocabulary = terms.vocabulary;
    this.termStarts = terms.termStarts;
  }
}

/** Reads the index parts, term postings and summaries from the API's asset files. */
export class ApiAssetsReader {
  private readonly postingsMemo = new ByteMemo<number, Uint32Array>(POSTINGS_BUDGET);
  /** Inflated index parts, under their own budget (about 0.6 MiB per 10,000 articles in all). */
  private readonly parts: ByteMemo<ApiIndexPart>;
  /** Decoded parts of memoized bytes (they go when the bytes are evicted). */
  private readonly decoded = new WeakMap<Uint8Array, ApiCore | ApiTerms>();
  private readonly tokenBytes: Uint8Array;
  private readonly encoder = new TextEncoder();

  constructor(
    readonly desc: AssetsApi,
    private readonly files: FileCache,
    /** The origin placeholder left in summaries, or null when the build had a configured origin. */
    token: string | null,
    budget = INDEX_BUDGET,
  ) {
    this.tokenBytes = token === null ? new Uint8Array(0) : this.encoder.encode(token);
    this.parts = new ByteMemo(budget);
  }

  /** Bytes of inflated index parts held. */
  get memoBytes(): number {
    return this.parts.size;
  }

  /**
   * The index a query needs (`terms`: whether it has a `q`), read on first use. A missing or damaged
   * part is a BodyUnavailable (the Worker answers 503) and is read again by the next query.
   */
  async index(terms: boolean, fetchFile: FileFetcher): Promise<AssetsApiIndex> {
    const [core, words] = await Promise.all([
      this.part("core", fetchFile, (b) => new ApiCore(this.desc, b)),
      terms ? this.part("terms", fetchFile, (b) => new ApiTerms(this.desc, b)) : undefined,
    ]);
    return new AssetsApiIndex(this.desc, core, words);
  }

  private async part<T extends ApiCore | ApiTerms>(
    part: ApiIndexPart,
    fetchFile: FileFetcher,
    decode: (bytes: Uint8Array) => T,
  ): Promise<T> {
    const known = this.parts.get(part);
    if (known) return this.decode(known, decode);
    const path = apiIndexPath(part);
    const file = await this.files.get(path, fetchFile, false);
    if (!file) throw new BodyUnavailable(`API index ${path} is missing`);
    const ready = this.parts.get(part);
    if (ready) return this.decode(ready, decode);
    try {
      const bytes = await inflateRaw(file);
      if (bytes.length !== this.desc.indexBytes[part]) throw new Error("wrong length");
      const value = this.decode(bytes, decode);
      this.parts.set(part, bytes);
      return value;
    } catch (e) {
      throw new BodyUnavailable(`API index ${path} is damaged: ${(e as Error).message}`);
    }
  }

  private decode<T extends ApiCore | ApiTerms>(bytes: Uint8Array, decode: (bytes: Uint8Array) => T): T {
    const hit = this.decoded.get(bytes);
    if (hit) return hit as T;
    const value = decode(bytes);
    this.decoded.set(bytes, value);
    return value;
  }

  /** Bytes [start, end) of a stream, from the one or few fixed-size files that hold them. */
  private async range(stream: ApiStream, start: number, end: number, fetchFile: FileFetcher) {
    if (end <= start) return new Uint8Array(0);
    const size = this.desc.fileSize;
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
    index: AssetsApiIndex,
    ranges: readonly [number, number][],
    fetchFile: FileFetcher,
  ): Promise<Map<number, Uint32Array>> {
    const out = new Map<number, Uint32Array>();
    const ts = index.termStarts;
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
    index: AssetsApiIndex,
    positions: readonly number[],
    origin: string,
    fetchFile: FileFetcher,
  ): Promise<Uint8Array[]> {
    const ss = index.summaryStarts;
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

/** Raw deflate decoded with the runtime's native decoder (workerd and Node alike). */
async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
