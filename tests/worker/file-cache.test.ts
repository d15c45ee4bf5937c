// Asset reads in workerd (issue 11): a request never awaits a read another request started (workerd
// stalls or cancels it as hung), yet concurrent misses still cost one read; every read is bounded in
// time and size and fails as BodyUnavailable. Work is bounded by steps, never by the clock: the waits
// are counted, and the one timeout used is against a binding that never answers at all.
import { describe, expect, it } from "vitest";
import { assetReader } from "../../src/worker/assets-read";
import { BodyUnavailable, FileCache, type FileFetcher } from "../../src/worker/store";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A read that settles when the test says so, recording its calls. */
function gatedFetcher(bytes: Uint8Array) {
  const calls: string[] = [];
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const fetch: FileFetcher = async (path) => {
    calls.push(path);
    await gate;
    return bytes.slice().buffer;
  };
  return { calls, fetch, open: () => open() };
}

/**
 * A wait of one macrotask whatever it is asked, counting itself, so "waited N times" replaces "waited
 * N ms": pending microtasks (a read the test has let go) always run before it returns.
 */
function countingWait() {
  const log = { waits: 0 };
  const wait = () =>
    new Promise<void>((resolve) => {
      log.waits++;
      setTimeout(resolve, 0);
    });
  return { log, wait };
}

describe("FileCache across requests", () => {
  it("one request's concurrent misses share one read", async () => {
    const a = gatedFetcher(enc.encode("file"));
    const cache = new FileCache(1 << 20);
    const both = Promise.all([cache.get("/f", a.fetch, false), cache.get("/f", a.fetch, false)]);
    a.open();
    const [x, y] = await both;
    expect(a.calls).toEqual(["/f"]);
    expect(dec.decode(x ?? new Uint8Array())).toBe("file");
    expect(y).toBe(x);
  });

  it("another request waits on its own timer and takes the bytes: no second read, no shared promise", async () => {
    const { log, wait } = countingWait();
    const cache = new FileCache(1 << 20, wait, 1000);
    const a = gatedFetcher(enc.encode("body file"));
    const b = gatedFetcher(enc.encode("never read"));
    const first = cache.get("/bodies/0.bin", a.fetch, false);
    const second = cache.get("/bodies/0.bin", b.fetch, false);
    // B polls while A's read is pending; A's read then lands in the memo.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    a.open();
    const [x, y] = await Promise.all([first, second]);
    expect(a.calls).toEqual(["/bodies/0.bin"]);
    expect(b.calls).toEqual([]);
    expect(dec.decode(y ?? new Uint8Array())).toBe("body file");
    expect(y).toBe(x);
    expect(log.waits).toBeGreaterThan(0);
  });

  it("when the other request's read never settles (its request was cancelled), a waiter reads itself", async () => {
    const { log, wait } = countingWait();
    const cache = new FileCache(1 << 20, wait, 500);
    const stuck = gatedFetcher(enc.encode("x")); // never opened
    void cache.get("/bodies/1.bin", stuck.fetch, false);
    const own = gatedFetcher(enc.encode("own read"));
    own.open();
    const got = await cache.get("/bodies/1.bin", own.fetch, false);
    expect(dec.decode(got ?? new Uint8Array())).toBe("own read");
    expect(own.calls).toEqual(["/bodies/1.bin"]);
    // Bounded: a few dozen looks at most before giving up on the other read.
    expect(log.waits).toBeGreaterThan(0);
    expect(log.waits).toBeLessThan(40);
  });

  it("a failed read by one request leaves the next to read for itself", async () => {
    const cache = new FileCache(1 << 20, countingWait().wait, 500);
    expect(await cache.get("/gone", async () => null, true)).toBeNull();
    const again = gatedFetcher(enc.encode("back"));
    again.open();
    expect(dec.decode((await cache.get("/gone", again.fetch, true)) ?? new Uint8Array())).toBe("back");
  });
});

/** A stand-in ASSETS binding. */
function binding(answer: (path: string) => Response | Promise<Response>): Fetcher {
  return {
    fetch: async (input: Request | string) =>
      answer(new URL(input instanceof Request ? input.url : input).pathname),
  } as unknown as Fetcher;
}

describe("assetReader: every read is bounded", () => {
  it("reads a file, and a missing one is null", async () => {
    const read = assetReader(
      binding((p) => (p === "/a.bin" ? new Response("abc") : new Response("", { status: 404 }))),
    );
    expect(dec.decode((await read("/a.bin")) ?? new ArrayBuffer(0))).toBe("abc");
    expect(await read("/b.bin")).toBeNull();
    expect(await assetReader(undefined)("/a.bin")).toBeNull();
  });

  it("a file over the cap is refused, whether its length is declared or not", async () => {
    const limits = { timeoutMs: 60_000, maxBytes: 10 };
    const declared = assetReader(
      binding(() => new Response("x".repeat(11))),
      limits,
    );
    await expect(declared("/big")).rejects.toBeInstanceOf(BodyUnavailable);
    const streamed = assetReader(
      binding(() => {
        const body = new ReadableStream<Uint8Array>({
          pull(c) {
            c.enqueue(enc.encode("xxxx")); // endless: only the cap ends it
          },
        });
        return new Response(body);
      }),
      limits,
    );
    await expect(streamed("/endless")).rejects.toThrow(/over 10 bytes/);
  });

  it("a binding that never answers is a BodyUnavailable, not a hang", async () => {
    const never = assetReader(
      binding(() => new Promise<Response>(() => {})),
      { timeoutMs: 1, maxBytes: 100 },
    );
    await expect(never("/slow")).rejects.toThrow(/no complete answer/);
  });

  it("a body that stalls after its headers is a BodyUnavailable too", async () => {
    const stall = assetReader(
      binding(() => new Response(new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) }))),
      { timeoutMs: 1, maxBytes: 100 },
    );
    await expect(stall("/stall")).rejects.toBeInstanceOf(BodyUnavailable);
  });
});
