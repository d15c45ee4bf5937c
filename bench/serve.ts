// The two servers under test (workerd through Miniflare, nginx on the same bytes) and the load driver
// (wrk, one thread), plus the /proc readings that turn CPU time into microseconds per request.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { WebSocket } from "undici";
import type { WorkerFacts } from "./types";

const CLK_TCK = 100; // Linux USER_HZ on every mainstream kernel; /proc/<pid>/stat counts in these ticks.

/** utime+stime of a process (all threads), in microseconds. */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may contain spaces; the fields after its closing paren are fixed.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLK_TCK;
}

export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

export function childrenNamed(parent: number, comm: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent && name === comm) out.push(Number(d));
    } catch {
      // The process ended while we scanned.
    }
  }
  return out;
}

/** Start-up and memory facts (WorkerFacts) plus what it takes to drive and stop the server. */
export interface WorkerServer extends WorkerFacts {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function inspectorHeap(port: number): Promise<{ used: number; total: number; backing: number } | null> {
  try {
    const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      webSocketDebuggerUrl?: string;
    }[];
    const target = list.find(
      (t) => t.webSocketDebuggerUrl && !t.webSocketDebuggerUrl.includes("core:user:__"),
    );
    const wsUrl = target?.webSocketDebuggerUrl ?? list[0]?.webSocketDebuggerUrl;
    if (!wsUrl) return null;
    const ws = new WebSocket(wsUrl);
    const reply = new Map<number, (v: unknown) => void>();
    ws.addEventListener("message", (e) => {
      const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown };
      if (msg.id !== undefined) reply.get(msg.id)?.(msg.result);
    });
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener("open", () => resolve());
      ws.addEventListener("error", () => reject(new Error("inspector websocket error")));
    });
    let id = 0;
    const call = (method: string): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const n = ++id;
        reply.set(n, resolve);
        ws.send(JSON.stringify({ id: n, method }));
        setTimeout(() => reject(new Error(`inspector ${method} timed out`)), 10_000);
      });
    // workerd never answers collectGarbage, so fire it and read the heap after a short pause.
    ws.send(JSON.stringify({ id: 999, method: "HeapProfiler.collectGarbage" }));
    await new Promise((r) => setTimeout(r, 300));
    const r = (await call("Runtime.getHeapUsage")) as {
      usedSize: number;
      totalSize: number;
      backingStorageSize?: number;
    };
    ws.close();
    return { used: r.usedSize, total: r.totalSize, backing: r.backingStorageSize ?? 0 };
  } catch {
    return null;
  }
}

/** Starts workerd on the dry-run bundle, exactly as wrangler emitted it (modules + Data blob). */
export async function startWorker(opts: {
  distDir: string;
  port: number;
  inspectorPort: number;
  compatibilityDate: string;
  bindings: Record<string, string>;
  probePath: string;
  /** Assets storage: the directory of body files and the binding name the Worker reads them through. */
  assets?: { directory: string; binding: string } | undefined;
}): Promise<WorkerServer> {
  const before = new Set(childrenNamed(process.pid, "workerd"));
  const t0 = performance.now();
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(opts.distDir, "index.js"),
    modulesRoot: opts.distDir,
    modulesRules: [{ type: "Data", include: ["**/*.bin"], fallthrough: false }],
    compatibilityDate: opts.compatibilityDate,
    bindings: opts.bindings,
    host: "127.0.0.1",
    port: opts.port,
    inspectorPort: opts.inspectorPort,
    ...(opts.assets
      ? {
          assets: {
            directory: opts.assets.directory,
            binding: opts.assets.binding,
            // The Worker answers every route itself (conditional requests, origin splicing) and only
            // reads body files through the binding.
            routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
          },
        }
      : {}),
  });
  const url = (await mf.ready).toString().replace(/\/$/, "");
  const startupMs = performance.now() - t0;
  const t1 = performance.now();
  const res = await fetch(url + opts.probePath);
  await res.arrayBuffer();
  const firstResponseMs = performance.now() - t1;
  const pid = childrenNamed(process.pid, "workerd").find((p) => !before.has(p));
  if (pid === undefined) throw new Error("could not find the workerd process Miniflare started");
  const heap = await inspectorHeap(opts.inspectorPort);
  return {
    url,
    pid,
    startupMs,
    firstResponseMs,
    rssMiB: rssMiB(pid),
    heapUsedMiB: heap ? heap.used / 2 ** 20 : null,
    heapTotalMiB: heap ? heap.total / 2 ** 20 : null,
    backingMiB: heap ? heap.backing / 2 ** 20 : null,
    stop: () => mf.dispose(),
  };
}

