// One feed over HTTP: a GET with the saved validators (conditional GET), redirects followed by hand
// (bounded, loops caught, permanent moves reported), a timeout per request and a byte cap on the body,
// both enforced while streaming so a server that stalls or never stops cannot hold the run.

export interface HttpOptions {
  userAgent: string;
  /** Per request (each redirect hop has its own), from sending it to the body's last byte. */
  timeoutMs: number;
  /** The body, decompressed, may not exceed this; the fetch is aborted as soon as it does. */
  maxBytes: number;
  maxRedirects: number;
  fetch: typeof globalThis.fetch;
  /** Resolves when politeness to this host allows the next request (see pace.ts). */
  pace: (host: string) => Promise<void>;
}

export interface Validators {
  etag?: string;
  lastModified?: string;
}

/**
 * The address a chain of permanent redirects (301, 308) from the listed one ended at. Reported only when
 * the chain ends in an answer: a loop or an endless chain is a failure, not a move to follow.
 */
export interface Moved {
  status: number;
  to: string;
}

export type Got =
  | ({
      kind: "ok";
      url: string;
      bytes: Uint8Array;
      contentType: string | null;
      moved: Moved | null;
    } & Validators)
  | { kind: "not-modified"; moved: Moved | null }
  | { kind: "failed"; message: string; fix: string; moved: Moved | null };

const ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1";

const PERMANENT = new Set([301, 308]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);

class Timeout extends Error {}

export async function getFeed(start: URL, validators: Validators, o: HttpOptions): Promise<Got> {
  let url = start;
  let moved: Moved | null = null;
  let onlyPermanent = true;
  const seen = [url.href];
  for (let hop = 0; ; hop++) {
    await o.pace(url.host);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Timeout()), o.timeoutMs);
    try {
      const res = await o.fetch(url, {
        redirect: "manual",
        signal: controller.signal,
        headers: {
          "user-agent": o.userAgent,
          accept: ACCEPT,
          ...(validators.etag ? { "if-none-match": validators.etag } : {}),
          ...(validators.lastModified ? { "if-modified-since": validators.lastModified } : {}),
        },
      });
      if (REDIRECT.has(res.status)) {
        await res.body?.cancel();
        const location = res.headers.get("location");
        const next = location ? resolve(location, url) : null;
        if (!next)
          return failed(
            `HTTP ${res.status} redirect ${location ? `to "${location}", not an http(s) address` : "without a Location header"}`,
            "open the address in a browser and list the address it ends at",
            null,
          );
        if (seen.includes(next.href))
          return failed(
            `redirect loop: ${[...seen, next.href].join(" -> ")}`,
            "the server is misconfigured: tell its owner, or remove the outline",
            null,
          );
        if (hop + 1 > o.maxRedirects)
          return failed(
            `more than ${o.maxRedirects} redirects (${[...seen, next.href].join(" -> ")})`,
            "list the address the chain ends at, or raise --max-redirects",
            null,
          );
        onlyPermanent &&= PERMANENT.has(res.status);
        if (onlyPermanent) moved = { status: res.status, to: next.href };
        seen.push(next.href);
        url = next;
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel();
        if (validators.etag || validators.lastModified) return { kind: "not-modified", moved };
        return failed("HTTP 304 to a request that was not conditional", "try again later", moved);
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        const wait = res.headers.get("retry-after");
        const asks = wait && (res.status === 429 || res.status === 503) ? ` (it asks to wait: ${wait})` : "";
        return failed(
          `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}${asks}`,
          statusFix(res.status),
          moved,
        );
      }
      const declared = Number(res.headers.get("content-length") ?? Number.NaN);
      if (declared > o.maxBytes) {
        controller.abort();
        return failed(tooBig(o.maxBytes, `declares ${declared} bytes`), SIZE_FIX, moved);
      }
      const bytes = await readCapped(res, o.maxBytes);
      if (!bytes) {
        controller.abort();
        return failed(tooBig(o.maxBytes, "was cut off"), SIZE_FIX, moved);
      }
      const etag = res.headers.get("etag") ?? undefined;
      const lastModified = res.headers.get("last-modified") ?? undefined;
      return {
        kind: "ok",
        url: url.href,
        bytes,
        contentType: res.headers.get("content-type"),
        moved,
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
      };
    } catch (e) {
      if (controller.signal.reason instanceof Timeout)
        return failed(
          `no complete answer within ${o.timeoutMs} ms`,
          "try again later; if the server is always this slow, raise --timeout",
          moved,
        );
      return failed(networkMessage(e), "check the address in a browser, and your connection", moved);
    } finally {
      clearTimeout(timer);
    }
  }
}

const failed = (message: string, fix: string, moved: Moved | null): Got => ({
  kind: "failed",
  message,
  fix,
  moved,
});

function resolve(location: string, base: URL): URL | null {
  try {
    const u = new URL(location, base);
    return u.protocol === "http:" || u.protocol === "https:" ? u : null;
  } catch {
    return null;
  }
}

/** The body, or null as soon as it passes `max` bytes (the rest is never downloaded). */
async function readCapped(res: Response, max: number): Promise<Uint8Array | null> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const tooBig = (max: number, how: string): string =>
  `the response is over the size cap of ${max} bytes (it ${how})`;
// The cap defaults to the build's own limit for one corpus file: a bigger copy could not be built.
const SIZE_FIX = "a feed that big is most likely not a feed (or holds full archives): check the address";

function statusFix(status: number): string {
  if (status === 404 || status === 410)
    return "the feed is gone or moved: find its new address, or remove the outline";
  if (status === 401 || status === 403)
    return "the server refuses the fetcher: check the address in a browser";
  if (status === 429) return "the server asks for fewer requests: run fetch later, less often";
  if (status >= 500) return "the server failed: try again later";
  return "check the address in a browser";
}

function networkMessage(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (e as { code?: string }).code;
  const known: Record<string, string> = {
    ECONNREFUSED: "the server refused the connection",
    ENOTFOUND: "the host name does not resolve",
    EAI_AGAIN: "the host name could not be resolved (DNS)",
    ECONNRESET: "the connection was reset",
    UND_ERR_SOCKET: "the connection closed before the answer was complete",
  };
  if (code && known[code]) return `${known[code]} (${code})`;
  const detail = cause?.message ?? (e as Error).message ?? String(e);
  return `the request failed: ${detail}${code ? ` (${code})` : ""}`;
}
