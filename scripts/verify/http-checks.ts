// HTTP-level promises every canonical response keeps: status, exact Content-Type, strong ETag,
// conditional requests, HEAD, CORS, security headers on HTML.
import { isImfFixdate } from "./dates";
import { CONTENT_TYPES, type ResourceKind } from "./formats";
import { type Fetched, failed, get } from "./http";
import type { Report } from "./report";

const CORS_KINDS: ReadonlySet<ResourceKind> = new Set(["rss", "atom", "json", "opml", "api"]);

/** Runs the HTTP checks for one URL and returns the GET response for format checks (null if unusable). */
export async function checkHttp(report: Report, url: string, kind: ResourceKind): Promise<Fetched | null> {
  const label = new URL(url).pathname;
  const res = await get(url);
  if (failed(res)) {
    report.add(`${label}: GET`, false, res.error);
    return null;
  }
  if (!report.add(`${label}: status 200`, res.status === 200, `status ${res.status}`)) return null;
  const type = res.headers.get("content-type") ?? "";
  report.add(
    `${label}: Content-Type ${CONTENT_TYPES[kind][0]}`,
    CONTENT_TYPES[kind].includes(type),
    `got "${type}"`,
  );
  const etag = res.headers.get("etag");
  report.add(`${label}: strong ETag`, etag !== null && /^"[\x21\x23-\x7e]*"$/.test(etag), `got ${etag}`);
  const lastModified = res.headers.get("last-modified");
  report.add(`${label}: Last-Modified IMF-fixdate`, isImfFixdate(lastModified), `got ${lastModified}`);
  if (CORS_KINDS.has(kind)) {
    const cors = res.headers.get("access-control-allow-origin");
    report.add(`${label}: CORS Access-Control-Allow-Origin: *`, cors === "*", `got ${cors}`);
  }
  if (etag) {
    const c = await get(url, { headers: { "if-none-match": etag } });
    report.add(
      `${label}: 304 on If-None-Match`,
      !failed(c) && c.status === 304 && c.body.length === 0 && c.headers.get("etag") === etag,
      failed(c) ? c.error : `status ${c.status}, ${c.body.length} body bytes, etag ${c.headers.get("etag")}`,
    );
    const w = await get(url, { headers: { "if-none-match": `W/${etag}, "nope"` } });
    report.add(
      `${label}: 304 on weak-compared If-None-Match list`,
      !failed(w) && w.status === 304,
      failed(w) ? w.error : `status ${w.status}`,
    );
  }
  if (lastModified) {
    const c = await get(url, { headers: { "if-modified-since": lastModified } });
    report.add(
      `${label}: 304 on If-Modified-Since`,
      !failed(c) && c.status === 304 && c.body.length === 0,
      failed(c) ? c.error : `status ${c.status}, ${c.body.length} body bytes`,
    );
  }
  const h = await get(url, { method: "HEAD" });
  report.add(
    `${label}: HEAD without body, same headers`,
    !failed(h) &&
      h.status === 200 &&
      h.body.length === 0 &&
      h.headers.get("content-type") === type &&
      h.headers.get("etag") === etag,
    failed(h)
      ? h.error
      : `status ${h.status}, ${h.body.length} body bytes, type "${h.headers.get("content-type")}"`,
  );
  if (kind === "html") checkSecurityHeaders(report, label, res.headers);
  return res;
}

export function securityHeaderProblems(headers: Headers): string[] {
  const problems: string[] = [];
  const csp = headers.get("content-security-policy");
  if (!csp) problems.push("no Content-Security-Policy");
  else {
    if (!/(^|;)\s*default-src\b/.test(csp)) problems.push("CSP has no default-src");
    if (
      /script-src[^;]*'unsafe-inline'/.test(csp) ||
      (/default-src[^;]*'unsafe-inline'/.test(csp) && !/script-src/.test(csp))
    )
      problems.push("CSP allows inline scripts");
  }
  if (headers.get("x-content-type-options")?.toLowerCase() !== "nosniff")
    problems.push("no X-Content-Type-Options: nosniff");
  if (!headers.get("referrer-policy")) problems.push("no Referrer-Policy");
  if (!headers.get("x-frame-options") && !/frame-ancestors/.test(csp ?? ""))
    problems.push("no X-Frame-Options or CSP frame-ancestors");
  return problems;
}

function checkSecurityHeaders(report: Report, label: string, headers: Headers): void {
  report.problems(`${label}: security headers`, securityHeaderProblems(headers));
}
