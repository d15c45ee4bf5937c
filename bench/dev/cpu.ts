// `npx tsx bench/dev/cpu.ts [--corpus DIR] [--storage bundle|assets] [--base REV] [--rounds R] [--seconds S]
// [--only NAME,..] [--reuse [--rebundle]]`: this tree's Worker, the constant Worker replaying its answers,
// and with --base REV's Worker, all in plain `workerd serve` (bench/workerd.ts, bench/constant.ts) and
// driven by wrk in the same rotating rounds (bench/compare.ts), on more cases than the bench's feed
// (an article, a brotli stylesheet) and either storage. What it adds to `npm run bench` (no base) and
// bench/ab.ts (no constant, bundle only): a change's CPU per request against both the limit and its base.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { parse, stringify } from "smol-toml";
import type { Manifest } from "../../src/shared/manifest";
import { type Contender, compare } from "../compare";
import { type Captured, capturer, rawGet, sameReplay, startConstantWorker } from "../constant";
import type { WorkerServer } from "../serve";
import { readWranglerToml, startWorkerd, workerdSpecOf } from "../workerd";
import { checkoutRev, dryRun, prepareWorkspace, runBuild } from "../workspace";

const REPO = resolve(import.meta.dirname, "../..");
const argv = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 ? (argv[i + 1] ?? dflt) : dflt;
};
const CORPUS = resolve(arg("--corpus", join(REPO, "corpus")));
const STORAGE = arg("--storage", "bundle");
const BASE = arg("--base", "");
const ROUNDS = Number(arg("--rounds", "4"));
const SECONDS = Number(arg("--seconds", "3"));
const ONLY = arg("--only", "");
const REUSE = argv.includes("--reuse");
const TMP = arg("--tmp", "/tmp/wcpu-bench");
const log = (m: string): void => console.error(`[cpu ${new Date().toISOString().slice(11, 19)}] ${m}`);

/** Builds `repo`'s sources on CORPUS in STORAGE into `ws` and bundles them (skipped with --reuse). */
function prepare(repo: string, ws: string): void {
  if (REUSE && existsSync(join(ws, "dist/index.js"))) {
    // The same build, this tree's Worker sources bundled again.
    if (repo === REPO && argv.includes("--rebundle")) {
      rmSync(join(ws, "src"), { recursive: true, force: true });
      cpSync(join(REPO, "src"), join(ws, "src"), { recursive: true });
      dryRun(ws);
    }
    return;
  }
  prepareWorkspace(repo, ws);
  const t = parse(readFileSync(join(ws, "wrangler.toml"), "utf8")) as { vars: Record<string, string> };
  t.vars.STORAGE = STORAGE;
  writeFileSync(join(ws, "wrangler.toml"), stringify(t));
  const b = runBuild(ws, CORPUS, 900);
  const d = dryRun(ws);
  log(`${ws}: ${b.routes} routes, ${b.storage} storage; ${d.wranglerLine}`);
}

interface Case {
  name: string;
  path: string;
  headers: Record<string, string>;
  /** Made conditional on the ETag each server sends (ETags are per origin, and each has its own port). */
  conditional?: boolean;
}

function casesOf(manifest: Manifest): Case[] {
  const paths = Object.keys(manifest.routes).sort();
  const article = paths.find((p) => p.startsWith("/articles/"));
  const brRoute = paths.find((p) => p.endsWith(".css") || p.endsWith(".xsl"));
  return [
    { name: "feed 200 identity", path: "/feed.xml", headers: { "Accept-Encoding": "identity" } },
    { name: "feed 200 gzip", path: "/feed.xml", headers: { "Accept-Encoding": "gzip" } },
    { name: "feed 200 br, gzip", path: "/feed.xml", headers: { "Accept-Encoding": "br, gzip" } },
    { name: "feed 304", path: "/feed.xml", headers: { "Accept-Encoding": "br, gzip" }, conditional: true },
    ...(article ? [{ name: "article gzip", path: article, headers: { "Accept-Encoding": "gzip" } }] : []),
    ...(brRoute
      ? [{ name: `${brRoute} br`, path: brRoute, headers: { "Accept-Encoding": "br, gzip" } }]
      : []),
  ];
}

/** The case's request headers for server `s`. */
async function headersFor(s: WorkerServer, c: Case): Promise<Record<string, string>> {
  if (!c.conditional) return c.headers;
  const etag = (await rawGet(s.url + c.path, c.headers)).headers.etag ?? '"none"';
  return { ...c.headers, "If-None-Match": etag };
}

