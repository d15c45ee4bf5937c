// Times the render-and-pack stage alone on a built site: `npx tsx bench/dev/render-pack.ts BUILD OUT
// [--threads N] [--repeat K]` reads BUILD/site.json (what the build wrote), renders and packs it into
// OUT with N - 1 compression workers (default every core), and prints wall and CPU per run. OUT's
// files then match BUILD's but for site.json and build-report.txt, which only the build writes.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { pid } from "node:process";
import { loadSettings } from "../../src/pipeline/config";
import { renderSiteTo } from "../../src/pipeline/render/index";
import type { Site } from "../../src/shared/types";

const [build, out, ...rest] = process.argv.slice(2);
if (!build || !out) throw new Error("usage: render-pack.ts BUILD OUT [--threads N] [--repeat K]");
const flag = (name: string, d: number) => {
  const i = rest.indexOf(name);
  return i >= 0 ? Number(rest[i + 1]) : d;
};
const threads = flag("--threads", availableParallelism());
const repeat = flag("--repeat", 1);
const site = JSON.parse(readFileSync(`${build}/site.json`, "utf8")) as Site;
const { storage } = loadSettings("wrangler.toml", process.env);
/** CPU seconds of this (the main) thread alone: the critical path, whatever the workers do. */
function mainThreadCpu(): number {
  const f = readFileSync(`/proc/self/task/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(f[11]) + Number(f[12])) / 100;
}
for (let r = 0; r < repeat; r++) {
  const m0 = mainThreadCpu();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  renderSiteTo(out, site, storage, undefined, threads - 1);
  const c = process.cpuUsage(c0);
  const wall = (performance.now() - t0) / 1000;
  const main = mainThreadCpu() - m0;
  console.log(
    `threads ${threads}: ${wall.toFixed(2)} s wall, ${(c.user / 1e6).toFixed(2)} s user, ${(c.system / 1e6).toFixed(2)} s sys, main thread ${main.toFixed(2)} s CPU, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
  );
}
