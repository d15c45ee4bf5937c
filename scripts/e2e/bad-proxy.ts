// A deliberately broken front for the real site, to prove `npm run verify` can fail: it drops ETag and
// CORS headers and cuts the last byte off every XML body. Prints its URL, serves until killed.
// Usage: tsx scripts/e2e/bad-proxy.ts <upstream-base-url> <port>
import { createServer } from "node:http";

const [upstream, port] = process.argv.slice(2);
if (!upstream || !port) {
  console.error("usage: tsx scripts/e2e/bad-proxy.ts <upstream-base-url> <port>");
  process.exit(2);
}
const server = createServer(async (req, res) => {
  try {
    const up = await fetch(`${upstream}${req.url ?? "/"}`, {
      method: req.method ?? "GET",
      headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith("if-"))) as Record<
        string,
        string
      >,
      redirect: "manual",
    });
    const headers: Record<string, string> = {};
    up.headers.forEach((v, k) => {
      if (
        ![
          "etag",
          "access-control-allow-origin",
          "content-length",
          "content-encoding",
          "transfer-encoding",
        ].includes(k)
      )
        headers[k] = v;
    });
    let body = Buffer.from(await up.arrayBuffer());
    if ((headers["content-type"] ?? "").includes("xml") && body.length > 0)
      body = body.subarray(0, body.length - 1);
    res.writeHead(up.status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (e) {
    res.writeHead(502);
    res.end(String(e));
  }
});
server.listen(Number(port), "127.0.0.1", () =>
  console.log(`bad-proxy http://127.0.0.1:${port} -> ${upstream}`),
);
