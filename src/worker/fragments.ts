// Route bodies in each coding, joined from the build's body streams on first use and memoized: the
// gzip body from its unique chunks' deflate pieces (one gzip member: header, pieces, the request's
// origin as stored blocks, end block, trailer), the brotli body as stored, and the identity body by
// decoding the gzip body once (workerd's native DecompressionStream): the platform asks Workers for
// `br, gzip`, so identity is the rare case and storing it too would more than double the bytes.
// In bundle storage the streams are regions of bodies.bin; in assets storage, fixed-size files fetched
// through the ASSETS binding (all the files a body needs, at once; concurrent misses share a fetch).
//
// Memory stays bounded whatever arrives: memos are byte-budgeted, and bodies that depend on the origin
// are memoized for one origin at a time, so a stream of hostile Host headers costs time, never memory.
import { type Stream, type StreamFiles, streamFilePath } from "../shared/manifest";
import {
  CODINGS,
  type Coding,
  crc32,
  crc32Combine,
  DEFLATE_END,
  GZIP_HEADER,
  gzipTrailer,
  storedBlocks,
  storedLength,
} from "./encoding";
import { BodyUnavailable, ByteMemo, type FileCache, type FileFetcher } from "./store";
import { GAP, type RouteRecord } from "./table";

const MEMO_BUDGET = 16 * 1024 * 1024;
/** gzip header + end block + trailer. */
const GZIP_FRAMING = GZIP_HEADER.length + DEFLATE_END.length + 8;

/** Reads `length` bytes at `offset` of a stream (a view where it can, a copy across files). */
type Reader = (stream: Stream, offset: number, length: number) => Uint8Array;

/** The request's origin in every form a join needs. */
interface OriginParts {
  origin: string;
  bytes: Uint8Array;
  stored: Uint8Array;
  crc: number;
}

// Charged per joined entry on top of its bytes and key: the Map entry itself.
const JOINED_ENTRY_OVERHEAD = 64;

export class EncodedBodies {
  /** Bodies that do not depend on the origin, by index * 3 + coding. */
  private readonly plain = new ByteMemo<number>(MEMO_BUDGET);
  /**
   * Bodies joined with an origin, keyed `<index * 3 + coding> <origin>`: every origin shares one byte
   * budget (least recently used out first), so a site served on a few hostnames keeps all of them warm
   * and a stream of distinct Hosts costs time, never memory. Nothing here is per-request state: a
   * request that awaited I/O cannot find another request's origin in place of its own.
   */
  private readonly joined = new ByteMemo<string>(MEMO_BUDGET, JOINED_ENTRY_OVERHEAD);
  private readonly encoder = new TextEncoder();

  constructor(
    /** bodies.bin: holds the streams in bundle storage. */
    private readonly blob: Uint8Array,
    /** Bundle storage: where each stream starts in bodies.bin. */
    private readonly bases: Record<Stream, number> | undefined,
    /** Assets storage: how the streams are cut into files (undefined in bundle storage). */
    private readonly layout: StreamFiles | undefined,
    /** Shared with the API's file reads, so one in-flight map covers every asset fetch. */
    private readonly files: FileCache,
  ) {}

  /** Body length in `coding` once joined with `origin` (HEAD's Content-Length), without the body. */
  length(rec: RouteRecord, coding: Coding, origin: string): number {
    if (coding === "br") return rec.brLength;
    const o = rec.gaps > 0 ? this.encoder.encode(origin).length : 0;
    if (coding === "identity") return rec.size + rec.gaps * o;
    return GZIP_FRAMING + rec.gzBytes + rec.gaps * storedLength(o);
  }

  /** The body if it is at hand without I/O (bundle storage: gzip and br; otherwise a memo hit). */
  ready(rec: RouteRecord, coding: Coding, origin: string): Uint8Array | null {
    const hit = this.memoGet(rec, coding, origin);
    if (hit) return hit;
    const bases = this.bases;
    if (!bases || coding === "identity") return null;
    const read: Reader = (s, off, len) => this.blob.subarray(bases[s] + off, bases[s] + off + len);
    // Brotli bodies are served as views, with nothing to memoize.
    if (coding === "br") return read("br", rec.brOffset, rec.brLength);
    const bytes = this.joinGzip(rec, read, origin);
    this.memoSet(rec, coding, origin, bytes);
    return bytes;
  }

