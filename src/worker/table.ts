// Reads the binary route table (`routes.bin`, layout in src/shared/manifest.ts) in place: a lookup is
// a binary search over sorted 64-bit path hashes, and a record is read field by field from a DataView,
// so 100,000+ routes cost their bytes and no JavaScript objects. Pure (no Workers APIs).
import {
  C,
  CHUNK_SIZE,
  GAP,
  H,
  pathHash64,
  R,
  RECORD_SIZE,
  ROUTE_KINDS,
  type RouteKind,
  TABLE_HEADER,
  TABLE_MAGIC,
} from "../shared/manifest";

export { GAP };

/** One route's fields, decoded on demand (a few numbers and two short strings). */
export interface RouteRecord {
  /** Unique across the whole site (memo keys use it), whichever shard the record came from. */
  index: number;
  /** The table holding the record's refs and chunk entries (its shard, in assets storage). */
  table: RouteTable;
  etag: string;
  lastModifiedMs: number;
  kind: RouteKind;
  typeIndex: number;
  cacheIndex: number;
  status: number;
  /** Link header value (may hold the origin token), or null. */
  link: string | null;
  /** First ref and ref count. */
  a: number;
  b: number;
  /** CRC-32 of the body when gaps is 0. */
  c: number;
  /** Body bytes without the origin. */
  size: number;
  gaps: number;
  /** Deflate bytes of the gzip pieces (no framing, no origin blocks). */
  gzBytes: number;
  /** Brotli body in the br stream (length 0: none). */
  brOffset: number;
  brLength: number;
}

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const b64 = (n: number) => B64URL.charAt(n);

/** Unpadded base64url, enough for ETags (no btoa/string round trip). */
export function base64url(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += b64(n >>> 18) + b64((n >>> 12) & 63) + b64((n >>> 6) & 63) + b64(n & 63);
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (rest > 1 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out += b64(n >>> 18) + b64((n >>> 12) & 63);
    if (rest > 1) out += b64((n >>> 6) & 63);
  }
  return out;
}

/** Routes by path and by index: what a request needs of the table, whatever the storage. */
export interface RouteView {
  /** Routes in the whole site (not counting the 404 page). */
  readonly count: number;
  /** Record index of a canonical path, or -1. */
  find(path: string): number;
  record(index: number): RouteRecord;
  /** The 404 page's record index. */
  readonly notFound: number;
}

export class RouteTable implements RouteView {
  readonly count: number;
  private readonly view: DataView;
  private readonly bytes: Uint8Array;
  private readonly seed: number;
  private readonly hashesAt: number;
  private readonly recordsAt: number;
  private readonly refsAt: number;
  private readonly chunksAt: number;
  private readonly heapAt: number;
  private readonly decoder = new TextDecoder();

  constructor(buffer: ArrayBuffer) {
    if (buffer.byteLength < TABLE_HEADER) throw new Error("routes.bin: too short");
    this.view = new DataView(buffer);
    this.bytes = new Uint8Array(buffer);
    const u = (slot: number) => this.view.getUint32(slot * 4, true);
    if (u(H.magic) !== TABLE_MAGIC) throw new Error("routes.bin: not a route table (rebuild)");
    this.count = u(H.count);
    this.seed = u(H.seed);
    this.hashesAt = u(H.hashes);
    this.recordsAt = u(H.records);
    this.refsAt = u(H.refs);
    this.chunksAt = u(H.chunks);
    this.heapAt = u(H.heap);
    if (this.recordsAt + (this.count + 1) * RECORD_SIZE > this.refsAt || this.heapAt > buffer.byteLength) {
      throw new Error("routes.bin: sections do not fit (rebuild)");
    }
  }

  /** Record index of `path`, or -1. */
  find(path: string): number {
    const [hi, lo] = pathHash64(path, this.seed);
    const v = this.view;
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const at = this.hashesAt + mid * 8;
      const mh = v.getUint32(at, true);
      const ml = mh === hi ? v.getUint32(at + 4, true) : 0;
      if (mh < hi || (mh === hi && ml < lo)) low = mid + 1;
      else if (mh > hi || ml > lo) high = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** The 404 page's record index. */
  get notFound(): number {
    return this.count;
  }

  record(index: number): RouteRecord {
    const at = this.recordsAt + index * RECORD_SIZE;
    const v = this.view;
    const u = (off: number) => v.getUint32(at + off, true);
    const linkLength = u(R.linkLength);
    const linkAt = this.heapAt + u(R.linkOffset);
    return {
      index,
      table: this,
      etag: `"${base64url(this.bytes.subarray(at + R.etag, at + R.etag + 16))}"`,
      lastModifiedMs: v.getFloat64(at + R.lastModified, true),
      kind: ROUTE_KINDS[v.getUint8(at + R.kind)] ?? "text",
      typeIndex: v.getUint8(at + R.type),
      cacheIndex: v.getUint8(at + R.cache),
      status: v.getUint16(at + R.status, true),
      link: linkLength ? this.decoder.decode(this.bytes.subarray(linkAt, linkAt + linkLength)) : null,
      a: u(R.a),
      b: u(R.b),
      c: u(R.c),
      size: u(R.size),
      gaps: u(R.gaps),
      gzBytes: u(R.gzBytes),
      brOffset: u(R.brOffset),
      brLength: u(R.brLength),
    };
  }

  ref(i: number): number {
    return this.view.getUint32(this.refsAt + i * 4, true);
  }

  /** Identity length of unique chunk `id`. */
  chunkLength(id: number): number {
    return this.view.getUint32(this.chunksAt + id * CHUNK_SIZE + C.length, true);
  }

  /** [offset, length] of chunk `id`'s gzip piece in the gzip stream. */
  gzPiece(id: number): [number, number] {
    const at = this.chunksAt + id * CHUNK_SIZE;
    return [this.view.getUint32(at + C.gzOffset, true), this.view.getUint32(at + C.gzLength, true)];
  }

  /** CRC-32 of chunk `id`'s identity bytes. */
  chunkCrc(id: number): number {
    return this.view.getUint32(this.chunksAt + id * CHUNK_SIZE + C.crc, true);
  }
}
