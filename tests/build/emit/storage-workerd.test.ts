// Both storages in workerd, through Miniflare: the real seed corpus built twice (STORAGE=bundle and
// STORAGE=assets) into temp dirs, the Worker bundled against each, and every route fetched from both.
// Same URLs, same status, same headers, same bytes; conditionals and HEAD never touch the assets.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../../src/shared/manifest";

const ROOT = resolve(__dirname, "../../..");
const HOST = "http://news.example";

interface Served {
  mf: Miniflare;
  manifest: Manifest;
  fetch(path: string, init?: { method?: string; headers?: Record<string, string> }): Promise<Response>;
}

/** Builds the corpus with `storage` into a temp dir and serves it the way wrangler deploys it. */
async function serve(storage: "bundle" | "assets"): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), `storage-${storage}-`));
  const out = join(dir, "generated");
  const r = spawnSync(join(ROOT, "node_modules/.bin/tsx"), ["src/build/cli.ts", "--out", out, "--quiet"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, FEED_STORAGE: storage },
  });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  // The Worker imports ../../.generated/*; point those imports at this build.
  const bundled = await build({
    entryPoints: [join(ROOT, "src/worker/index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
    plugins: [
      {
        name: "generated",
        setup(b) {
          b.onResolve({ filter: /\.generated\/[^/]+$/ }, (a) => {
            const name = a.path.split("/").pop() ?? "";
            return name.endsWith(".bin") ? { path: `./${name}`, external: true } : { path: join(out, name) };
          });
        },
      },
    ],
  });
  writeFileSync(join(out, "index.js"), bundled.outputFiles[0]?.contents ?? "");
  const mf = new Miniflare({
    modules: true,
    modulesRoot: out,
    scriptPath: join(out, "index.js"),
    modulesRules: [{ type: "Data", include: ["**/*.bin"] }],
    compatibilityDate: "2026-04-20",
    assets: {
      directory: join(out, "assets"),
      binding: "ASSETS",
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
    },
  });
  await mf.ready;
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
  return {
    mf,
    manifest,
    fetch: (path, init) => mf.dispatchFetch(`${HOST}${path}`, init) as unknown as Promise<Response>,
  };
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
  let bundle: Served;
  let assets: Served;
  beforeAll(async () => {
    [bundle, assets] = await Promise.all([serve("bundle"), serve("assets")]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([bundle?.mf.dispose(), assets?.mf.dispose()]);
  });

  it("the builds chose the storage asked for, with the same routes and validators", () => {
    expect(bundle.manifest.storage).toBe("bundle");
    expect(assets.manifest.storage).toBe("assets");
    expect(assets.manifest.routes).toEqual(bundle.manifest.routes);
    expect(Object.keys(assets.manifest.routes).length).toBeGreaterThan(20);
  });

  it("every route: same status, headers and bytes from both storages (GET and HEAD)", async () => {
    const paths = [...Object.keys(bundle.manifest.routes), "/no/such/page", "/feed.xml/", "/bodies/0.bin"];
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
    const res = await assets.fetch("/bodies/0.bin");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe(assets.manifest.notFound.type);
  });

  it("HEAD's Content-Length is the GET body's length", async () => {
    for (const path of Object.keys(assets.manifest.routes).slice(0, 15)) {
      const head = await assets.fetch(path, { method: "HEAD" });
      const get = await assets.fetch(path);
      const bytes = new Uint8Array(await get.arrayBuffer());
      expect(Number(head.headers.get("content-length")), path).toBe(bytes.length);
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
});