  /** The body, fetching its files in assets storage. Throws BodyUnavailable when one is missing. */
  async load(rec: RouteRecord, coding: Coding, origin: string, fetchFile: FileFetcher): Promise<Uint8Array> {
    const now = this.ready(rec, coding, origin);
    if (now) return now;
    if (coding === "identity") {
      const gz = await this.load(rec, "gzip", origin, fetchFile);
      const bytes = await gunzip(gz);
      if (bytes.length !== this.length(rec, "identity", origin)) {
        throw new BodyUnavailable(`body of route ${rec.index} does not match its record`);
      }
      this.memoSet(rec, "identity", origin, bytes);
      return bytes;
    }
    const layout = this.layout;
    if (!layout) throw new BodyUnavailable("no body storage");
    const stream: Stream = coding;
    const numbers = this.filesOf(rec, stream, layout.size);
    const fetched = new Map<number, Uint8Array>();
    await Promise.all(
      [...numbers].map(async (n) => {
        const path = streamFilePath(stream, n);
        const file = n < layout.count[stream] ? await this.files.get(path, fetchFile, false) : null;
        if (!file) throw new BodyUnavailable(`body file ${path} is missing`);
        fetched.set(n, file);
      }),
    );
    const read: Reader = (_s, off, len) => {
      const out = new Uint8Array(len);
      let at = 0;
      while (at < len) {
        const n = Math.floor((off + at) / layout.size);
        const from = (off + at) % layout.size;
        const part = fetched.get(n)?.subarray(from, from + (len - at));
        if (!part || part.length === 0) {
          throw new BodyUnavailable(`body file ${streamFilePath(stream, n)} is short`);
        }
        out.set(part, at);
        at += part.length;
      }
      return out;
    };
    const bytes = coding === "br" ? read("br", rec.brOffset, rec.brLength) : this.joinGzip(rec, read, origin);
    this.memoSet(rec, coding, origin, bytes);
    return bytes;
  }

  /** File numbers of `stream` that the body of `rec` reads. */
  private filesOf(rec: RouteRecord, stream: Stream, size: number): Set<number> {
    const out = new Set<number>();
    const add = (off: number, len: number) => {
      if (len === 0) return;
      for (let n = Math.floor(off / size); n <= Math.floor((off + len - 1) / size); n++) out.add(n);
    };
    if (stream === "br") {
      add(rec.brOffset, rec.brLength);
      return out;
    }
    for (let i = 0; i < rec.b; i++) {
      const id = rec.table.ref(rec.a + i);
      if (id === GAP) continue;
      const [off, len] = rec.table.gzPiece(id);
      add(off, len);
    }
    return out;
  }

  private memoGet(rec: RouteRecord, coding: Coding, origin: string): Uint8Array | undefined {
    const key = rec.index * 3 + CODINGS.indexOf(coding);
    return rec.gaps === 0 ? this.plain.get(key) : this.joined.get(`${key} ${origin}`);
  }

  private memoSet(rec: RouteRecord, coding: Coding, origin: string, bytes: Uint8Array): void {
    const key = rec.index * 3 + CODINGS.indexOf(coding);
    if (rec.gaps === 0) this.plain.set(key, bytes);
    else this.joined.set(`${key} ${origin}`, bytes);
  }

  /** Bytes held by the memos (each at most its budget). */
  get memoBytes(): number {
    return this.plain.size + this.joined.size;
  }

  private originParts(origin: string): OriginParts {
    const bytes = this.encoder.encode(origin);
    return { origin, bytes, stored: storedBlocks(bytes), crc: crc32(bytes) };
  }

  /** The gzip body of `rec`, joined from its refs' pieces and, in its gaps, `origin`. */
  private joinGzip(rec: RouteRecord, read: Reader, origin: string): Uint8Array {
    // The record's own table: in assets storage, the shard it was read from.
    const t = rec.table;
    const o = rec.gaps > 0 ? this.originParts(origin) : null;
    const gap = o?.stored ?? new Uint8Array(0);
    const size = rec.size + rec.gaps * (o?.bytes.length ?? 0);
    const total = GZIP_FRAMING + rec.gzBytes + rec.gaps * gap.length;
    const out = new Uint8Array(total);
    out.set(GZIP_HEADER, 0);
    let at = GZIP_HEADER.length;
    let crc = 0;
    for (let i = 0; i < rec.b; i++) {
      const id = t.ref(rec.a + i);
      if (id === GAP) {
        out.set(gap, at);
        at += gap.length;
        if (o) crc = crc32Combine(crc, o.crc, o.bytes.length);
        continue;
      }
      const [off, len] = t.gzPiece(id);
      out.set(read("gzip", off, len), at);
      at += len;
      // Without gaps the build stored the body's CRC; with them it depends on the origin.
      if (rec.gaps > 0) crc = crc32Combine(crc, t.chunkCrc(id), t.chunkLength(id));
    }
    out.set(DEFLATE_END, at);
    out.set(gzipTrailer(rec.gaps === 0 ? rec.c : crc, size), at + DEFLATE_END.length);
    at += GZIP_FRAMING - GZIP_HEADER.length;
    if (at !== total) throw new BodyUnavailable(`body of route ${rec.index} does not match its record`);
    return out;
  }
}

/** Decodes a gzip body with the runtime's native decoder (workerd and Node alike). */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
