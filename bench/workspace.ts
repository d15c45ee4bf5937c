// One throwaway copy of the project per corpus size, so builds and bundles never touch the main checkout's
// .generated (others test against it) and the Worker's fixed `../../.generated/...` import still resolves.
import { execSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parse, stringify } from "smol-toml";

export interface BuildResult {
  seconds: number;
  userSeconds: number;
  sysSeconds: number;
  peakRssMiB: number;
  routes: number;
  bodiesBytes: number;
  manifestBytes: number;
  /** Where route bodies ended up: in the Worker bundle, or as Workers Static Assets files. */
  storage: string;
  /** Static asset files the build wrote (assets storage), and their total size. */
  assetFiles: number;
  assetBytes: number;
  largestAssetBytes: number;
  /** The five biggest responses (body bytes without the origin), to spot output that grows with n². */
  largestRoutes: { path: string; size: number }[];
  /** First line of the build's own report, e.g. "Build report: 1000 articles, 120 stories". */
  reportHeadline: string;
  /** What an upload carries: assets/ plus the Worker's modules bodies.bin, routes.bin, worker.json. */
  deployedBytes: number;
  /** sha256 over every output file (path and bytes), to compare builds; null unless asked for. */
  outputHash: string | null;
  /** The build's line about its extraction cache ("" for a build without one). */
  cacheNote: string;
}

export interface BundleResult {
  /** Sum of the modules wrangler would upload (no source map). */
  rawBytes: number;
  /** Sum of each module gzipped at level 9 (how the gzip limit is counted: per upload, compressed). */
  gzipBytes: number;
  /** Wrangler's own "Total Upload: X KiB / gzip: Y KiB" line, verbatim. */
  wranglerLine: string;
  seconds: number;
  modules: { name: string; bytes: number }[];
}

export function prepareWorkspace(repo: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const item of ["src", "package.json", "tsconfig.json", "tsconfig.worker.json"]) {
    if (existsSync(join(repo, item))) cpSync(join(repo, item), join(dir, item), { recursive: true });
  }
  symlinkSync(join(repo, "node_modules"), join(dir, "node_modules"));
  // Without [build]: the bench runs (and times) the build itself, and wrangler must not rebuild from corpus/.
  const toml = parse(readFileSync(join(repo, "wrangler.toml"), "utf8")) as Record<string, unknown>;
  delete toml.build;
  writeFileSync(join(dir, "wrangler.toml"), stringify(toml));
  mkdirSync(join(dir, ".generated"), { recursive: true });
}

/** A repo-shaped directory holding REV's sources (and `repo`'s node_modules and wrangler.toml). */
export function checkoutRev(repo: string, rev: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execSync(
    `git -C ${repo} archive ${rev} src package.json tsconfig.json tsconfig.worker.json | tar -x -C ${dir}`,
  );
  writeFileSync(join(dir, "wrangler.toml"), readFileSync(join(repo, "wrangler.toml")));
  symlinkSync(join(repo, "node_modules"), join(dir, "node_modules"));
}

function fail(what: string, r: ReturnType<typeof spawnSync>): never {
  // Native stack frames (an OOM prints dozens) say nothing useful to the reader of the report.
  const text = `${String(r.stderr)}\n${String(r.stdout)}`
    .split("\n")
    .filter((l) => l.trim() && !/^\s*\d+: 0x/.test(l))
    .slice(-12)
    .join("\n");
  throw new Error(`${what} failed (exit ${r.status}):\n${text}`);
}

/** Runs the project's build; one that fails or runs past `timeoutSeconds` throws (that is a result). */
export function runBuild(
  dir: string,
  corpusDir: string,
  timeoutSeconds: number,
  opts: { out?: string; args?: string[]; hash?: boolean } = {},
): BuildResult {
  if (!existsSync(join(dir, "src/pipeline/cli.ts")))
    throw new Error("src/pipeline/cli.ts does not exist yet");
  const r = timedBuild(dir, corpusDir, timeoutSeconds, opts.out ?? join(dir, ".generated"), opts.args ?? []);
  return opts.hash ? { ...r, outputHash: hashTree(opts.out ?? join(dir, ".generated")) } : r;
}

/** Whether the build takes `--threads N` (another change adds it; the bench must run either way). */
export function buildHasThreads(dir: string): boolean {
  const cli = join(dir, "src/pipeline/cli.ts");
  return existsSync(cli) && readFileSync(cli, "utf8").includes('"--threads"');
}

/** Whether the build has an extraction cache (`--no-cache`, `--cache-dir DIR`). */
export function buildHasCache(dir: string): boolean {
  const cli = join(dir, "src/pipeline/cli.ts");
  return existsSync(cli) && readFileSync(cli, "utf8").includes('"--no-cache"');
}

