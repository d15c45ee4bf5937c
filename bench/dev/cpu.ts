// `npx tsx bench/dev/cpu.ts [--corpus DIR] [--storage bundle|assets] [--base REV] [--rounds R] [--seconds S]
// [--reuse]`: the Worker's CPU per request against a constant-response Worker, both in plain
// `workerd serve` (no Miniflare, no inspector), driven by wrk in interleaved rounds. The constant Worker
// returns the bytes and headers our Worker sent for the same request (captured at start-up, 200 and 304
// and each coding), so the difference is what our Worker does per request. With --base, REV's Worker is
// measured in the same rounds too. A developer's tool: bench/run.ts is the benchmark.
import { type ChildProcess, execSync, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { parse, stringify } from "smol-toml";
import { type LoadResult, runWrk } from "../serve";
import { dryRun, prepareWorkspace, runBuild } from "../workspace";

const REPO = resolve(import.meta.dirname, "../..");
const WORKERD = join(REPO, "node_modules/@cloudflare/workerd-linux-64/bin/workerd");
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
const REUSE = argv.includes("--reuse");
const TMP = arg("--tmp", "/tmp/wcpu-bench");
const log = (m: string): void => console.error(`[cpu ${new Date().toISOString().slice(11, 19)}] ${m}`);

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      srv.close(() => ok(typeof a === "object" && a ? a.port : 0));
    });
  });
}

const toml = parse(readFileSync(join(REPO, "wrangler.toml"), "utf8")) as {
  compatibility_date: string;
  vars: Record<string, string>;
};

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

const q = (s: string): string => JSON.stringify(s);

/** A capnp config serving the modules in `dir` (index.js plus Data modules) on `port`. */
function config(dir: string, port: number, assets: string | null): string {
  const modules = readdirSync(dir)
    .filter((f) => f.endsWith(".js") || f.endsWith(".bin"))
    .sort((a, b) => Number(b === "index.js") - Number(a === "index.js"))
    .map((f) =>
      f.endsWith(".js")
        ? `(name = ${q(f)}, esModule = embed ${q(f)})`
        : `(name = ${q(f)}, data = embed ${q(f)})`,
    );
  const bindings = Object.entries(toml.vars).map(([k, v]) => `(name = ${q(k)}, text = ${q(v)})`);
  if (assets) bindings.push(`(name = "ASSETS", service = "assets")`);
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .w)${assets ? `, (name = "assets", disk = (path = ${q(assets)}, writable = false))` : ""} ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const w :Workerd.Worker = (
  modules = [ ${modules.join(", ")} ],
  compatibilityDate = ${q(toml.compatibility_date)},
  bindings = [ ${bindings.join(", ")} ],
);
`;
}

interface Server {
  name: string;
  url: string;
  pid: number;
  proc: ChildProcess;
}

async function serve(name: string, dir: string, assets: string | null): Promise<Server> {
  const port = await freePort();
  writeFileSync(join(dir, "bench.capnp"), config(dir, port, assets));
  const proc = spawn(WORKERD, ["serve", "bench.capnp"], {
    cwd: dir,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      await raw(`${url}/feed.xml`, {});
      return { name, url, pid: proc.pid ?? 0, proc };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${name}: workerd did not answer`);
}

interface Raw {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

/** One request without any decoding (fetch would gunzip). */
function raw(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((ok, fail) => {
    const req = httpRequest(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => {
        const h: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const k = res.rawHeaders[i] ?? "";
          if (!/^(content-length|date|connection|keep-alive|transfer-encoding)$/i.test(k)) {
            h.push([k, res.rawHeaders[i + 1] ?? ""]);
          }
        }
        ok({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(parts) });
      });
    });
    req.on("error", fail);
    req.end();
  });
}

interface Case {
  name: string;
  path: string;
  headers: Record<string, string>;
}

