// Content codings: which one a request gets (Accept-Encoding, RFC 9110 §12.5.3), its ETag, and the
// framing that turns the build's gzip pieces into one gzip member (RFC 1952). The deflate data is made
// at build time; here only headers, stored blocks for the request's origin and a CRC are written, and
// the CRC of a body with origin gaps is combined from the chunks' CRCs, never recomputed over the body.
// Pure (no Workers APIs).

export type Coding = "identity" | "gzip" | "br";
export const CODINGS: readonly Coding[] = ["identity", "gzip", "br"];

interface Weights {
  gzip: number;
  br: number;
  identity: number;
}

const parsed = new Map<string, Weights>();
let lastAccept: string | null = null;
let lastWeights: Weights | undefined;
/** Identity's weight when the header does not name it: below any q a client can send (q has 3 decimals). */
const IMPLICIT = 0.0001;

/** q-values of one Accept-Encoding value; unknown codings and bad parameters are ignored. */
export function parseAcceptEncoding(value: string): Weights {
  let star: number | null = null;
  const seen: Partial<Weights> = {};
  for (const part of value.split(",")) {
    const [name = "", ...params] = part.split(";");
    const coding = name.trim().toLowerCase();
    if (coding === "") continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Math.min(1, Number(m[1]));
    }
    if (coding === "*") star = q;
    else if (coding === "gzip" || coding === "x-gzip") seen.gzip = Math.max(seen.gzip ?? 0, q);
    else if (coding === "br") seen.br = q;
    else if (coding === "identity") seen.identity = q;
  }
  // A coding not listed takes `*`'s weight. Identity stays acceptable unless excluded (RFC 9110), but
  // when it is not named it expresses no preference, so any acceptable coding goes before it.
  return {
    gzip: seen.gzip ?? star ?? 0,
    br: seen.br ?? star ?? 0,
    identity: seen.identity ?? (star === 0 ? 0 : IMPLICIT),
  };
}

/**
 * The coding to send: the highest q among those the route has (br only with a brotli body), br before
 * gzip before identity on a tie; identity when nothing acceptable is available, or when the request
 * names no Accept-Encoding at all.
 */
export function negotiate(accept: string | null, hasBr: boolean): Coding {
  if (accept === null) return "identity";
  // A client sends the same value request after request: compared, it needs no hash of a fresh string.
  let w = accept === lastAccept ? lastWeights : parsed.get(accept);
  if (w === undefined) {
    w = parseAcceptEncoding(accept);
    // Clients send a handful of distinct values; a hostile stream of new ones only costs parsing.
    if (parsed.size >= 256) parsed.clear();
    parsed.set(accept, w);
  }
  lastAccept = accept;
  lastWeights = w;
  let best: Coding = "identity";
  let q = w.identity;
  if (w.gzip > 0 && w.gzip >= q) {
    best = "gzip";
    q = w.gzip;
  }
  if (hasBr && w.br > 0 && w.br >= q) best = "br";
  return best;
}

/** A strong ETag per coding: the bytes differ, so the validators must (RFC 9110 §8.8.3). */
export function codedEtag(etag: string, coding: Coding): string {
  return coding === "identity" ? etag : `${etag.slice(0, -1)}-${coding === "gzip" ? "gz" : "br"}"`;
}

// --- gzip framing ---

/** ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=2 (best compression) OS=255 (unknown): fixed, so bytes are stable. */
export const GZIP_HEADER = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
/** An empty final block with fixed Huffman codes: BFINAL=1, BTYPE=01, end-of-block. */
export const DEFLATE_END = new Uint8Array([0x03, 0x00]);
const STORED_MAX = 0xffff;

/** Bytes of `n` bytes written as stored deflate blocks (5 header bytes per block). */
export function storedLength(n: number): number {
  return n + 5 * Math.max(1, Math.ceil(n / STORED_MAX));
}

/** `bytes` as non-final stored deflate blocks, for a stream that is byte-aligned where they go. */
export function storedBlocks(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(storedLength(bytes.length));
  let at = 0;
  let from = 0;
  do {
    const len = Math.min(STORED_MAX, bytes.length - from);
    out[at] = 0; // BFINAL=0, BTYPE=00; the rest of the byte is padding
    out[at + 1] = len & 0xff;
    out[at + 2] = len >>> 8;
    out[at + 3] = ~len & 0xff;
    out[at + 4] = (~len >>> 8) & 0xff;
    out.set(bytes.subarray(from, from + len), at + 5);
    at += 5 + len;
    from += len;
  } while (from < bytes.length);
  return out;
}

/** The 8-byte trailer: CRC-32 and the uncompressed size mod 2^32, little-endian. */
export function gzipTrailer(crc: number, size: number): Uint8Array {
  const out = new Uint8Array(8);
  const v = new DataView(out.buffer);
  v.setUint32(0, crc >>> 0, true);
  v.setUint32(4, size >>> 0, true);
  return out;
}

// --- CRC-32 (IEEE, reflected), and combining two CRCs without the bytes (as zlib's crc32_combine) ---

const POLY = 0xedb88320;
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? POLY ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = (TABLE[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return ~c >>> 0;
}

/** a * b modulo the CRC polynomial (bit-reflected); `a` must not be 0. */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  let x = b >>> 0;
  for (;;) {
    if (a & m) {
      p ^= x;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    x = x & 1 ? (x >>> 1) ^ POLY : x >>> 1;
  }
  return p >>> 0;
}

/** x^(2^n) modulo the polynomial, n = 0..31. */
const X2N = (() => {
  const t = new Uint32Array(32);
  let p = 0x40000000; // x^1
  t[0] = p;
  for (let n = 1; n < 32; n++) {
    p = multModP(p, p);
    t[n] = p;
  }
  return t;
})();

/** x^(8 * len) modulo the polynomial: the shift that appending `len` bytes applies to a CRC. */
function shiftFor(len: number): number {
  let p = 0x80000000; // x^0
  let k = 3;
  let n = len;
  while (n > 0) {
    if (n & 1) p = multModP(X2N[k & 31] ?? 0, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** CRC-32 of A followed by B, from crc(A), crc(B) and B's length. */
export function crc32Combine(crcA: number, crcB: number, lenB: number): number {
  return (multModP(shiftFor(lenB), crcA >>> 0) ^ (crcB >>> 0)) >>> 0;
}
