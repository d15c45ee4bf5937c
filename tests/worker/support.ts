// Shared by the Worker tests: the manifest the Worker serves (real build or fixture) and fetch helpers.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import manifestJson from "../../.generated/manifest.json";
import type { Manifest, RouteEntry, RouteKind } from "../../src/shared/manifest";
import worker from "../../src/worker/index";

export const manifest = manifestJson as unknown as Manifest;
export const BASE = "http://example.com";

export function get(path: string, init?: RequestInit, base = BASE): Promise<Response> {
  return exports.default.fetch(`${base}${path}`, init);
}

/**
 * The Worker's fetch handler called directly: the response as the Worker made it. Through `get` (the
 * runtime's own fetch), a compressed body arrives already decoded under its Content-Encoding header.
 */
export async function direct(path: string, init: RequestInit = {}, base = BASE): Promise<Response> {
  const ctx = createExecutionContext();
  const handler = worker as unknown as {
    fetch(r: Request, env: unknown, ctx: ExecutionContext): Response | Promise<Response>;
  };
  const res = await handler.fetch(new Request(`${base}${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** Paths of the manifest's routes of one kind (sorted), optionally filtered. */
export function pathsOf(
  kind: RouteKind,
  filter: (path: string, e: RouteEntry) => boolean = () => true,
): string[] {
  return Object.entries(manifest.routes)
    .filter(([p, e]) => e.kind === kind && filter(p, e))
    .map(([p]) => p)
    .sort();
}

export function firstPath(kind: RouteKind, filter?: (path: string, e: RouteEntry) => boolean): string {
  const p = pathsOf(kind, filter)[0];
  if (!p) throw new Error(`the manifest has no ${kind} route`);
  return p;
}

/** Headers a 304 must repeat from the 200 (RFC 9110 §15.4.5 plus our CORS/security headers). */
export const REPEATED_ON_304 = [
  "etag",
  "last-modified",
  "cache-control",
  "vary",
  "link",
  "access-control-allow-origin",
  "access-control-expose-headers",
  "content-security-policy",
  "x-content-type-options",
  "referrer-policy",
];

export function pick(res: Response, names: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(names.map((n) => [n, res.headers.get(n)]));
}

export function tagSlugs(): string[] {
  return manifest.api?.tagSlugs ?? [];
}

/** The body as text, decoded from its Content-Encoding (gzip and br are decoded by workerd's streams). */
export async function decodedText(res: Response): Promise<string> {
  return new TextDecoder().decode(await decodedBytes(res));
}

export async function decodedBytes(res: Response): Promise<Uint8Array> {
  const coding = res.headers.get("content-encoding");
  if (!coding || !res.body) return new Uint8Array(await res.arrayBuffer());
  const format = coding === "br" ? "brotli" : coding;
  const stream = res.body.pipeThrough(new DecompressionStream(format as "gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
