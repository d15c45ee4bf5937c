// Plain `workerd serve` on a wrangler dry-run bundle: the same binary Miniflare drives, but with no entry
// Worker, no loopback service and no inspector in front of ours, so its CPU per request is the Worker's
// own. The config is written from what wrangler emitted (modules), wrangler.toml (compatibility date and
// flags, vars) and, in assets storage, a read-only `disk` service standing in for the ASSETS binding:
// the Worker only ever asks it for files by path (src/worker/assets-read.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { parse } from "smol-toml";
import { stopChild, track, type WorkerServer, workerServer } from "./serve";

export interface WorkerdSpec {
  /** wrangler's --outdir: index.js plus its Data modules. */
  distDir: string;
  /** Where the capnp config goes (not inside distDir, whose size is the upload's). */
  configDir: string;
  compatibilityDate: string;
  compatibilityFlags: string[];
  vars: Record<string, string>;
  /** Assets storage: the directory of body files and the binding the Worker reads them through. */
  assets?: { directory: string; binding: string } | undefined;
}

export interface WranglerToml {
  compatibility_date: string;
  compatibility_flags?: string[];
  vars?: Record<string, string>;
  assets?: { directory?: string; binding?: string };
}

export const readWranglerToml = (file: string): WranglerToml =>
  parse(readFileSync(file, "utf8")) as unknown as WranglerToml;

/** How a workspace (bench/workspace.ts) is served: its dry-run bundle, and its body files in assets storage. */
export function workerdSpecOf(ws: string, storage: string, toml: WranglerToml): WorkerdSpec {
  return {
    distDir: join(ws, "dist"),
    configDir: join(ws, "workerd"),
    compatibilityDate: toml.compatibility_date,
    compatibilityFlags: toml.compatibility_flags ?? [],
    vars: toml.vars ?? {},
    assets:
      storage === "assets"
        ? {
            directory: resolve(ws, toml.assets?.directory ?? ".generated/assets"),
            binding: toml.assets?.binding ?? "ASSETS",
          }
        : undefined,
  };
}

export function workerdBinary(): string {
  const req = createRequire(import.meta.url);
  return join(resolve(req.resolve("@cloudflare/workerd-linux-64/package.json"), ".."), "bin/workerd");
}

/** capnp text literals take C-like escapes; JSON's are a subset for the characters vars hold. */
const text = (s: string): string => JSON.stringify(s);

function moduleEntry(file: string, configDir: string, distDir: string): string | null {
  const embed = text(relative(configDir, join(distDir, file)));
  if (/\.m?js$/.test(file)) return `(name = ${text(file)}, esModule = embed ${embed})`;
  if (file.endsWith(".wasm")) return `(name = ${text(file)}, wasm = embed ${embed})`;
  if (file.endsWith(".map") || file === "README.md") return null;
  // wrangler.toml's only rule makes *.bin Data modules; anything else it emitted is data too.
  return `(name = ${text(file)}, data = embed ${embed})`;
}

export function workerdConfig(spec: WorkerdSpec): string {
  const files = readdirSync(spec.distDir).sort((a, b) =>
    // The main module must come first.
    a === "index.js" ? -1 : b === "index.js" ? 1 : a.localeCompare(b),
  );
  const modules = files.flatMap((f) => moduleEntry(f, spec.configDir, spec.distDir) ?? []);
  const bindings = Object.entries(spec.vars).map(([k, v]) => `(name = ${text(k)}, text = ${text(v)})`);
  const services = ['(name = "main", worker = .worker)'];
  if (spec.assets) {
    bindings.push(`(name = ${text(spec.assets.binding)}, service = "assets")`);
    services.push(`(name = "assets", disk = (path = ${text(resolve(spec.assets.directory))}))`);
  }
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [${services.join(", ")}],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [${modules.join(",\n    ")}],
  compatibilityDate = ${text(spec.compatibilityDate)},
  compatibilityFlags = [${spec.compatibilityFlags.map(text).join(", ")}],
  bindings = [${bindings.join(",\n    ")}],
);
`;
}

/** Waits for workerd's control message saying which port the socket got (it listens on port 0). */
function listenPort(proc: ChildProcess, stderr: () => string): Promise<number> {
  return new Promise((ok, fail) => {
    let buf = "";
    const control = proc.stdio[3] as NodeJS.ReadableStream | null;
    if (!control) return fail(new Error("workerd: no control pipe"));
    control.on("data", (d: Buffer) => {
      buf += d.toString();
      for (const line of buf.split("\n")) {
        try {
          const m = JSON.parse(line) as { event?: string; socket?: string; port?: number };
          if (m.event === "listen" && m.socket === "http" && m.port) ok(m.port);
        } catch {
          // An incomplete line: wait for the rest.
        }
      }
    });
    proc.once("exit", (code) => fail(new Error(`workerd exited ${code} before listening:\n${stderr()}`)));
  });
}

/**
 * Starts plain workerd on the bundle and answers `probePath` once. With `inspectorPort`, the V8 heap is
 * read over the inspector; load runs use an instance started without one.
 */
export async function startWorkerd(
  spec: WorkerdSpec & { probePath: string; inspectorPort?: number },
): Promise<WorkerServer> {
  mkdirSync(spec.configDir, { recursive: true });
  const config = join(spec.configDir, "config.capnp");
  writeFileSync(config, workerdConfig(spec));
  const args = ["serve", config, "--control-fd=3"];
  if (spec.inspectorPort) args.push(`--inspector-addr=127.0.0.1:${spec.inspectorPort}`);
  const t0 = performance.now();
  const proc = spawn(workerdBinary(), args, { stdio: ["ignore", "ignore", "pipe", "pipe"] });
  const untrack = track(proc);
  let err = "";
  proc.stderr?.on("data", (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  const stop = async (): Promise<void> => {
    await stopChild(proc, "SIGTERM");
    untrack();
  };
  try {
    const port = await listenPort(proc, () => err);
    const startupMs = performance.now() - t0;
    const url = `http://127.0.0.1:${port}`;
    const t1 = performance.now();
    const res = await fetch(url + spec.probePath);
    await res.arrayBuffer();
    const firstResponseMs = performance.now() - t1;
    if (res.status >= 500) throw new Error(`workerd answered ${res.status} for ${spec.probePath}:\n${err}`);
    const pid = proc.pid ?? 0;
    return await workerServer({
      url,
      pid,
      startupMs,
      firstResponseMs,
      inspectorPort: spec.inspectorPort,
      stop,
    });
  } catch (e) {
    await stop();
    throw e;
  }
}
