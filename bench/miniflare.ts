// The previous harness, kept for the comparison that shows what it costs: the same bundle in workerd
// driven by Miniflare (its entry Worker in front of ours, an inspector attached). bench/ab.ts uses it too.
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { childrenNamed, pidHandle, track, type WorkerServer, workerServer } from "./serve";

/** Starts workerd on the dry-run bundle, exactly as wrangler emitted it (modules + Data blob). */
export async function startWorker(opts: {
  distDir: string;
  port: number;
  /** Without one, no inspector is attached (and no heap is read). */
  inspectorPort?: number;
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
    ...(opts.inspectorPort ? { inspectorPort: opts.inspectorPort } : {}),
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
  if (pid === undefined) {
    await mf.dispose();
    throw new Error("could not find the workerd process Miniflare started");
  }
  const untrack = track(pidHandle(pid));
  return workerServer({
    url,
    pid,
    startupMs,
    firstResponseMs,
    inspectorPort: opts.inspectorPort,
    stop: async () => {
      await mf.dispose();
      untrack();
    },
  });
}