export interface StaticFile {
  /** Request path nginx answers (query strings are ignored by nginx, as by any static host). */
  path: string;
  file: string;
  type: string;
}

export interface NginxServer {
  url: string;
  masterPid: number;
  workerPids: number[];
  stop(): Promise<void>;
}

/** nginx with one worker (the Worker side is one isolate too), no access log, exact-match locations. */
export async function startNginx(dir: string, port: number, files: StaticFile[]): Promise<NginxServer> {
  mkdirSync(join(dir, "logs"), { recursive: true });
  mkdirSync(join(dir, "tmp"), { recursive: true });
  const locations = files
    .map((f) => `    location = ${f.path} { default_type "${f.type}"; types { } alias ${f.file}; }`)
    .join("\n");
  const conf = `worker_processes 1;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "logs/error.log")} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  etag on;
  client_body_temp_path ${join(dir, "tmp")};
  proxy_temp_path ${join(dir, "tmp")};
  fastcgi_temp_path ${join(dir, "tmp")};
  uwsgi_temp_path ${join(dir, "tmp")};
  scgi_temp_path ${join(dir, "tmp")};
  server {
    listen 127.0.0.1:${port};
${locations}
  }
}
`;
  const confPath = join(dir, "nginx.conf");
  writeFileSync(confPath, conf);
  const proc: ChildProcess = spawn("nginx", ["-p", dir, "-c", confPath, "-g", "daemon off;"], {
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}${files[0]?.path ?? "/"}`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const masterPid = proc.pid;
  if (masterPid === undefined) throw new Error("nginx did not start");
  return {
    url,
    masterPid,
    workerPids: childrenNamed(masterPid, "nginx"),
    stop: async () => {
      proc.kill("SIGQUIT");
      await new Promise((r) => proc.once("exit", r));
    },
  };
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50us: number;
  p99us: number;
  errors: number;
  /** Server CPU (utime+stime of the server's processes) per request, in microseconds. */
  cpuUsPerReq: number;
}

const WRK_LUA = `done = function(s, lat, req)
  local e = s.errors
  io.write(string.format("WRKJSON {\\"requests\\":%d,\\"duration\\":%d,\\"p50\\":%d,\\"p99\\":%d,\\"errors\\":%d}\\n",
    s.requests, s.duration, lat:percentile(50), lat:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
`;

export async function runWrk(opts: {
  url: string;
  headers: Record<string, string>;
  seconds: number;
  connections: number;
  serverPids: number[];
  scriptDir: string;
}): Promise<LoadResult> {
  const script = join(opts.scriptDir, "report.lua");
  writeFileSync(script, WRK_LUA);
  const args = ["-t1", `-c${opts.connections}`, `-d${opts.seconds}s`, "-s", script];
  for (const [k, v] of Object.entries(opts.headers)) args.push("-H", `${k}: ${v}`);
  args.push(opts.url);
  const cpu0 = opts.serverPids.reduce((s, p) => s + cpuMicros(p), 0);
  const stdout = await new Promise<string>((resolve, reject) => {
    const p = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d) => {
      out += String(d);
    });
    p.on("error", reject);
    p.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited ${code}: ${out}`))));
  });
  const cpu1 = opts.serverPids.reduce((s, p) => s + cpuMicros(p), 0);
  const line = stdout.split("\n").find((l) => l.startsWith("WRKJSON "));
  if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
  const j = JSON.parse(line.slice(8)) as {
    requests: number;
    duration: number;
    p50: number;
    p99: number;
    errors: number;
  };
  const seconds = j.duration / 1e6;
  return {
    requests: j.requests,
    seconds,
    rps: j.requests / seconds,
    p50us: j.p50,
    p99us: j.p99,
    errors: j.errors,
    cpuUsPerReq: j.requests > 0 ? (cpu1 - cpu0) / j.requests : Number.NaN,
  };
}
