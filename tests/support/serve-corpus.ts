// Builds a corpus folder with the real CLI into a temp dir, bundles the Worker against that build and
// serves it in workerd through Miniflare, the way wrangler deploys it. For end-to-end tests of corpora
// other than corpus/ (the vitest-pool-workers project serves .generated/, the build of corpus/ only).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import type { Manifest } from "../../src/shared/manifest";

const ROOT = resolve(__dirname, "../..");

export interface ServedCorpus extends ServedBuild {
  stdout: string;
  stderr: string;
}

/**
 * `files` (name -> path or content) are written to `<tmp>/corpus/` and built from `<tmp>`, so every
 * message and every `file` field names them `corpus/<name>`, as in a real checkout.
 */
export function buildCorpus(files: Record<string, string | Uint8Array>): {
  out: string;
  stdout: string;
  stderr: string;
} {
  const dir = mkdtempSync(join(tmpdir(), "corpus-build-"));
  mkdirSync(join(dir, "corpus"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, "corpus", name), content);
  const out = join(dir, "generated");
  const r = spawnSync(
    join(ROOT, "node_modules/.bin/tsx"),
    [
      join(ROOT, "src/pipeline/cli.ts"),
      "--corpus",
      "corpus",
      "--out",
      out,
      "--config",
      join(ROOT, "wrangler.toml"),
    ],
    { cwd: dir, encoding: "utf8", env: { ...process.env, FEED_STORAGE: "bundle" } },
  );
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
  return { out, stdout: r.stdout, stderr: r.stderr };
}

/** The Worker bundled against the build in `out` and served the way wrangler deploys it. */
export interface ServedBuild {
  mf: Miniflare;
  manifest: Manifest;
  out: string;
  fetch(path: string, init?: { method?: string; headers?: Record<string, string> }): Promise<Response>;
}

export async function serveBuild(out: string, host: string): Promise<ServedBuild> {
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
    out,
    fetch: (path, init) => mf.dispatchFetch(`${host}${path}`, init) as unknown as Promise<Response>,
  };
}

export async function serveCorpus(
  files: Record<string, string | Uint8Array>,
  host: string,
): Promise<ServedCorpus> {
  const { out, stdout, stderr } = buildCorpus(files);
  return { ...(await serveBuild(out, host)), stdout, stderr };
}
