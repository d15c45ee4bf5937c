// Body storage as the Worker sees it, whichever storage the current build chose (`.generated`): the
// ASSETS binding is wrapped to count fetches, so the tests show that conditionals and HEAD never touch
// body storage, that a body is fetched once and then memoized, and that missing body files give a
// plain 503 rather than a crash. In bundle storage the binding must never be used at all.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/worker/index";
import { BASE, manifest, pathsOf } from "./support";

const assetsMode = manifest.storage === "assets";
const realAssets = (env as unknown as { ASSETS?: Fetcher }).ASSETS;

/** A stand-in ASSETS binding that counts fetches and answers from the real one, or 404 when `broken`. */
function countingAssets(broken = false) {
  const seen: string[] = [];
  const binding = {
    async fetch(input: Request | string): Promise<Response> {
      const req = input instanceof Request ? input : new Request(input);
      seen.push(new URL(req.url).pathname);
      if (broken || !realAssets) return new Response("missing", { status: 404 });
      return realAssets.fetch(req);
    },
  };
  return { seen, env: { ASSETS: binding as unknown as Fetcher } };
}

async function send(path: string, init: RequestInit, e: unknown, base = BASE): Promise<Response> {
  const ctx = createExecutionContext();
  const handler = worker as unknown as {
    fetch(r: Request, env: unknown, ctx: ExecutionContext): Response | Promise<Response>;
  };
  const res = await handler.fetch(new Request(`${base}${path}`, init), e, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

// Each test uses its own routes: bodies are memoized per isolate, so a route served once is never
// fetched again.
const html = pathsOf("html");
const json = pathsOf("json");

describe(`body storage (${manifest.storage})`, () => {
  it("conditional GETs and HEADs are answered without touching body storage", async () => {
    const path = html[0] ?? "/";
    const probe = countingAssets();
    const head = await send(path, { method: "HEAD" }, probe.env);
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(0);
    const etag = head.headers.get("etag") ?? "";
    const lm = head.headers.get("last-modified") ?? "";
    const conditionals: Record<string, string>[] = [{ "If-None-Match": etag }, { "If-Modified-Since": lm }];
    for (const headers of conditionals) {
      const res = await send(path, { headers }, probe.env);
      expect(res.status).toBe(304);
    }
    // Assets storage reads the route's table shard; never a body file.
    expect(probe.seen.filter((p) => !p.startsWith("/routes/"))).toEqual([]);
  });

  it("a body is read from storage once, then memoized", async () => {
    const path = json[0] ?? "/api/tags";
    const probe = countingAssets();
    const first = await (await send(path, {}, probe.env)).text();
    const second = await (await send(path, {}, probe.env)).text();
    expect(second).toBe(first);
    expect(first.length).toBeGreaterThan(0);
    // The files holding the body's unique chunks, each once (a small body fits one file).
    expect(probe.seen.length > 0).toBe(assetsMode);
    expect(new Set(probe.seen).size).toBe(probe.seen.length);
    for (const p of probe.seen) expect(p).toMatch(/^\/(gzip|routes)\/\d+\.bin$/);
  });

  it("missing body files give a plain 503 with Retry-After (assets storage), never a crash", async () => {
    const path = html[1] ?? html[0] ?? "/";
    const probe = countingAssets(true);
    const res = await send(path, {}, probe.env, "http://broken.example");
    if (assetsMode) {
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("30");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.text()).toMatch(/unavailable/);
    } else {
      expect(res.status).toBe(200);
      expect(probe.seen).toEqual([]);
    }
  });

  it("without any ASSETS binding, bundle storage still serves everything", async () => {
    const path = html[2] ?? html[0] ?? "/";
    const res = await send(path, {}, {});
    expect(res.status).toBe(assetsMode ? 503 : 200);
  });
});
