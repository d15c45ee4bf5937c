// `npx tsx bench/ab.ts [--base REV] [--articles N] [--rounds R] [--seconds S]`: the Worker of git
// revision REV (default main) against this tree's, built from the same corpus (the seeds, or N generated
// articles), each bundled by wrangler and served by plain `workerd serve` side by side, driven by wrk in
// alternating rounds. Prints req/s and server CPU per request for both and their ratio (this tree / REV):
// a change of the Worker's per-request cost shows as a ratio, whatever the machine's load at the time.
import { execSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Manifest } from "../src/shared/manifest";
import { median } from "./compare";
import { generateCorpus, writeCorpus } from "./generate";
import { type LoadResult, runWrk, type WorkerServer } from "./serve";
import { readWranglerToml, startWorkerd, workerdSpecOf } from "./workerd";
import { checkoutRev, dryRun, prepareWorkspace, runBuild } from "./workspace";

const REPO = resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 ? (argv[i + 1] ?? dflt) : dflt;
};
const BASE_REV = arg("--base", "main");
const ARTICLES = Number(arg("--articles", "0"));
const ROUNDS = Number(arg("--rounds", "4"));
const SECONDS = Number(arg("--seconds", "3"));
const CONNECTIONS = 4;
const TMP = "/tmp/feed-ab";

const log = (msg: string): void => console.error(`[ab ${new Date().toISOString().slice(11, 19)}] ${msg}`);

interface Side {
  name: string;
  ws: string;
}

