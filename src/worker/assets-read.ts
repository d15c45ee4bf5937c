// Reads files through the ASSETS binding for ONE request, bounded in time and in size, so a slow or
// broken asset store turns into a BodyUnavailable (a 503 with Retry-After), never a hung request.
// A fresh reader per request is what keeps I/O inside the request that awaits it (see store.ts).
import { BodyUnavailable, type FileFetcher } from "./store";

export interface ReadLimits {
  /** Whole read (answer and body), in milliseconds of the request's clock. */
  timeoutMs: number;
  /** Largest file accepted; the platform caps a static asset at 25 MiB. */
  maxBytes: number;
}

export const ASSET_LIMITS: ReadLimits = { timeoutMs: 10_000, maxBytes: 25 * 1024 * 1024 };

/** Never answered from a real host: the binding only looks at the path. */
const ASSETS_HOST = "https://assets.invalid";

/** A FileFetcher for one request: null for a missing file, BodyUnavailable past a limit. */
export function assetReader(binding: Fetcher | undefined, limits: ReadLimits = ASSET_LIMITS): FileFetcher {
  return (path) => (binding ? bounded(binding, path, limits) : Promise.resolve(null));
}

async function bounded(binding: Fetcher, path: string, limits: ReadLimits): Promise<ArrayBuffer | null> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new BodyUnavailable(`asset ${path}: no complete answer within ${limits.timeoutMs} ms`));
    }, limits.timeoutMs);
  });
  try {
    return await Promise.race([read(binding, path, limits.maxBytes, abort.signal), deadline]);
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}

async function read(
  binding: Fetcher,
  path: string,
  maxBytes: number,
  signal: AbortSignal,
): Promise<ArrayBuffer | null> {
  const res = await binding.fetch(new Request(`${ASSETS_HOST}${path}`, { signal }));
  if (!res.ok) {
    await res.body?.cancel();
    return null;
  }
  const tooBig = () => new BodyUnavailable(`asset ${path} is over ${maxBytes} bytes`);
  const declared = res.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared)) {
    if (Number(declared) > maxBytes) {
      await res.body?.cancel();
      throw tooBig();
    }
    return res.arrayBuffer();
  }
  // No length up front: count while reading, and stop at the cap.
  if (!res.body) return new ArrayBuffer(0);
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooBig();
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out.buffer;
}