/** The constant Worker: each case's captured answer, picked by URL and request headers, nothing else. */
/** The case's request headers for server `s` (an If-None-Match with the ETag `s` sends). */
async function headersFor(s: Server, c: Case): Promise<Record<string, string>> {
  if (c.headers["If-None-Match"] === undefined) return c.headers;
  const { "If-None-Match": _, ...rest } = c.headers;
  const r = await raw(s.url + c.path, rest);
  return { ...c.headers, "If-None-Match": r.headers.find(([k]) => /^etag$/i.test(k))?.[1] ?? "" };
}

async function constantWorker(dir: string, ours: Server, cases: Case[]): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const table: { key: string; status: number; headers: [string, string][]; body: string | null }[] = [];
  for (const [i, c] of cases.entries()) {
    const r = await raw(ours.url + c.path, await headersFor(ours, c));
    const file = `b${i}.bin`;
    writeFileSync(join(dir, file), r.body);
    table.push({
      key: `${c.path} ${c.headers["If-None-Match"] !== undefined ? "inm" : ""} ${c.headers["Accept-Encoding"] ?? ""}`,
      status: r.status,
      headers: r.headers,
      body: r.status === 304 ? null : file,
    });
  }
  const imports = table.map((t, i) => (t.body ? `import b${i} from "./${t.body}";\n` : "")).join("");
  const entries = table
    .map(
      (t, i) =>
        `[${q(t.key)}, { status: ${t.status}, headers: ${JSON.stringify(t.headers)}, body: ${t.body ? `new Uint8Array(b${i})` : "null"}, manual: ${t.headers.some(([k]) => /^content-encoding$/i.test(k))} }]`,
    )
    .join(",\n");
  writeFileSync(
    join(dir, "index.js"),
    // Headers made once at start-up: cloning a Headers object is far cheaper for workerd than reading a
    // list of pairs (measured: about 60 µs per request less), so this is the floor of any Worker.
    `${imports}const answers = new Map([${entries}].map(([k, a]) => [k, { body: a.body, init: a.manual ? { status: a.status, headers: new Headers(a.headers), encodeBody: "manual" } : { status: a.status, headers: new Headers(a.headers) } }]));
export default {
  fetch(request) {
    const h = request.headers;
    const u = request.url;
    const path = u.slice(u.indexOf("/", 8));
    const a = answers.get(path + " " + (h.get("if-none-match") ? "inm" : "") + " " + (h.get("accept-encoding") ?? ""));
    if (!a) return new Response("no", { status: 500 });
    return new Response(a.body, a.init);
  },
};
`,
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? Number.NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

async function main(): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  const tag = `${STORAGE}-${CORPUS.replace(/\W+/g, "_").slice(-40)}`;
  const head = join(TMP, `head-${tag}`);
  prepare(REPO, head);
  let base: string | null = null;
  if (BASE) {
    const src = join(TMP, "base-src");
    rmSync(src, { recursive: true, force: true });
    mkdirSync(src, { recursive: true });
    execSync(
      `git -C ${REPO} archive ${BASE} src package.json tsconfig.json tsconfig.worker.json | tar -x -C ${src}`,
    );
    writeFileSync(join(src, "wrangler.toml"), readFileSync(join(REPO, "wrangler.toml")));
    symlinkSync(join(REPO, "node_modules"), join(src, "node_modules"));
    base = join(TMP, `base-${tag}`);
    prepare(src, base);
  }
  const assets = (ws: string) => (STORAGE === "assets" ? join(ws, ".generated/assets") : null);
  const servers: Server[] = [];
  try {
    const ours = await serve("this", join(head, "dist"), assets(head));
    servers.push(ours);
    const manifest = JSON.parse(readFileSync(join(head, ".generated/manifest.json"), "utf8")) as {
      routes: Record<string, { type: string }>;
    };
    const article = Object.keys(manifest.routes)
      .filter((p) => p.startsWith("/articles/"))
      .sort()[0];
    const brRoute = Object.keys(manifest.routes).find((p) => p.endsWith(".css") || p.endsWith(".xsl"));
    const cases: Case[] = [
      { name: "feed 200 identity", path: "/feed.xml", headers: { "Accept-Encoding": "identity" } },
      { name: "feed 200 gzip", path: "/feed.xml", headers: { "Accept-Encoding": "gzip" } },
      { name: "feed 200 br, gzip", path: "/feed.xml", headers: { "Accept-Encoding": "br, gzip" } },
      // The ETag is per origin (each server has its own port): filled in per server below.
      {
        name: "feed 304",
        path: "/feed.xml",
        headers: { "Accept-Encoding": "br, gzip", "If-None-Match": "" },
      },
      ...(article ? [{ name: "article gzip", path: article, headers: { "Accept-Encoding": "gzip" } }] : []),
      ...(brRoute
        ? [{ name: `${brRoute} br`, path: brRoute, headers: { "Accept-Encoding": "br, gzip" } }]
        : []),
    ];
    await constantWorker(join(TMP, "const"), ours, cases);
    servers.push(await serve("constant", join(TMP, "const"), null));
    if (base) servers.push(await serve("base", join(base, "dist"), assets(base)));
    // Same bytes from every server (each with its own origin), or the comparison is void.
    const norm = (r: Raw, s: Server) => {
      const o = (x: string) => x.split(s.url).join("ORIGIN");
      return JSON.stringify([
        r.status,
        r.headers
          .filter(([k]) => !/^etag$/i.test(k))
          .map(([k, v]) => [k.toLowerCase(), o(v)])
          .sort(),
        o(r.body.toString("latin1")),
      ]);
    };
    const hdrs = new Map<Server, Record<string, string>[]>();
    for (const s of servers) hdrs.set(s, await Promise.all(cases.map((c) => headersFor(s, c))));
    for (const [ci, c] of cases.entries()) {
      const want = norm(await raw(ours.url + c.path, hdrs.get(ours)?.[ci] ?? {}), ours);
      for (const s of servers.slice(1)) {
        // The constant Worker replays this tree's bytes, our origin included.
        const got = norm(
          await raw(s.url + c.path, hdrs.get(s)?.[ci] ?? {}),
          s.name === "constant" ? ours : s,
        );
        if (got !== want) log(`WARNING ${c.name}: ${s.name} differs from this tree`);
      }
    }
    const rows: string[] = [];
    const only = arg("--only", "");
    for (const c of cases.filter((x) => only === "" || only.split(",").some((o) => x.name.includes(o)))) {
      const per = servers.map(() => [] as LoadResult[]);
      const ci = cases.indexOf(c);
      const h = (s: Server) => hdrs.get(s)?.[ci] ?? {};
      for (const s of servers)
        await runWrk({
          url: s.url + c.path,
          headers: h(s),
          seconds: 1,
          connections: 4,
          serverPids: [s.pid],
          scriptDir: TMP,
        });
      const ratios: number[][] = servers.map(() => []);
      for (let round = 0; round < ROUNDS; round++) {
        const got: LoadResult[] = [];
        for (let k = 0; k < servers.length; k++) {
          const i = (k + round) % servers.length;
          const s = servers[i] as Server;
          const r = await runWrk({
            url: s.url + c.path,
            headers: h(s),
            seconds: SECONDS,
            connections: 4,
            serverPids: [s.pid],
            scriptDir: TMP,
          });
          per[i]?.push(r);
          got[i] = r;
        }
        const constCpu = got[1]?.cpuUsPerReq ?? Number.NaN;
        got.forEach((r, i) => {
          ratios[i]?.push(r.cpuUsPerReq / constCpu);
        });
      }
      const cells = servers.map((s, i) => {
        const cpu = median((per[i] ?? []).map((r) => r.cpuUsPerReq));
        const err = (per[i] ?? []).reduce((n, r) => n + r.errors, 0);
        return `${s.name} ${cpu.toFixed(0)} µs (${median(ratios[i] ?? []).toFixed(3)}x)${err ? ` ${err} errors` : ""}`;
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
    for (const s of servers) s.proc.kill();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