/**
 * Status, headers and decoded body with the server's origin (and so the ETag and the coded length) left
 * out: base against this (a coded body holding the origin differs per port in its bytes, not its text).
 */
const normalized = (r: Captured, origin: string): string => {
  const o = (x: string): string => x.split(origin).join("ORIGIN");
  const h = Object.entries(r.headers).filter(
    ([k]) => !/^(etag|date|connection|keep-alive|content-length)$/.test(k),
  );
  const coding = r.body.length > 0 ? r.headers["content-encoding"] : undefined;
  const body =
    coding === "gzip" ? gunzipSync(r.body) : coding === "br" ? brotliDecompressSync(r.body) : r.body;
  return JSON.stringify([r.status, h.map(([k, v]) => [k, o(v)]).sort(), o(body.toString("latin1"))]);
};

async function main(): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  const tag = `${STORAGE}-${CORPUS.replace(/\W+/g, "_").slice(-40)}`;
  const head = join(TMP, `head-${tag}`);
  prepare(REPO, head);
  let base: string | null = null;
  if (BASE) {
    const src = join(TMP, "base-src");
    checkoutRev(REPO, BASE, src);
    base = join(TMP, `base-${tag}`);
    prepare(src, base);
  }
  const toml = readWranglerToml(join(REPO, "wrangler.toml"));
  const manifest = JSON.parse(readFileSync(join(head, ".generated/manifest.json"), "utf8")) as Manifest;
  const cases = casesOf(manifest);
  const servers: [string, WorkerServer][] = [];
  try {
    const spec = workerdSpecOf(head, STORAGE, toml);
    const ours = await startWorkerd({ ...spec, probePath: "/feed.xml" });
    servers.push(["this", ours]);
    const cap = capturer(ours.url);
    for (const c of cases) await cap.capture(c.path, c.headers);
    const constant = await startConstantWorker(join(TMP, "const"), cap.routes(), spec, "/feed.xml");
    servers.push(["constant", constant]);
    if (base) {
      servers.push([
        "base",
        await startWorkerd({ ...workerdSpecOf(base, STORAGE, toml), probePath: "/feed.xml" }),
      ]);
    }
    // Every server sends what this tree sends, or the comparison is void: the constant exactly (it replays
    // our origin), the base but for its own origin (gzip bodies holding the origin differ by their CRC).
    const hdrs = new Map<string, Record<string, string>[]>();
    for (const [name, s] of servers) hdrs.set(name, await Promise.all(cases.map((c) => headersFor(s, c))));
    for (const [ci, c] of cases.entries()) {
      const want = await rawGet(ours.url + c.path, hdrs.get("this")?.[ci] ?? {});
      for (const [name, s] of servers.slice(1)) {
        const got = await rawGet(s.url + c.path, hdrs.get(name)?.[ci] ?? {});
        const same =
          name === "constant" ? sameReplay(got, want) : normalized(got, s.url) === normalized(want, ours.url);
        if (!same) log(`WARNING ${c.name}: ${name} differs from this tree`);
      }
    }
    const contenders: Contender[] = servers.map(([name, s]) => ({
      name,
      pids: [s.pid],
      request: (caseName) => {
        const ci = cases.findIndex((c) => c.name === caseName);
        return { url: s.url + (cases[ci]?.path ?? "/"), headers: hdrs.get(name)?.[ci] ?? {} };
      },
    }));
    const load = { seconds: SECONDS, rounds: ROUNDS, connections: 4, warmupSeconds: 1 };
    const rows: string[] = [];
    for (const c of cases.filter((x) => ONLY === "" || ONLY.split(",").some((o) => x.name.includes(o)))) {
      const r = await compare(c.name, contenders, "constant", load, TMP);
      const cells = servers.map(([name]) => {
        const res = r.results[name];
        const err = res?.errors ? ` ${res.errors} errors` : "";
        return `${name} ${res?.cpuUsPerReq.toFixed(0)} µs (${r.cpuRatio[name]?.median.toFixed(3)}x)${err}`;
      });
      const row = `| ${c.name} | ${cells.join(" | ")} |`;
      log(row);
      rows.push(row);
    }
    console.log(
      `corpus ${CORPUS}, ${STORAGE} storage; wrk -t1 -c4 -d${SECONDS}s, ${ROUNDS} rounds; CPU µs/req (median), ratio to constant (median of rounds)`,
    );
    for (const r of rows) console.log(r);
  } finally {
    for (const [, s] of servers) await s.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
