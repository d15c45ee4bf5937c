// The API index behind `/api/articles`, packed for either storage: bundle storage puts postings and
// summaries in bodies.bin and the rest in worker.json; assets storage puts summaries and varint
// postings in fixed-size asset files and the compact index that locates them in two raw-deflated asset
// files (layout in api-index.ts).
import { deflateRawSync } from "node:zlib";
import {
  API_INDEX_PARTS,
  type ApiIndex,
  type ApiIndexPart,
  type ApiStream,
  type AssetsApi,
  type AssetsApiSections,
  apiFilePath,
  apiIndexPath,
  type ManifestApi,
  pushPositions,
  pushVarint,
  zigzag,
} from "../../shared/api-index";
import { concat } from "./chunks";
import { compareCodeUnits, toImfFixdate } from "./routes";

const encoder = new TextEncoder();

/** Appends byte chunks and remembers where each went. */
export class BlobWriter {
  private chunks: Uint8Array[] = [];
  size = 0;

  /** Appends `text` cut at every `token` (when given): flat [offset, length] pairs, one per piece. */
  text(text: string, token: string | null): number[] {
    const pieces = token === null ? [text] : text.split(token);
    const pairs: number[] = [];
    for (const piece of pieces) {
      const bytes = encoder.encode(piece);
      pairs.push(this.size, bytes.length);
      this.push(bytes);
    }
    return pairs;
  }

  /** Appends uint32 little-endian values at a 4-byte aligned offset; returns that offset. */
  uint32(values: readonly number[]): number {
    this.align(4);
    const offset = this.size;
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => {
      view.setUint32(i * 4, v, true);
    });
    this.push(bytes);
    return offset;
  }

  align(n: number): void {
    const pad = (n - (this.size % n)) % n;
    if (pad) this.push(new Uint8Array(pad));
  }

  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  finish(): Uint8Array {
    return concat(this.chunks, this.size);
  }
}

function isAscendingPositions(list: readonly number[], count: number): boolean {
  return list.every(
    (v, i) => Number.isInteger(v) && v >= 0 && v < count && (i === 0 || v > (list[i - 1] ?? -1)),
  );
}

/** An API index that passed every check, with dates as epoch ms and the vocabulary sorted. */
export interface CheckedApi {
  count: number;
  ids: string[];
  dates: number[];
  tags: { slug: string; postings: number[] }[];
  vocabulary: string[];
  terms: Record<string, number[]>;
  summaries: string[];
  lastModified: string;
}

export function checkApi(api: ApiIndex): CheckedApi {
  const count = api.ids.length;
  if (api.dates.length !== count || api.summaries.length !== count) {
    throw new Error(
      `api index: ${count} ids but ${api.dates.length} dates and ${api.summaries.length} summaries`,
    );
  }
  const dates = api.dates.map((d, i) => {
    const ms = Date.parse(d);
    if (Number.isNaN(ms)) throw new Error(`api index: article ${api.ids[i]} has invalid date "${d}"`);
    return ms;
  });
  for (let i = 1; i < count; i++) {
    const prev = dates[i - 1] ?? 0;
    const cur = dates[i] ?? 0;
    if (cur > prev || (cur === prev && compareCodeUnits(api.ids[i - 1] ?? "", api.ids[i] ?? "") >= 0)) {
      throw new Error(`api index: articles are not in (date desc, id asc) order at ${api.ids[i]}`);
    }
  }
  for (const t of api.tags) {
    if (!isAscendingPositions(t.postings, count))
      throw new Error(`api index: tag ${t.slug} has bad postings`);
  }
  const vocabulary = Object.keys(api.terms).sort(compareCodeUnits);
  for (const term of vocabulary) {
    if (!isAscendingPositions(api.terms[term] ?? [], count)) {
      throw new Error(`api index: term "${term}" has bad postings`);
    }
  }
  return {
    count,
    ids: api.ids,
    dates,
    tags: api.tags,
    vocabulary,
    terms: api.terms,
    summaries: api.summaries,
    lastModified: toImfFixdate(api.updated, "api index"),
  };
}

/** Bundle storage: postings and summaries go into bodies.bin, the rest into worker.json. */
export function packApi(api: CheckedApi, writer: BlobWriter, token: string | null): ManifestApi {
  writer.align(4);
  const postingsAt = writer.size;
  const postingCounts: number[] = [];
  for (const term of api.vocabulary) {
    const list = api.terms[term] ?? [];
    // Whole uint32s from an aligned start: the lists follow each other with no padding between.
    writer.uint32(list);
    postingCounts.push(list.length);
  }
  return {
    count: api.count,
    ids: api.ids,
    dates: api.dates,
    tagSlugs: api.tags.map((t) => t.slug),
    tagPostings: api.tags.map((t) => t.postings),
    vocabulary: api.vocabulary,
    postingsAt,
    postingCounts,
    summaries: api.summaries.map((s) => writer.text(s, token)),
    lastModified: api.lastModified,
  };
}

