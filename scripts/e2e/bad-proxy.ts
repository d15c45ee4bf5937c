// A deliberately broken front for the real site, to prove `npm run verify` can fail: it drops ETag and
// CORS headers and cuts the final `>` off every XML body. Serves until killed.
// Usage: tsx scripts/e2e/bad-proxy.ts <upstream-base-url> <port>
import { createServer } from "node:http";

const [upstream, port] = process.argv.slice(2);
if (!upstream || !port) {
  console.error("usage: tsx scripts/e2e/bad-proxy.ts <upstream-base-url> <port>");
  process.exit(2);
}
const self = `http://127.0.0.1:${port}`;
const DROPPED = new Set([
  "etag",
  "access-control-allow-origin",
  "content-length",
  "content-encoding",
  "transfer-encoding",
]);

const server = createServer(async (req, res) => {
  try {
    const conditional: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (k.startsWith("if-") && typeof v === "string") conditional[k] = v;
    const up = await fetch(`${upstream}${req.url ?? "/"}`, {
      method: req.method ?? "GET",
      headers: conditional,
      redirect: "manual",
    });
    const headers: Record<string, string> = {};
    up.headers.forEach((v, k) => {
      if (!DROPPED.has(k)) headers[k] = v;
    });
    // Bodies name the upstream origin; point them here so the checks follow links through the proxy.
    let text = (await up.text()).replaceAll(upstream, self);
    // Cut the last `>` (not a trailing newline, which would leave the XML well-formed).
    if (/xml/.test(headers["content-type"] ?? "") && text.trimEnd().endsWith(">"))
      text = text.trimEnd().slice(0, -1);
    res.writeHead(up.status, headers);
    res.end(req.method === "HEAD" ? undefined : text);
  } catch (e) {
    res.writeHead(502);
    res.end(String(e));
  }
});
server.listen(Number(port), "127.0.0.1", () => console.log(`bad-proxy ${self} -> ${upstream}`));
