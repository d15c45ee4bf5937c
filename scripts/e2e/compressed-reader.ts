// A real reader on compressed feeds: Node's fetch asks for gzip (and decodes it, as readers built on it
// do), feedsmith parses each body, and every feed's items must be the JSON Feed's of the same directory
// (same ids in the same order; OPML: one outline per feed). Usage: tsx compressed-reader.ts BASE PATH...
import { parseFeed, parseOpml } from "feedsmith";

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error("usage: tsx scripts/e2e/compressed-reader.ts BASE PATH...");
  process.exit(2);
}
let failed = 0;
const fail = (msg: string) => {
  console.log(`FAIL feedsmith ${msg}`);
  failed++;
};

async function fetchGzip(path: string): Promise<string> {
  const res = await fetch(base + path, { headers: { "Accept-Encoding": "gzip" } });
  if (res.status !== 200) throw new Error(`${path}: status ${res.status}`);
  if (res.headers.get("content-encoding") !== "gzip") throw new Error(`${path}: not gzip-coded`);
  return res.text();
}

/** Item ids as a reader keys them (RSS guid, Atom id, JSON Feed id). */
function ids(parsed: ReturnType<typeof parseFeed>): string[] {
  switch (parsed.format) {
    case "rss":
      return (parsed.feed.items ?? []).map((i) => i.guid?.value ?? "");
    case "atom":
      return (parsed.feed.entries ?? []).map((e) => e.id ?? "");
    case "json":
      return (parsed.feed.items ?? []).map((i) => i.id ?? "");
    default:
      return [];
  }
}

for (const path of paths) {
  try {
    const body = await fetchGzip(path);
    if (path.endsWith("opml.xml")) {
      const outlines = parseOpml(body).body?.outlines ?? [];
      const urls = outlines
        .flatMap((o) => [o.xmlUrl, ...(o.outlines ?? []).map((x) => x.xmlUrl)])
        .filter(Boolean);
      if (urls.length === 0) fail(`${path}: no feed in the OPML`);
      console.log(`feedsmith ${path} (gzip): ${urls.length} feeds`);
      continue;
    }
    const got = ids(parseFeed(body));
    const jsonPath = path.replace(/(feed\.xml|atom\.xml|feed\.json)$/, "feed.json");
    const want = ids(parseFeed(await fetchGzip(jsonPath)));
    if (got.length === 0 || got.join("\n") !== want.join("\n")) {
      fail(`${path}: ${got.length} items, not the ${want.length} of ${jsonPath}`);
    } else console.log(`feedsmith ${path} (gzip): ${got.length} items, the JSON Feed's`);
  } catch (e) {
    fail(`${path}: ${(e as Error).message}`);
  }
}
process.exit(failed ? 1 : 0);
