// Both storages in workerd, through Miniflare: the real seed corpus built twice (STORAGE=bundle and
// STORAGE=assets) into temp dirs, the Worker bundled against each, and every route fetched from both.
// Same URLs, same status, same headers, same bytes; conditionals and HEAD never touch the assets. The
// dynamic /api/articles query too, whose assets-storage index lives in asset files and bodies.bin.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasBrotliBody } from "../../../src/shared/manifest";
import { parseApiQuery } from "../../../src/worker/api-query";
import { shortHash } from "../../../src/worker/hash";
import { type ServedBuild, serveBuild } from "../../support/serve-corpus";

const ROOT = resolve(__dirname, "../../..");
const HOST = "http://news.example";

/** Builds the corpus with `storage` into a temp dir and serves it the way wrangler deploys it. */
async function serve(storage: "bundle" | "assets", withoutShards = false): Promise<ServedBuild> {
  const dir = mkdtempSync(join(tmpdir(), `storage-${storage}-`));
  const out = join(dir, "generated");
  const r = spawnSync(join(ROOT, "node_modules/.bin/tsx"), ["src/pipeline/cli.ts", "--out", out, "--quiet"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, FEED_STORAGE: storage },
  });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  // A deployment that lost its route-table shards (assets storage).
  if (withoutShards) rmSync(join(out, "assets", "routes"), { recursive: true });
  return serveBuild(out, HOST);
}

/** A copy of an assets-storage build that lost its API index parts (the rest of the API files stay). */
async function withoutApiIndex(s: ServedBuild): Promise<ServedBuild> {
  const out = join(mkdtempSync(join(tmpdir(), "storage-apiless-")), "generated");
  cpSync(s.out, out, { recursive: true });
  rmSync(join(out, "assets", "api-index"), { recursive: true });
  return serveBuild(out, HOST);
}

const HEADERS = [
  "content-type",
  "etag",
  "last-modified",
  "cache-control",
  "link",
  "access-control-allow-origin",
  "content-security-policy",
  "x-content-type-options",
];