async function main(): Promise<void> {
  const toml = readWranglerToml(join(REPO, "wrangler.toml"));
  mkdirSync(TMP, { recursive: true });
  let corpus = join(REPO, "corpus");
  if (ARTICLES > 0) {
    corpus = join(TMP, `corpus-${ARTICLES}`);
    rmSync(corpus, { recursive: true, force: true });
    writeCorpus(
      corpus,
      generateCorpus(ARTICLES, readFileSync(join(REPO, "corpus/taxonomy.yaml"), "utf8")).files,
    );
  }
  checkoutRev(REPO, BASE_REV, join(TMP, "base-repo"));
  const base: Side = {
    name: `base (${BASE_REV} ${execSync(`git -C ${REPO} rev-parse --short ${BASE_REV}`).toString().trim()})`,
    ws: join(TMP, "ws-base"),
  };
  const head: Side = { name: "this tree", ws: join(TMP, "ws-head") };
  const sides = [base, head] as const;
  prepareWorkspace(join(TMP, "base-repo"), base.ws);
  prepareWorkspace(REPO, head.ws);
  for (const s of sides) {
    log(`${s.name}: build and bundle`);
    const b = runBuild(s.ws, corpus, 600);
    const d = dryRun(s.ws);
    log(`${s.name}: ${b.routes} routes, ${b.storage} storage; ${d.wranglerLine}`);
  }
  const manifest = JSON.parse(readFileSync(join(head.ws, ".generated/manifest.json"), "utf8")) as Manifest;
  if (manifest.storage !== "bundle")
    throw new Error("ab.ts compares bundle storage only (the routing layer)");
  const article =
    Object.keys(manifest.routes)
      .filter((p) => p.startsWith("/articles/"))
      .sort()[0] ?? "/";
  // An A/A run (the same Worker on both sides) favoured the side started first by about 5% of CPU per
  // request: two instances of each, started base, this, this, base, cancel that out.
  const instances: { side: number; worker: WorkerServer }[] = [];
  for (const [k, side] of ([0, 1, 1, 0] as const).entries()) {
    const s = sides[side];
    // Plain workerd: Miniflare's own cost per request (about 2.5x a constant Worker's) would dilute the ratio.
    const worker = await startWorkerd({
      ...workerdSpecOf(s.ws, "bundle", toml),
      configDir: join(s.ws, `workerd-${k}`),
      probePath: "/feed.xml",
    });
    instances.push({ side, worker });
  }
  const routes: { name: string; path: string; headers: Record<string, string> }[] = [
    { name: "feed (identity)", path: "/feed.xml", headers: { "Accept-Encoding": "identity" } },
    { name: "feed (gzip)", path: "/feed.xml", headers: { "Accept-Encoding": "gzip" } },
    { name: "feed 304", path: "/feed.xml", headers: {} },
    { name: "article", path: article, headers: { "Accept-Encoding": "gzip" } },
    { name: "api query", path: "/api/articles?tag=llama&q=lecun", headers: {} },
    { name: "404", path: "/no/such/page", headers: { "Accept-Encoding": "gzip" } },
  ];
  const rows: string[] = [];
  try {
    for (const r of routes) {
      const headersFor = async (w: WorkerServer): Promise<Record<string, string>> => {
        if (r.name !== "feed 304") return r.headers;
        const etag = (
          await fetch(`${w.url}${r.path}`, { headers: { "Accept-Encoding": "gzip" } })
        ).headers.get("etag");
        return { "Accept-Encoding": "gzip", "If-None-Match": etag ?? '"none"' };
      };
      const opts = await Promise.all(
        instances.map(async ({ worker }) => ({
          url: `${worker.url}${r.path}`,
          headers: await headersFor(worker),
          connections: CONNECTIONS,
          serverPids: [worker.pid],
          scriptDir: TMP,
        })),
      );
      const results: LoadResult[][] = [[], []];
      /** CPU per request of this tree over the base, per round (both measured within seconds). */
      const pairRatios: number[] = [];
      for (const o of opts) await runWrk({ ...o, seconds: 1 });
      for (let round = 0; round < ROUNDS; round++) {
        // Rotate who goes first so drift (noisy neighbours) hits every instance alike.
        const got: LoadResult[][] = [[], []];
        for (let k = 0; k < instances.length; k++) {
          const i = (k + round) % instances.length;
          const side = instances[i]?.side ?? 0;
          const o = opts[i];
          if (!o) continue;
          const res = await runWrk({ ...o, seconds: SECONDS });
          results[side]?.push(res);
          got[side]?.push(res);
        }
        const cpu = got.map((rs) => rs.reduce((n, x) => n + x.cpuUsPerReq, 0) / rs.length);
        pairRatios.push((cpu[1] ?? 0) / (cpu[0] ?? 1));
      }
      const [b, h] = results.map((rs) => ({
        rps: median(rs.map((x) => x.rps)),
        cpu: median(rs.map((x) => x.cpuUsPerReq)),
        p50: median(rs.map((x) => x.p50us)),
        errors: rs.reduce((n, x) => n + x.errors, 0),
      }));
      if (!b || !h) continue;
      const spread = `${Math.min(...pairRatios).toFixed(3)}..${Math.max(...pairRatios).toFixed(3)}`;
      const row = `| ${r.name} | ${b.rps.toFixed(0)} | ${h.rps.toFixed(0)} | ${(h.rps / b.rps).toFixed(3)} | ${b.cpu.toFixed(0)} | ${h.cpu.toFixed(0)} | ${median(pairRatios).toFixed(3)} (${spread}) | ${b.p50} / ${h.p50} | ${b.errors + h.errors} |`;
      log(row);
      rows.push(row);
    }
  } finally {
    for (const { worker } of instances) await worker.stop();
  }
  console.log(
    `base: ${sides[0]?.name}; corpus: ${ARTICLES > 0 ? `${ARTICLES} generated articles` : "corpus/ (seeds)"}; wrk -t1 -c${CONNECTIONS} -d${SECONDS}s, ${ROUNDS} rounds alternating, medians`,
  );
  console.log(
    "| route | base req/s | this req/s | ratio | base CPU µs/req | this CPU µs/req | CPU ratio, median of rounds (min..max) | p50 µs base / this | errors |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(r);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
