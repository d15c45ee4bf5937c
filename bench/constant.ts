// The limit of any Worker: a Worker that answers a path with bytes it already holds. Its responses are
// captured from ours (status, headers, body, for each request the bench sends), so both send the same
// bytes with the same headers; it too answers 304 to a matching If-None-Match and sends the compressed
// body it was given, with no work beyond picking one of its precomputed answers.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";

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
  Object.entries(h).filter(([k]) => !FRAMING.has(k));

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
      const name = `b${n++}.bin`;
      writeFileSync(join(dir, name), a.ok.body);
      imports.push(`import ${name.slice(0, -4)} from "./${name}";`);
      const answer = {
        status: a.ok.status,
        // Only a validator ours honoured is honoured here.
        etag: a.notModified?.status === 304 ? (a.ok.headers.etag ?? null) : null,
        headers: pick(a.ok.headers),
        notModified: pick(a.notModified?.headers ?? {}),
      };
      entries.push(`${cls}: { ...${JSON.stringify(answer)}, body: new Uint8Array(${name.slice(0, -4)}) }`);
    }
    table.push(`[${JSON.stringify(r.path)}, { ${entries.join(", ")} }]`);
  }
  writeFileSync(
    join(dir, "index.js"),
    `${imports.join("\n")}
const routes = new Map([${table.join(",\n")}]);
const notFound = () => new Response("not found", { status: 404 });
export default {
  fetch(request) {
    const r = routes.get(new URL(request.url).pathname);
    if (!r) return notFound();
    const accept = request.headers.get("accept-encoding") ?? "";
    const a = (accept.includes("br") && r.br) || (accept.includes("gzip") && r.gzip) || r.identity;
    if (!a) return notFound();
    if (a.etag !== null && request.headers.get("if-none-match") === a.etag) {
      return new Response(null, { status: 304, headers: a.notModified });
    }
    return new Response(a.body, { status: a.status, headers: a.headers, encodeBody: "manual" });
  },
};
`,
  );
}
