// One size's serving measurement: our Worker and a constant Worker holding the same /feed.xml answers,
// both in plain workerd, and nginx on the same bytes, interleaved, for a 200, a 304, gzip and br; then the
// other routes (ours against nginx) in full runs.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Manifest } from "../src/shared/manifest";
import { type Contender, compare, type Load } from "./compare";
import { type Captured, capturer, rawGet, sameReplay, startConstantWorker } from "./constant";
import { startWorker } from "./miniflare";
import { type StaticFile, startNginx, type WorkerServer } from "./serve";
import type { CaseName, CaseResult, ContenderName, HarnessResult } from "./types";
import { startWorkerd, type WorkerdSpec } from "./workerd";

export interface CaseSpec {
  name: CaseName;
  path: string;
  headers: Record<string, string>;
}

const BR = "br, gzip";

/** The feed's cases, plus a route whose body is stored brotli if the feed has none (origin gaps). */
export function feedCases(manifest: Manifest): CaseSpec[] {
  const paths = Object.keys(manifest.routes).sort();
  const feed = paths.includes("/feed.xml") ? "/feed.xml" : (paths[0] ?? "/");
  return [
    { name: "ok", path: feed, headers: {} },
    { name: "notModified", path: feed, headers: { "Accept-Encoding": "gzip" } },
    { name: "gzip", path: feed, headers: { "Accept-Encoding": "gzip" } },
    { name: "br", path: feed, headers: { "Accept-Encoding": BR } },
  ];
}

/** Gap-free 200 routes, largest first: the candidates for a brotli body. */
export function brCandidates(manifest: Manifest): string[] {
  const routes = manifest.routes as Record<string, { gaps?: number; size?: number; status?: number }>;
  return Object.entries(routes)
    .filter(([, r]) => (r.gaps ?? 0) === 0 && (r.status ?? 200) === 200)
    .sort((a, b) => (b[1].size ?? 0) - (a[1].size ?? 0))
    .map(([p]) => p)
    .slice(0, 8);
}

export interface Servers {
  ours: WorkerServer;
  constant: WorkerServer;
  constantDir: string;
  cases: (CaseSpec & { answer: Captured })[];
  stop(): Promise<void>;
}

/** Starts ours, captures its answers, and starts the constant Worker that replays them. */
/** What serving needs from the manifest, picked up front so a 50,000-route manifest is not kept. */
export interface ServePlan {
  cases: CaseSpec[];
  /** Routes to try for a brotli case when the feed has none; empty to skip it. */
  brCandidates: string[];
}

export async function startWorkers(spec: WorkerdSpec, plan: ServePlan, dir: string): Promise<Servers> {
  const cases = plan.cases;
  const ours = await startWorkerd({ ...spec, probePath: cases[0]?.path ?? "/" });
  const stopAll: (() => Promise<void>)[] = [() => ours.stop()];
  try {
    const cap = capturer(ours.url);
    const out: Servers["cases"] = [];
    const capture = (c: CaseSpec): Promise<Captured> => cap.capture(c.path, c.headers);
    for (const c of cases) {
      const ok = await capture(c);
      if (c.name === "notModified") {
        const h = { ...c.headers, "If-None-Match": ok.headers.etag ?? '"none"' };
        out.push({ ...c, headers: h, answer: await rawGet(ours.url + c.path, h) });
      } else out.push({ ...c, answer: ok });
    }
    if (out.find((c) => c.name === "br")?.answer.headers["content-encoding"] !== "br") {
      for (const path of plan.brCandidates) {
        const probe = await rawGet(ours.url + path, { "Accept-Encoding": BR });
        if (probe.headers["content-encoding"] !== "br") continue;
        const c: CaseSpec = { name: "brRoute", path, headers: { "Accept-Encoding": BR } };
        out.push({ ...c, answer: await capture(c) });
        break;
      }
    }
    const constantDir = join(dir, "constant");
    const constant = await startConstantWorker(constantDir, cap.routes(), spec, cases[0]?.path ?? "/");
    stopAll.push(() => constant.stop());
    return { ours, constant, constantDir, cases: out, stop: () => stopEach(stopAll) };
  } catch (e) {
    await stopEach(stopAll);
    throw e;
  }
}

async function stopEach(fns: (() => Promise<void>)[]): Promise<void> {
  for (const f of fns.reverse()) await f().catch(() => undefined);
}

/** nginx sends its own headers (and ETag): the same status and bytes is what it can match. */
const sameBytes = (a: Captured, b: Captured): boolean => a.status === b.status && a.body.equals(b.body);

