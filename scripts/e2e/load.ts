// Loopback load: many connections over a mix of feed, page, API and conditional (304) requests.
// Every response must be 200 or 304; any error, timeout or other status fails the run.
// Usage: tsx scripts/e2e/load.ts <base-url> [seconds=60] [connections=50]
import autocannon, { type Request } from "autocannon";

const [base, seconds = "60", connections = "50"] = process.argv.slice(2);
if (!base) {
  console.error("usage: tsx scripts/e2e/load.ts <base-url> [seconds] [connections]");
  process.exit(2);
}
const feed = await fetch(`${base}/feed.json`);
const etag = feed.headers.get("etag") ?? '"none"';
const lastModified = feed.headers.get("last-modified") ?? "";
const items = ((await feed.json()) as { items: { url?: string }[] }).items;
const article = items[0]?.url ? new URL(items[0].url).pathname : "/";
const tag = /\/tags\/([^/"]+)\/(?:atom|feed)\.xml/.exec(await (await fetch(`${base}/opml.xml`)).text())?.[1];

// No HEAD in the mix: autocannon reads a HEAD answer's Content-Length as a body still to come and stalls
// the connection until the server's keep-alive timeout (5 s) closes it, which made p99 5 s and, under
// that churn, occasionally crashed wrangler dev's proxy. HEAD is proven by the workerd tests, the fuzz
// tests and `npm run verify` against this same server.
const requests: Request[] = [
  { path: "/feed.xml" },
  { path: "/atom.xml" },
  { path: "/feed.json" },
  { path: "/feed.json", headers: { "if-none-match": etag } },
  { path: "/feed.json", headers: { "if-modified-since": lastModified } },
  { path: "/" },
  { path: article },
  { path: "/tags" },
  { path: "/api/articles" },
  { path: "/opml.xml" },
  ...(tag ? [{ path: `/tags/${tag}/atom.xml` }, { path: `/tags/${tag}` }] : []),
];
const result = await autocannon({
  url: base,
  connections: Number(connections),
  duration: Number(seconds),
  timeout: 10,
  requests,
});
const codes = Object.entries(result.statusCodeStats).map(([c, s]) => `${c}: ${s.count}`);
console.log(
  `load: ${result.requests.total} requests in ${seconds}s over ${connections} connections (${requests.length}-request mix), ` +
    `avg ${result.requests.average}/s, latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms max ${result.latency.max} ms`,
);
console.log(`load: status codes ${codes.join(", ")}; errors ${result.errors}, timeouts ${result.timeouts}`);
const bad = Object.keys(result.statusCodeStats).filter((c) => c !== "200" && c !== "304");
const saw304 = (result.statusCodeStats["304"]?.count ?? 0) > 0;
if (result.errors || result.timeouts || bad.length || !saw304 || result.requests.total === 0) {
  console.error(
    `FAIL load: errors ${result.errors}, timeouts ${result.timeouts}, unexpected statuses [${bad.join(", ")}]${saw304 ? "" : ", no 304 seen"}`,
  );
  process.exit(1);
}
console.log("PASS load: only 200 and 304, no errors");
