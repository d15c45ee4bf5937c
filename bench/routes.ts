// The routes besides the feed cases (a tag feed, JSON Feed, an article page, an API query): our Worker
// against nginx serving the same identity bytes, interleaved. Full runs only (they are not the limit
// figure, and CI's quick run must stay short).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Manifest } from "../src/shared/manifest";
import { type Contender, compare, type Load } from "./compare";
import { rawGet } from "./constant";
import { type StaticFile, startNginx, type WorkerServer } from "./serve";
import type { RouteName, RouteResult } from "./types";

/** Picks the paths from what the build actually emitted, so route naming can evolve. */
export function pickRoutes(manifest: Manifest): { name: RouteName; path: string }[] {
  const paths = Object.keys(manifest.routes).sort();
  const feed = paths.includes("/feed.xml")
    ? "/feed.xml"
    : (paths.find((p) => manifest.routes[p]?.kind === "feed") ?? "/");
  const tagFeeds = paths.filter(
    (p) => p.startsWith("/tags/") && manifest.routes[p]?.kind === "feed" && p.endsWith(".xml"),
  );
  // RSS sub-feed of the busiest tag in the taxonomy, whatever the build names it.
  const tagFeed =
    ["/tags/llama/feed.xml", "/tags/llama/rss.xml"].find((p) => paths.includes(p)) ??
    tagFeeds.find((p) => p.startsWith("/tags/llama/")) ??
    tagFeeds[0] ??
    feed;
  const articles = paths.filter((p) => p.startsWith("/articles/") && manifest.routes[p]?.kind === "html");
  const article = articles[Math.floor(articles.length / 2)] ?? "/";
  return [
    { name: "tagFeed", path: tagFeed },
    { name: "jsonFeed", path: paths.includes("/feed.json") ? "/feed.json" : feed },
    { name: "article", path: article },
    { name: "api", path: "/api/articles?tag=llama&q=lecun" },
  ];
}

export async function otherRoutes(
  ours: WorkerServer,
  picks: { name: RouteName; path: string }[],
  dir: string,
  nginxPort: number,
  load: Load,
  log: (m: string) => void,
): Promise<RouteResult[]> {
  const staticDir = join(dir, "static-routes");
  mkdirSync(staticDir, { recursive: true });
  const files: StaticFile[] = [];
  const pre = new Map<RouteName, { status: number; bytes: number }>();
  for (const [i, r] of picks.entries()) {
    const res = await rawGet(ours.url + r.path, {});
    pre.set(r.name, { status: res.status, bytes: res.body.length });
    const file = join(staticDir, `r${i}`);
    writeFileSync(file, res.body);
    files.push({ path: `/r${i}`, file, type: res.headers["content-type"] ?? "application/octet-stream" });
  }
  const nginx = await startNginx(join(dir, "nginx-routes"), nginxPort, files);
  const out: RouteResult[] = [];
  try {
    for (const [i, r] of picks.entries()) {
      const contenders: Contender[] = [
        { name: "worker", pids: [ours.pid], request: () => ({ url: ours.url + r.path, headers: {} }) },
        {
          name: "nginx",
          pids: [nginx.masterPid, ...nginx.workerPids],
          request: () => ({ url: `${nginx.url}/r${i}`, headers: {} }),
        },
      ];
      const nginxStatus = (await rawGet(`${nginx.url}/r${i}`, {})).status;
      const cmp = await compare(r.name, contenders, "nginx", load, dir);
      const p = pre.get(r.name) ?? { status: 0, bytes: 0 };
      const worker = cmp.results.worker;
      const ngx = cmp.results.nginx;
      if (!worker || !ngx) continue;
      out.push({ ...r, headers: {}, status: p.status, bytes: p.bytes, nginxStatus, worker, nginx: ngx });
      log(
        `  ${r.name} ${r.path}: worker ${worker.cpuUsPerReq.toFixed(0)} µs/req, nginx ${ngx.cpuUsPerReq.toFixed(0)} µs/req`,
      );
    }
  } finally {
    await nginx.stop();
  }
  return out;
}