/** nginx with one location per case, serving the same bytes with the same Content-Encoding. */
export async function measureCases(
  s: Servers,
  dir: string,
  nginxPort: number,
  load: Load,
  log: (m: string) => void,
): Promise<CaseResult[]> {
  const staticDir = join(dir, "static");
  mkdirSync(staticDir, { recursive: true });
  const files: StaticFile[] = [];
  const nginxPath = new Map<CaseName, string>();
  for (const [i, c] of s.cases.entries()) {
    // A 304 is asked of the location holding the body its validator names (the gzip case's).
    const body = c.name === "notModified" ? s.cases.find((x) => x.name === "gzip")?.answer : c.answer;
    if (!body) continue;
    const file = join(staticDir, `c${i}`);
    writeFileSync(file, body.body);
    const enc = body.headers["content-encoding"];
    files.push({
      path: `/c${i}`,
      file,
      type: body.headers["content-type"] ?? "application/octet-stream",
      ...(enc ? { headers: { "Content-Encoding": enc } } : {}),
    });
    nginxPath.set(c.name, `/c${i}`);
  }
  const nginx = await startNginx(join(dir, "nginx"), nginxPort, files);
  try {
    const nginxHeaders = new Map<CaseName, Record<string, string>>();
    for (const c of s.cases) {
      const h = { ...c.headers };
      if (c.name === "notModified") {
        const first = await rawGet(nginx.url + (nginxPath.get(c.name) ?? "/"), {});
        h["If-None-Match"] = first.headers.etag ?? '"none"';
      }
      nginxHeaders.set(c.name, h);
    }
    const contenders: Contender[] = [
      { name: "ours", pids: [s.ours.pid], request: (n) => workerReq(s.ours, s.cases, n) },
      { name: "constant", pids: [s.constant.pid], request: (n) => workerReq(s.constant, s.cases, n) },
      {
        name: "nginx",
        pids: [nginx.masterPid, ...nginx.workerPids],
        request: (n) => ({
          url: nginx.url + (nginxPath.get(n as CaseName) ?? "/"),
          headers: nginxHeaders.get(n as CaseName) ?? {},
        }),
      },
    ];
    const out: CaseResult[] = [];
    for (const c of s.cases) {
      const constAnswer = await rawGet(s.constant.url + c.path, c.headers);
      const ngx = contenders[2]?.request(c.name);
      const nginxAnswer = ngx ? await rawGet(ngx.url, ngx.headers) : null;
      const cmp = await compare(c.name, contenders, "constant", load, dir);
      const r: CaseResult = {
        name: c.name,
        path: c.path,
        headers: c.headers,
        status: c.answer.status,
        coding: c.answer.headers["content-encoding"] ?? "identity",
        bytes: c.answer.body.length,
        constantSame: sameReplay(constAnswer, c.answer),
        nginxSame: nginxAnswer !== null && sameBytes(nginxAnswer, c.answer),
        results: cmp.results as CaseResult["results"],
        cpuRatio: cmp.cpuRatio as CaseResult["cpuRatio"],
      };
      out.push(r);
      const cpu = (n: ContenderName): string => r.results[n].cpuUsPerReq.toFixed(0);
      log(
        `  ${c.name} ${c.path} (${r.status}, ${r.coding}, ${r.bytes} B): CPU µs/req ours ${cpu("ours")}, constant ${cpu("constant")}, nginx ${cpu("nginx")}; ours/constant ${r.cpuRatio.ours.median.toFixed(2)}`,
      );
    }
    return out;
  } finally {
    await nginx.stop();
  }
}

function workerReq(
  w: WorkerServer,
  cases: Servers["cases"],
  name: string,
): { url: string; headers: Record<string, string> } {
  const c = cases.find((x) => x.name === name);
  return { url: w.url + (c?.path ?? "/"), headers: c?.headers ?? {} };
}

/**
 * The constant Worker under plain workerd against the previous harness (Miniflare with an inspector, and
 * Miniflare without one), a plain 200: what the harness alone costs per request.
 */
export async function measureHarness(
  s: Servers,
  compatibilityDate: string,
  inspectorPort: number,
  load: Load,
  dir: string,
): Promise<HarnessResult> {
  const ok = s.cases.find((c) => c.name === "ok");
  const path = ok?.path ?? "/";
  const common = { distDir: s.constantDir, compatibilityDate, bindings: {}, probePath: path, port: 0 };
  const withInspector = await startWorker({ ...common, inspectorPort });
  let plainMf: WorkerServer | null = null;
  try {
    plainMf = await startWorker(common);
    const servers: [string, WorkerServer][] = [
      ["plain workerd", s.constant],
      ["Miniflare, no inspector", plainMf],
      ["Miniflare + inspector (previous bench)", withInspector],
    ];
    const contenders: Contender[] = servers.map(([name, w]) => ({
      name,
      pids: [w.pid],
      request: () => ({ url: w.url + path, headers: {} }),
    }));
    return await compare("ok", contenders, "plain workerd", load, dir);
  } finally {
    await withInspector.stop();
    await plainMf?.stop();
  }
}