describe("bundle and assets storage in workerd (Miniflare)", { timeout: 120_000 }, () => {
  let bundle: ServedBuild;
  let assets: ServedBuild;
  let shardless: ServedBuild;
  let apiless: ServedBuild;
  beforeAll(async () => {
    [bundle, assets, shardless] = await Promise.all([
      serve("bundle"),
      serve("assets"),
      serve("assets", true),
    ]);
    apiless = await withoutApiIndex(assets);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([
      bundle?.mf.dispose(),
      assets?.mf.dispose(),
      shardless?.mf.dispose(),
      apiless?.mf.dispose(),
    ]);
  });

  it("assets storage: routes.bin is a shard directory, the records are asset files", () => {
    const files = readdirSync(join(assets.out, "assets", "routes"));
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => /^\d+\.bin$/.test(f))).toBe(true);
  });

  it("a missing route shard: 503 with Retry-After for GET, HEAD and conditionals alike, never a crash", async () => {
    const path = Object.keys(assets.manifest.routes)[0] ?? "/";
    const etag = assets.manifest.routes[path]?.etag ?? "";
    for (const init of [{}, { method: "HEAD" }, { headers: { "If-None-Match": etag } }]) {
      const res = await shardless.fetch(path, init);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("30");
      expect(res.headers.get("cache-control")).toBe("no-store");
      await res.arrayBuffer();
    }
    // ServedBuild again as soon as the shard is there: nothing about the failure is remembered.
    const ok = await assets.fetch(path);
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
  });

  it("the builds chose the storage asked for, with the same routes and validators", () => {
    expect(bundle.manifest.storage).toBe("bundle");
    expect(assets.manifest.storage).toBe("assets");
    expect(assets.manifest.routes).toEqual(bundle.manifest.routes);
    expect(Object.keys(assets.manifest.routes).length).toBeGreaterThan(20);
  });

  // First, while every route is cold: issue 11's 500s ("code had hung") came from requests awaiting
  // an asset read another request had started. All at once, each route under several Hosts.
  it("many concurrent cold requests in assets storage: all answered, right bytes per Host, no 5xx", async () => {
    const paths = [...Object.keys(bundle.manifest.routes), "/no/such/page"];
    const hosts = Array.from({ length: 6 }, (_, i) => `http://h${i}.example`);
    const asks = paths.flatMap((path) => hosts.map((host) => ({ path, host })));
    const send = (s: ServedBuild, a: { path: string; host: string }) =>
      (s.mf.dispatchFetch(`${a.host}${a.path}`) as unknown as Promise<Response>).then(async (r) => ({
        status: r.status,
        text: await r.text(),
      }));
    const got = await Promise.all(asks.map((a) => send(assets, a)));
    const want = await Promise.all(asks.map((a) => send(bundle, a)));
    expect(asks.length).toBeGreaterThan(200);
    asks.forEach((a, i) => {
      const what = `${a.host}${a.path}`;
      expect(got[i]?.status, what).toBeLessThan(500);
      expect(got[i]?.status, what).toBe(want[i]?.status);
      expect(got[i]?.text, what).toBe(want[i]?.text);
    });
  });

  it("every route: same status, headers and bytes from both storages (GET and HEAD)", async () => {
    const paths = [...Object.keys(bundle.manifest.routes), "/no/such/page", "/feed.xml/", "/gzip/0.bin"];
    for (const path of paths) {
      for (const method of ["GET", "HEAD"]) {
        const [a, b] = await Promise.all([bundle.fetch(path, { method }), assets.fetch(path, { method })]);
        expect(b.status, `${method} ${path}`).toBe(a.status);
        for (const h of HEADERS) expect(b.headers.get(h), `${method} ${path} ${h}`).toBe(a.headers.get(h));
        const [ta, tb] = [await a.text(), await b.text()];
        expect(tb, `${method} ${path}`).toBe(ta);
        if (method === "GET" && a.status === 200) {
          if (bundle.manifest.routes[path]?.gaps) expect(ta).toContain(HOST);
          expect(ta).not.toContain(bundle.manifest.originToken);
        }
      }
    }
  });

  it("body files are never served directly (the Worker runs first and answers 404)", async () => {
    const res = await assets.fetch("/gzip/0.bin");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe(assets.manifest.notFound.type);
  });

  // Miniflare does what the platform does: the Worker sees `Accept-Encoding: br, gzip` and the client's
  // own header in `cf.clientAcceptEncoding`, which the Worker follows. undici decodes gzip and br.
  it("HEAD's Content-Length is the GET body's length (identity)", async () => {
    const headers = { "Accept-Encoding": "identity" };
    for (const path of Object.keys(assets.manifest.routes).slice(0, 15)) {
      const head = await assets.fetch(path, { method: "HEAD", headers });
      const get = await assets.fetch(path, { headers });
      expect(get.headers.get("content-encoding"), path).toBeNull();
      const bytes = new Uint8Array(await get.arrayBuffer());
      expect(Number(head.headers.get("content-length")), path).toBe(bytes.length);
    }
  });

  it("HEAD's Content-Length for a coded body is the same in both storages", async () => {
    const headers = { "Accept-Encoding": "gzip, br" };
    for (const path of Object.keys(assets.manifest.routes).slice(0, 15)) {
      const [a, b] = await Promise.all([
        bundle.fetch(path, { method: "HEAD", headers }),
        assets.fetch(path, { method: "HEAD", headers }),
      ]);
      expect(Number(b.headers.get("content-length")), path).toBe(Number(a.headers.get("content-length")));
      expect(Number(a.headers.get("content-length")), path).toBeGreaterThan(0);
    }
  });

  it("every route is served coded (br where it has a brotli body, else gzip) and decodes the same", async () => {
    for (const path of Object.keys(bundle.manifest.routes)) {
      const entry = bundle.manifest.routes[path];
      const suffix = entry && hasBrotliBody(entry) ? "br" : "gz";
      const bodies: Buffer[] = [];
      for (const s of [bundle, assets]) {
        const res = await s.fetch(path, { headers: { "Accept-Encoding": "gzip, br" } });
        const what = `${s.manifest.storage} ${path}`;
        expect(res.headers.get("vary"), what).toBe("Accept-Encoding");
        expect(res.headers.get("etag")?.endsWith(`-${suffix}"`), what).toBe(true);
        // Bytes, not text: some bodies are images.
        bodies.push(Buffer.from(await res.arrayBuffer()));
      }
      expect(bodies[1]?.equals(bodies[0] ?? Buffer.alloc(0)), path).toBe(true);
      if (entry?.gaps === 0) expect(bodies[0]?.length, path).toBe(entry.size);
    }
  });

  it("conditionals: 304 with the same validators in both storages", async () => {
    const path = "/feed.xml";
    const etag = (await bundle.fetch(path)).headers.get("etag") ?? "";
    for (const s of [bundle, assets]) {
      const res = await s.fetch(path, { headers: { "If-None-Match": etag } });
      expect(res.status).toBe(304);
      expect(await res.text()).toBe("");
    }
  });

  /** Every kind of query: paging, tags, exact and prefix terms, dates, and each kind of error. */
  const API_QUERIES = [
    "",
    "?limit=1",
    "?limit=2",
    "?limit=100",
    "?tag=llama",
    "?tag=meta&tag=llama",
    "?tag=yann-lecun&limit=1",
    "?q=lecun",
    "?q=lecun%20",
    "?q=meta%20llama",
    "?q=mod",
    "?q=yann%20lec",
    "?q=zzzznotaword",
    "?q=a",
    "?since=2020-01-01",
    "?until=2000-01-01",
    "?since=2020-01-01&until=2030-12-31&q=meta&tag=meta",
    "?limit=0",
    "?limit=abc",
    "?tag=no-such-tag",
    "?cursor=!!",
    "?since=yesterday",
    "?color=red",
    "?q=1&q=2",
  ];

  async function sameApiAnswer(query: string, init?: { method?: string; headers?: Record<string, string> }) {
    const what = `${init?.method ?? "GET"} /api/articles${query} ${JSON.stringify(init?.headers ?? {})}`;
    const [a, b] = await Promise.all([
      bundle.fetch(`/api/articles${query}`, init),
      assets.fetch(`/api/articles${query}`, init),
    ]);
    expect(b.status, what).toBe(a.status);
    for (const h of [...HEADERS, "content-length", "vary", "retry-after"]) {
      if (h === "etag") continue; // per build (below)
      expect(b.headers.get(h), `${what} ${h}`).toBe(a.headers.get(h));
    }
    const [ta, tb] = [await a.text(), await b.text()];
    expect(tb, what).toBe(ta);
    return { a, b, text: ta };
  }

  /** The ETag each build must send: its buildId, the normalized query and the origin. */
  function expectedEtag(s: ServedBuild, query: string): string {
    const api = bundle.manifest.api;
    if (!api) throw new Error("seed build has no API");
    const parsed = parseApiQuery(new URLSearchParams(query), api);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const origin = s.manifest.origin === null ? HOST : "";
    return `"q-${shortHash(`${s.manifest.buildId}\n${parsed.normalized}\n${origin}`)}"`;
  }

  it("assets storage keeps the API index out of the Worker: bodies.bin is empty, the index is asset files", () => {
    expect(readdirSync(join(assets.out, "assets", "api-index")).sort()).toEqual(["core.bin", "terms.bin"]);
    expect(statSync(join(assets.out, "bodies.bin")).size).toBe(0);
    expect(bundle.manifest.api).toBeDefined();
    expect(bundle.manifest.apiAssets).toBeUndefined();
    expect(assets.manifest.api).toBeUndefined();
    const desc = assets.manifest.apiAssets;
    expect(desc?.count).toBe(bundle.manifest.api?.count);
    expect(desc?.tagSlugs).toEqual(bundle.manifest.api?.tagSlugs);
    expect(desc?.vocabularySize).toBe(bundle.manifest.api?.vocabulary.length);
    expect(desc?.summaryFiles).toBeGreaterThan(0);
    expect(desc?.postingsFiles).toBeGreaterThan(0);
  });

  it("every API query in the table: same status, headers and bytes (GET and HEAD)", async () => {
    for (const query of API_QUERIES) {
      for (const method of ["GET", "HEAD"]) {
        const { a, b } = await sameApiAnswer(query, { method });
        if (a.status === 200) {
          expect(a.headers.get("etag"), query).toBe(expectedEtag(bundle, query));
          expect(b.headers.get("etag"), query).toBe(expectedEtag(assets, query));
        } else {
          expect(b.headers.get("etag"), query).toBe(a.headers.get("etag"));
        }
      }
    }
  });

  it("API answers hold real items with the request's origin, and paging follows next_cursor", async () => {
    const first = await sameApiAnswer("?limit=2");
    const body = JSON.parse(first.text) as {
      items: { url: string }[];
      next_cursor: string | null;
      total: number;
    };
    expect(body.total).toBe(bundle.manifest.api?.count);
    expect(body.items).toHaveLength(2);
    expect(body.items[0]?.url.startsWith(`${HOST}/`)).toBe(true);
    expect(first.text).not.toContain(bundle.manifest.originToken);
    let cursor = body.next_cursor;
    let seen = body.items.length;
    for (let guard = 0; cursor && guard < 20; guard++) {
      const page = await sameApiAnswer(`?limit=2&cursor=${cursor}`);
      const next = JSON.parse(page.text) as { items: unknown[]; next_cursor: string | null };
      seen += next.items.length;
      cursor = next.next_cursor;
    }
    expect(seen).toBe(body.total);
  });

  it("API conditionals: 304 for the build's own ETag and Last-Modified, in both storages", async () => {
    for (const s of [bundle, assets]) {
      const etag = expectedEtag(s, "?tag=llama");
      const res = await s.fetch("/api/articles?tag=llama", { headers: { "If-None-Match": etag } });
      expect(res.status).toBe(304);
      expect(res.headers.get("etag")).toBe(etag);
      expect(await res.text()).toBe("");
      const lm = (await s.fetch("/api/articles")).headers.get("last-modified") ?? "";
      const ims = await s.fetch("/api/articles?q=lecun", { headers: { "If-Modified-Since": lm } });
      expect(ims.status).toBe(304);
    }
    // The other build's ETag does not match (its bytes could differ): a full answer.
    const foreign = await assets.fetch("/api/articles?tag=llama", {
      headers: { "If-None-Match": expectedEtag(bundle, "?tag=llama") },
    });
    expect(foreign.status).toBe(200);
  });

  it("a missing API index: 503 with Retry-After for GET, HEAD and cursor queries; routes still served", async () => {
    const first = JSON.parse(await (await assets.fetch("/api/articles?limit=1")).text()) as {
      next_cursor: string;
    };
    for (const [query, init] of [
      ["", {}],
      ["?q=lecun", { method: "HEAD" }],
      [`?limit=1&cursor=${first.next_cursor}`, {}],
    ] as const) {
      const res = await apiless.fetch(`/api/articles${query}`, init);
      expect(res.status, query).toBe(503);
      expect(res.headers.get("retry-after")).toBe("30");
      expect(res.headers.get("cache-control")).toBe("no-store");
      await res.arrayBuffer();
    }
    // Without a cursor, a conditional needs no index: still a 304.
    const etag = expectedEtag(apiless, "?tag=llama");
    const not = await apiless.fetch("/api/articles?tag=llama", { headers: { "If-None-Match": etag } });
    expect(not.status).toBe(304);
    const page = await apiless.fetch("/");
    expect(page.status).toBe(200);
    await page.arrayBuffer();
  });

  it("API data files are never served directly", async () => {
    for (const path of [
      "/api-summaries/0.bin",
      "/api-postings/0.bin",
      "/api-index/core.bin",
      "/api-index/terms.bin",
    ]) {
      const res = await assets.fetch(path);
      expect(res.status, path).toBe(404);
    }
  });
});
