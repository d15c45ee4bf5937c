// The limit of any Worker: a Worker that answers a path with bytes it already holds. Its responses are
// captured from ours (status, headers, body, for each request the bench sends), so both send the same
// bytes with the same headers; it too answers 304 to a matching If-None-Match and sends the compressed
// body it was given, with no work beyond picking one of its precomputed answers.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import type { WorkerServer } from "./serve";
import { startWorkerd, type WorkerdSpec } from "./workerd";

export interface Captured {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A GET that keeps the body as sent (fetch would decode gzip and brotli). */
export function rawGet(url: string, headers: Record<string, string>): Promise<Captured> {
  return new Promise((ok, fail) => {
    const req = request(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") h[k] = v;
        ok({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(parts) });
      });
      res.on("error", fail);
    });
    req.on("error", fail);
    req.end();
  });
}

/** How the constant Worker tells requests apart: by the coding the request accepts. */
export type AcceptClass = "identity" | "gzip" | "br";
export const acceptClass = (accept: string | undefined): AcceptClass =>
  accept?.includes("br") ? "br" : accept?.includes("gzip") ? "gzip" : "identity";

export interface ConstantRoute {
  path: string;
  /** Our Worker's answer to a request of each class, and to the same request made conditional. */
  answers: Partial<Record<AcceptClass, { ok: Captured; notModified?: Captured }>>;
}

/** Headers the server sets on its own (framing, date); the rest are the response's. */
const FRAMING = new Set(["content-length", "transfer-encoding", "connection", "date", "keep-alive"]);
const pick = (h: Record<string, string>): [string, string][] =>
  Object.entries(h)
    .filter(([k]) => !FRAMING.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The same status, headers (but framing) and bytes: what a replay must send. */
export const sameReplay = (a: Captured, b: Captured): boolean =>
  a.status === b.status &&
  JSON.stringify(pick(a.headers)) === JSON.stringify(pick(b.headers)) &&
  a.body.equals(b.body);

/**
 * Captures what the Worker at `url` answers, per path and accept class, with the answer to the same
 * request made conditional on the ETag it sent: the constant Worker's table.
 */
export function capturer(url: string): {
  capture(path: string, headers: Record<string, string>): Promise<Captured>;
  routes(): ConstantRoute[];
} {
  const byPath = new Map<string, ConstantRoute>();
  return {
    async capture(path, headers) {
      const cls = acceptClass(headers["Accept-Encoding"]);
      const route = byPath.get(path) ?? { path, answers: {} };
      byPath.set(path, route);
      const known = route.answers[cls];
      if (known) return known.ok;
      const ok = await rawGet(url + path, headers);
      const notModified = await rawGet(url + path, {
        ...headers,
        "If-None-Match": ok.headers.etag ?? '"none"',
      });
      route.answers[cls] = { ok, notModified };
      return ok;
    },
    routes: () => [...byPath.values()],
  };
}

// Every answer's Headers object and init are built once at module load: a Response copies a Headers
// object natively, but reads a list of pairs one by one (measured with bench/dev/cpu.ts: about 60 µs per
// request more in workerd for /feed.xml). The path is sliced from the URL rather than parsed by `new URL`.
const HELPERS = `const ok = (status, headers, body) => ({ body, init: { status, headers: new Headers(headers), encodeBody: "manual" } });
const notModified = (status, headers) => ({ status, headers: new Headers(headers) });
const NOT_FOUND = { status: 404 };
`;
const HANDLER = `export default {
  fetch(request) {
    const u = request.url;
    const start = u.indexOf("/", 8);
    const end = u.indexOf("?", start);
    const r = routes.get(end < 0 ? u.slice(start) : u.slice(start, end));
    if (!r) return new Response("not found", NOT_FOUND);
    const accept = request.headers.get("accept-encoding") ?? "";
    const a = (accept.includes("br") && r.br) || (accept.includes("gzip") && r.gzip) || r.identity;
    if (!a) return new Response("not found", NOT_FOUND);
    if (a.etag !== null && request.headers.get("if-none-match") === a.etag) return new Response(null, a.notModified);
    return new Response(a.ok.body, a.ok.init);
  },
};
`;

export function writeConstantWorker(dir: string, routes: ConstantRoute[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const imports: string[] = [];
  const table: string[] = [];
  let n = 0;
  for (const r of routes) {
    const entries: string[] = [];
    for (const [cls, a] of Object.entries(r.answers)) {
      if (!a) continue;
      const name = `b${n++}`;
      writeFileSync(join(dir, `${name}.bin`), a.ok.body);
      imports.push(`import ${name} from "./${name}.bin";`);
      // Only a validator ours honoured is honoured here.
      const etag = a.notModified?.status === 304 ? (a.ok.headers.etag ?? null) : null;
      const nm = a.notModified
        ? `notModified(${a.notModified.status}, ${JSON.stringify(pick(a.notModified.headers))})`
        : "null";
      entries.push(
        `${cls}: { etag: ${JSON.stringify(etag)}, ok: ok(${a.ok.status}, ${JSON.stringify(pick(a.ok.headers))}, new Uint8Array(${name})), notModified: ${nm} }`,
      );
    }
    table.push(`[${JSON.stringify(r.path)}, { ${entries.join(", ")} }]`);
  }
  writeFileSync(
    join(dir, "index.js"),
    `${imports.join("\n")}\n${HELPERS}const routes = new Map([${table.join(",\n")}]);\n${HANDLER}`,
  );
}

/** Writes the constant Worker into `distDir` and serves it in plain workerd (its config beside it). */
export function startConstantWorker(
  distDir: string,
  routes: ConstantRoute[],
  compat: Pick<WorkerdSpec, "compatibilityDate" | "compatibilityFlags">,
  probePath: string,
): Promise<WorkerServer> {
  writeConstantWorker(distDir, routes);
  return startWorkerd({ ...compat, distDir, configDir: `${distDir}-config`, vars: {}, probePath });
}
