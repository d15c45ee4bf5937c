// Without a configured base URL, bodies are stored cut at every place the origin goes. This joins the
// API's summary fragments with the request's origin (route bodies: see store.ts), memoizing the joined
// bytes under one byte budget keyed by summary and origin, so a few hostnames all stay warm and a stream
// of hostile Host headers costs time per request but never memory. It also gives per-origin ETags and
// Link values, and decides which origins may be spliced at all.
import { shortHash } from "./hash";
import { ByteMemo } from "./store";

/**
 * scheme://host[:port] whose every character is literal in HTML attributes and text, XML, JSON strings,
 * URLs and a Link header's <...>: lowercase DNS labels (punycode included), IPv4, or a bracketed IPv6
 * address. `new URL()` already lowercases and punycodes; anything else it lets through (`"`, `&`, `'`,
 * `$`, `;`...) would need escaping in some context the origin lands in, so it is refused instead.
 * (Labels are not checked as DNS names: the point is that nothing needs escaping.)
 */
const SAFE_ORIGIN = /^https?:\/\/(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** Whether `origin` (a URL's `.origin`) can be spliced into bodies and headers as it is. */
export function isSafeOrigin(origin: string): boolean {
  return origin.length <= 300 && SAFE_ORIGIN.test(origin);
}

/** Per-origin ETag suffixes kept at once (cleared when full: a hash is cheap to recompute). */
const HASHES_KEPT = 256;

export class OriginJoiner {
  private readonly memo = new ByteMemo<string>(16 * 1024 * 1024, 64);
  private readonly hashes = new Map<string, string>();
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly blob: Uint8Array,
    /** Configured origin, or null: then the request's origin is substituted. */
    private readonly configured: string | null,
    private readonly token: string,
  ) {}

  /** Whether responses depend on the request's origin. */
  get dynamic(): boolean {
    return this.configured === null;
  }

  /** The route's ETag for this origin: distinct per origin, since the bytes are. */
  etag(etag: string, origin: string): string {
    if (this.configured !== null) return etag;
    let hash = this.hashes.get(origin);
    if (hash === undefined) {
      if (this.hashes.size >= HASHES_KEPT) this.hashes.clear();
      hash = shortHash(origin).slice(0, 8);
      this.hashes.set(origin, hash);
    }
    return `"${etag.slice(1, -1)}-${hash}"`;
  }

  /** Header values (Link) may hold the token too. */
  text(value: string, origin: string): string {
    return this.configured === null ? value.split(this.token).join(origin) : value;
  }

  /**
   * The body bytes of summary `key` (its `segments`): a view into the blob when there is one segment,
   * else the memoized join.
   */
  body(key: number, segments: readonly number[], origin: string): Uint8Array {
    if (segments.length === 2) {
      const off = segments[0] ?? 0;
      return this.blob.subarray(off, off + (segments[1] ?? 0));
    }
    const memoKey = `${key} ${origin}`;
    const hit = this.memo.get(memoKey);
    if (hit) return hit;
    const joined = this.join(segments, this.encoder.encode(origin));
    this.memo.set(memoKey, joined);
    return joined;
  }

  /** Bytes held by the memo (at most its budget). */
  get memoBytes(): number {
    return this.memo.size;
  }

  private join(segments: readonly number[], gap: Uint8Array): Uint8Array {
    let size = 0;
    for (let i = 1; i < segments.length; i += 2) size += segments[i] ?? 0;
    size += Math.max(0, segments.length / 2 - 1) * gap.length;
    const out = new Uint8Array(size);
    let at = 0;
    for (let i = 0; i < segments.length; i += 2) {
      if (i > 0) {
        out.set(gap, at);
        at += gap.length;
      }
      const off = segments[i] ?? 0;
      const len = segments[i + 1] ?? 0;
      out.set(this.blob.subarray(off, off + len), at);
      at += len;
    }
    return out;
  }
}
