// Prerendered answers made ready to send: a route's headers (for its 200 and its 304), validators and
// body in one coding for one origin, made on the route's first request and kept under a byte budget.
// A request that finds its answer here does a lookup, its conditional check and `new Response`: no record
// decoding, no header building. The Headers objects are shared and never changed after they are made:
// a Response copies the Headers it is given (workerd clones them natively, far cheaper than reading a list
// of pairs or setting them one by one: measured in bench/dev/cpu.ts).
import { notModified } from "./conditional";
import type { Coding } from "./encoding";
import { ByteMemo } from "./store";

export interface Prepared {
  status: number;
  /** The coded ETag (the one in `headers`), for If-None-Match. */
  etag: string;
  lastModifiedMs: number;
  body: Uint8Array;
  /** The route's status with every header of its answer. */
  init: ResponseInit;
  /** The matching 304 (status 200 only). */
  notModifiedInit: ResponseInit;
  /** Charged against the budget: the body and an estimate of the headers. */
  byteLength: number;
}

/** Roughly what one entry's headers, init objects and Map entry cost, on top of its body. */
const ENTRY_OVERHEAD = 1024;
const BUDGET = 16 * 1024 * 1024;
const ORIGINS = 1024;

export function prepared(
  status: number,
  etag: string,
  lastModifiedMs: number,
  headers: Headers,
  notModifiedHeaders: Headers,
  coding: Coding,
  body: Uint8Array,
): Prepared {
  // Bytes already in their coding are sent as they are (no compression work in the Worker).
  const manual = coding !== "identity";
  const init: ResponseInit = manual ? { status, headers, encodeBody: "manual" } : { status, headers };
  return {
    status,
    etag,
    lastModifiedMs,
    body,
    init,
    notModifiedInit: { status: 304, headers: notModifiedHeaders },
    byteLength: body.byteLength + ENTRY_OVERHEAD,
  };
}

/**
 * The answer to a GET for a prepared route: 304 when the request's validators match, else the body.
 * `headers` is the request's, read once by the caller (each `request.headers` is a native call).
 */
export function send(headers: Headers, p: Prepared): Response {
  if (p.status === 200 && notModified(headers, p.etag, p.lastModifiedMs)) {
    return new Response(null, p.notModifiedInit);
  }
  return new Response(p.body, p.init);
}

/**
 * Prepared answers by route, coding and (when bodies depend on it) origin. Every origin shares the one
 * budget, so a stream of hostile Host headers costs time, never memory.
 */
export class PreparedAnswers {
  private readonly memo = new ByteMemo<number, Prepared>(BUDGET);
  /** Per route index: 0 not seen yet, 1 no brotli body, 2 a brotli body (what negotiation needs). */
  private brotli = new Uint8Array(0);
  /**
   * Origins by number, so a key is a number, not a string made and hashed per request (the origin string
   * comes from the URL memo, the same object each time, whose hash V8 keeps). Never more than ORIGINS:
   * past that the numbers and the memo start again, so a number never names two origins.
   */
  private readonly origins = new Map<string, number>();
  /** Keys per origin: 3 codings per route (set on the first `set`; 0 before, so every `get` misses). */
  private stride = 0;

  constructor(private readonly dynamicOrigin: boolean) {}

  /** Whether route `index` has a brotli body, or null before its record was first read. */
  hasBr(index: number): boolean | null {
    const f = this.brotli[index] ?? 0;
    return f === 0 ? null : f === 2;
  }

  get(index: number, coding: Coding, origin: string): Prepared | undefined {
    return index * 3 + 2 < this.stride ? this.memo.get(this.key(index, coding, origin)) : undefined;
  }

  set(index: number, routes: number, hasBr: boolean, coding: Coding, origin: string, p: Prepared): void {
    if (this.brotli.length <= index) {
      const grown = new Uint8Array(Math.max(routes + 1, index + 1));
      grown.set(this.brotli);
      this.brotli = grown;
    }
    this.brotli[index] = hasBr ? 2 : 1;
    if (this.stride === 0) this.stride = 3 * (routes + 1);
    // A key past the stride would name another origin's answer: such a route is just not kept.
    if (index * 3 + 2 >= this.stride) return;
    this.memo.set(this.key(index, coding, origin), p);
  }

  private key(index: number, coding: Coding, origin: string): number {
    const n = index * 3 + (coding === "identity" ? 0 : coding === "gzip" ? 1 : 2);
    if (!this.dynamicOrigin) return n;
    let id = this.origins.get(origin);
    if (id === undefined) {
      if (this.origins.size >= ORIGINS) {
        this.origins.clear();
        this.memo.clear();
      }
      id = this.origins.size;
      this.origins.set(origin, id);
    }
    return id * this.stride + n;
  }
}
