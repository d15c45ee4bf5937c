// The small answers every layer of the Worker may give: plain text and JSON errors, never cached.
import type { ApiError } from "./api-query";
import { commonHeaders } from "./headers";

export function jsonError(status: number, error: ApiError): Response {
  const h = commonHeaders("api");
  h.set("Content-Type", "application/json; charset=utf-8");
  h.set("Cache-Control", "no-store");
  return new Response(JSON.stringify({ error }).replace(/</g, "\\u003c"), { status, headers: h });
}

export function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  const h = commonHeaders(null);
  h.set("Content-Type", "text/plain; charset=utf-8");
  h.set("Cache-Control", "no-store");
  for (const [k, v] of Object.entries(extra)) h.set(k, v);
  return new Response(text, { status, headers: h });
}

/**
 * The Worker's own bug (anything thrown past the handlers): a 500 with no error text for the client, the
 * error itself in the Worker's log (wrangler tail / Workers Logs), so a bug is never masked as the
 * client's fault.
 */
export function internalError(error: unknown): Response {
  console.error("feed-aggregator: internal error", error);
  return plain(500, "Internal error; it has been logged.\n");
}
