// Without a configured base URL, bodies are stored cut at every place the origin goes. This joins the
// API's summary fragments with the request's origin (route bodies: see store.ts), memoizing the joined
// bytes for ONE origin at a time under a byte budget, so a stream of hostile Host headers costs time per
// request but never memory. It also gives per-origin ETags and Link values.
import { shortHash } from "./hash";
import { ByteMemo } from "./store";

export class OriginJoiner {
  private memoOrigin: string | null = null;
  private readonly memo = new ByteMemo<readonly number[]>(16 * 1024 * 1024);
  private originBytes: Uint8Array = new Uint8Array(0);
  private hashOrigin: string | null = null;
  private hash = "";

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
    if (this.hashOrigin !== origin) {
      this.hashOrigin = origin;
      this.hash = shortHash(origin).slice(0, 8);
    }
    return `"${etag.slice(1, -1)}-${this.hash}"`;
  }

  /** Header values (Link) may hold the token too. */
  text(value: string, origin: string): string {
    return this.configured === null ? value.split(this.token).join(origin) : value;
  }

  /** The body bytes: a view into the blob when there is one segment, else the memoized join. */
  body(segments: readonly number[], origin: string): Uint8Array {
    if (segments.length === 2) {
      const off = segments[0] ?? 0;
      return this.blob.subarray(off, off + (segments[1] ?? 0));
    }
    if (this.memoOrigin !== origin) {
      this.memoOrigin = origin;
      this.memo.clear();
      this.originBytes = new TextEncoder().encode(origin);
    }
    const hit = this.memo.get(segments);
    if (hit) return hit;
    const joined = this.join(segments);
    this.memo.set(segments, joined);
    return joined;
  }

  private join(segments: readonly number[]): Uint8Array {
    const gap = this.originBytes;
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
