// What every server under test shares: nginx on the same bytes, the load driver (wrk, one thread), the
// /proc readings that turn CPU time into microseconds per request, the V8 heap over the inspector, and a
// registry of every child process started, killed if the bench itself exits early.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { WebSocket } from "undici";
import type { WorkerFacts } from "./types";

const live = new Set<{ kill(signal: NodeJS.Signals): unknown }>();
let hooked = false;

/** Registers a child to kill if the bench exits before stopping it; returns the unregister call. */
export function track(proc: { kill(signal: NodeJS.Signals): unknown }): () => void {
  if (!hooked) {
    hooked = true;
    process.once("exit", () => {
      for (const p of live) p.kill("SIGKILL");
    });
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(sig, () => process.exit(130));
  }
  live.add(proc);
  return () => live.delete(proc);
}

/** A process by pid, for children another library spawned (Miniflare's workerd). */
export const pidHandle = (pid: number): { kill(signal: NodeJS.Signals): unknown } => ({
  kill: (signal) => {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  },
});

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

/** The facts of a Worker server that has just answered its first request (heap only with an inspector). */
export async function workerServer(o: {
  url: string;
  pid: number;
  startupMs: number;
  firstResponseMs: number;
  inspectorPort?: number | null;
  stop: () => Promise<void>;
}): Promise<WorkerServer> {
  const heap = o.inspectorPort ? await inspectorHeap(o.inspectorPort) : null;
  return {
    url: o.url,
    pid: o.pid,
    startupMs: o.startupMs,
    firstResponseMs: o.firstResponseMs,
    rssMiB: rssMiB(o.pid),
    heapUsedMiB: heap ? heap.used / 2 ** 20 : null,
    heapTotalMiB: heap ? heap.total / 2 ** 20 : null,
    backingMiB: heap ? heap.backing / 2 ** 20 : null,
    stop: o.stop,
  };
}

/** Stops a child with `signal`, SIGKILL if it is still there 5 s later, and waits for it. */
export async function stopChild(proc: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once("exit", r));
  proc.kill(signal);
  const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

export async function inspectorHeap(
  port: number,
): Promise<{ used: number; total: number; backing: number } | null> {
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

export interface StaticFile {
  /** Request path nginx answers (query strings are ignored by nginx, as by any static host). */
  path: string;
  file: string;
  type: string;
  /** Sent as they are, e.g. Content-Encoding for a precompressed file. */
  headers?: Record<string, string>;
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
    .map((f) => {
      const extra = Object.entries(f.headers ?? {})
        .map(([k, v]) => ` add_header ${k} "${v}";`)
        .join("");
      return `    location = ${f.path} { default_type "${f.type}"; types { } alias ${f.file};${extra} }`;
    })
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
  const untrack = track(proc);
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
      await stopChild(proc, "SIGQUIT");
      // Its workers exit with the master; one left behind (master killed) must not hold the port.
      untrack();
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
    const untrack = track(p);
    p.on("exit", untrack);
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