/** API asset files aim at this size: one fetch brings a page of summaries or a few term lists. */
const API_FILE_TARGET = 64 * 1024;
/** API files may take this share of the static asset file limit; body files get the rest. */
const API_MAX_FILES = 4_000;

/** "\n"-joined UTF-8 of strings that must not hold a newline themselves. */
function joinLines(values: readonly string[], what: string): Uint8Array {
  for (const v of values) {
    if (v.includes("\n")) throw new Error(`api index: ${what} ${JSON.stringify(v)} holds a newline`);
  }
  return encoder.encode(values.join("\n"));
}

/** Cuts a stream into files of exactly `size` bytes (the last may be shorter). */
function cutStream(
  stream: ApiStream,
  bytes: Uint8Array,
  size: number,
): { path: string; bytes: Uint8Array }[] {
  const files: { path: string; bytes: Uint8Array }[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    files.push({ path: apiFilePath(stream, files.length), bytes: bytes.subarray(at, at + size) });
  }
  return files;
}

/**
 * Assets storage: summaries (in API order, so a page is one or two files) and delta/varint postings
 * (in vocabulary order, so a prefix's terms are adjacent) go to fixed-size asset files; ids, dates,
 * vocabulary and the varint lengths that locate each entry go to the index parts (layout in api-index.ts).
 */
export function packApiAssets(api: CheckedApi): {
  blob: Uint8Array;
  files: { path: string; bytes: Uint8Array }[];
  descriptor: AssetsApi;
} {
  const summaryParts = api.summaries.map((s) => encoder.encode(s));
  const postingParts = api.vocabulary.map((term) => {
    const out: number[] = [];
    pushPositions(out, api.terms[term] ?? []);
    return Uint8Array.from(out);
  });
  const summaryStream = concat(
    summaryParts,
    summaryParts.reduce((n, p) => n + p.length, 0),
  );
  const postingStream = concat(
    postingParts,
    postingParts.reduce((n, p) => n + p.length, 0),
  );
  if (Math.max(summaryStream.length, postingStream.length) > 0xffffffff) {
    throw new Error("api index: summaries or postings pass 4 GiB");
  }
  const fileSize = Math.max(
    API_FILE_TARGET,
    Math.ceil((summaryStream.length + postingStream.length) / API_MAX_FILES),
  );
  const files = [
    ...cutStream("summaries", summaryStream, fileSize),
    ...cutStream("postings", postingStream, fileSize),
  ];

  const varints = (fill: (out: number[]) => void): Uint8Array => {
    const out: number[] = [];
    fill(out);
    return Uint8Array.from(out);
  };
  const ids = joinLines(api.ids, "article id");
  const dates = varints((out) => {
    api.dates.forEach((d, i) => {
      pushVarint(out, i === 0 ? zigzag(d) : (api.dates[i - 1] ?? 0) - d);
    });
  });
  const vocabulary = joinLines(api.vocabulary, "search term");
  const termBytes = varints((out) => {
    for (const p of postingParts) pushVarint(out, p.length);
  });
  const tags = varints((out) => {
    for (const t of api.tags) pushPositions(out, t.postings);
  });
  const summaries = varints((out) => {
    for (const p of summaryParts) pushVarint(out, p.length);
  });
  const content: Record<keyof AssetsApiSections, Uint8Array> = {
    ids,
    dates,
    tags,
    summaries,
    vocabulary,
    termBytes,
  };
  const sections = {} as AssetsApiSections;
  const indexBytes: Record<ApiIndexPart, number> = { core: 0, terms: 0 };
  const partBytes: Record<ApiIndexPart, Uint8Array[]> = { core: [], terms: [] };
  for (const name of Object.keys(API_INDEX_PARTS) as (keyof AssetsApiSections)[]) {
    const part = API_INDEX_PARTS[name];
    const bytes = content[name];
    sections[name] = [indexBytes[part], bytes.length];
    indexBytes[part] += bytes.length;
    partBytes[part].push(bytes);
  }
  // Fixed deflate settings, like the route shards: same zlib, same bytes.
  const indexFiles = (["core", "terms"] as const).map((part) => ({
    path: apiIndexPath(part),
    bytes: new Uint8Array(
      deflateRawSync(concat(partBytes[part], indexBytes[part]), { level: 9, memLevel: 9, windowBits: 15 }),
    ),
  }));
  const descriptor: AssetsApi = {
    count: api.count,
    tagSlugs: api.tags.map((t) => t.slug),
    vocabularySize: api.vocabulary.length,
    fileSize,
    summaryFiles: Math.ceil(summaryStream.length / fileSize),
    postingsFiles: Math.ceil(postingStream.length / fileSize),
    sections,
    indexBytes,
    lastModified: api.lastModified,
  };
  // Nothing of the index stays in the Worker's bodies.bin: its size no longer grows with the corpus.
  return { blob: new Uint8Array(0), files: [...files, ...indexFiles], descriptor };
}