function hashTree(root: string): string {
  const h = createHash("sha256");
  const visit = (rel: string): void => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visit(p);
      // The report may carry timings (item 4): not output a client sees.
      else if (e.name !== "build-report.txt")
        h.update(p)
          .update("\0")
          .update(readFileSync(join(root, p)))
          .update("\0");
    }
  };
  if (existsSync(root)) visit("");
  return h.digest("hex");
}

function walk(dir: string): { bytes: number; files: number; largest: number } {
  const out = { bytes: 0, files: 0, largest: 0 };
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const sub = walk(p);
      out.bytes += sub.bytes;
      out.files += sub.files;
      out.largest = Math.max(out.largest, sub.largest);
    } else {
      const size = statSync(p).size;
      out.bytes += size;
      out.files++;
      out.largest = Math.max(out.largest, size);
    }
  }
  return out;
}

/** Runs one build under GNU time (peak RSS of the largest process in the tree, wall seconds). */
function timedBuild(
  dir: string,
  corpusDir: string,
  timeoutSeconds: number,
  out: string,
  extraArgs: string[],
): BuildResult {
  const script = join(dir, "src/pipeline/cli.ts");
  const timeFile = join(dir, "time.txt");
  // Every build the bench times is cold unless the caller gives it a cache folder: the workspace's
  // node_modules is the repo's (a symlink), and its default cache would carry results between runs.
  const cacheArgs = buildHasCache(dir) && !extraArgs.includes("--cache-dir") ? ["--no-cache"] : [];
  const r = spawnSync(
    "/usr/bin/time",
    [
      "-f",
      "%e %U %S %M",
      "-o",
      timeFile,
      // timeout kills the whole process group (tsx runs node as a child), so nothing outlives the box.
      "timeout",
      "-s",
      "KILL",
      String(timeoutSeconds),
      // The same command as `npm run build` (package.json): a large corpus needs the bigger heap.
      process.execPath,
      "--max-old-space-size=12288",
      "--import",
      "tsx",
      script,
      "--corpus",
      corpusDir,
      "--out",
      out,
      "--quiet",
      ...cacheArgs,
      ...extraArgs,
    ],
    {
      cwd: dir,
      env: process.env,
      encoding: "utf8",
      maxBuffer: 256 << 20,
    },
  );
  if (readFileSync(timeFile, "utf8").includes("signal 9")) {
    throw new Error(`build killed after the ${timeoutSeconds} s time box`);
  }
  if (r.status !== 0) fail("build (src/pipeline/cli.ts)", r);
  const [secs, user, sys, kib] = readFileSync(timeFile, "utf8").trim().split("\n").pop()?.split(" ") ?? [];
  const manifestPath = join(out, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    routes: Record<string, { size?: number }>;
    storage?: string;
  };
  const reportPath = join(out, "build-report.txt");
  const largestRoutes = Object.entries(manifest.routes)
    .map(([path, r]) => ({ path, size: r.size ?? 0 }))
    .sort((a, b) => b.size - a.size)
    .slice(0, 5);
  const assets = walk(join(out, "assets"));
  const fileSize = (f: string): number => (existsSync(join(out, f)) ? statSync(join(out, f)).size : 0);
  return {
    storage: manifest.storage ?? "bundle",
    assetFiles: assets.files,
    assetBytes: assets.bytes,
    largestAssetBytes: assets.largest,
    seconds: Number(secs),
    userSeconds: Number(user),
    sysSeconds: Number(sys),
    peakRssMiB: Number(kib) / 1024,
    routes: Object.keys(manifest.routes).length,
    bodiesBytes: fileSize("bodies.bin"),
    manifestBytes: statSync(manifestPath).size,
    largestRoutes,
    reportHeadline: existsSync(reportPath) ? (readFileSync(reportPath, "utf8").split("\n")[0] ?? "") : "",
    deployedBytes: assets.bytes + fileSize("bodies.bin") + fileSize("routes.bin") + fileSize("worker.json"),
    outputHash: null,
    cacheNote: /\d+ of \d+ files from the cache[^\n]*|extraction cache off/.exec(r.stdout)?.[0] ?? "",
  };
}

export function dryRun(dir: string): BundleResult {
  const out = join(dir, "dist");
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const r = spawnSync(join(dir, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", out], {
    cwd: dir,
    timeout: 300_000,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NODE_OPTIONS: "--max-old-space-size=8192" },
    encoding: "utf8",
    maxBuffer: 256 << 20,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) fail("wrangler deploy --dry-run", r);
  const modules = readdirSync(out)
    .filter((f) => !f.endsWith(".map") && f !== "README.md")
    .map((name) => ({ name, bytes: statSync(join(out, name)).size }));
  let gzipBytes = 0;
  for (const m of modules) gzipBytes += gzipSync(readFileSync(join(out, m.name)), { level: 9 }).length;
  return {
    rawBytes: modules.reduce((s, m) => s + m.bytes, 0),
    gzipBytes,
    wranglerLine: /Total Upload:[^\n]*/.exec(r.stdout)?.[0] ?? "(no Total Upload line)",
    seconds,
    modules,
  };
}
