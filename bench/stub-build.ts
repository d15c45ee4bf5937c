// Stand-in for `src/build/cli.ts` while the real build is being written: emits a manifest + blob of
// roughly the right shape and size so the harness can be exercised end to end. Results produced with it
// are labelled "stub" in every table and must not be read as the project's numbers.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Manifest, RouteEntry, RouteKind } from "../src/shared/manifest";
import { TOPICS } from "./words";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const corpus = arg("--corpus") ?? process.env.CORPUS_DIR ?? "corpus";
const out = arg("--out") ?? ".generated";
const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const articles = readdirSync(corpus)
  .filter((f) => f.endsWith(".txt") || f.endsWith(".md"))
  .sort()
  .map((f) => {
    const text = readFileSync(join(corpus, f), "utf8");
    const lines = text.split("\n").filter((l) => l.trim().length > 0);
    const title = lines.find((l) => l.length > 25) ?? f;
    const tags = TOPICS.filter((t) => t.mentions.some((m) => text.includes(m))).map((t) => t.slug);
    return { slug: f.replace(/\.(txt|md)$/, ""), title, text, tags };
  });

const chunks: Buffer[] = [];
let offset = 0;
const routes: Record<string, RouteEntry> = {};
function add(path: string, body: string, type: string, kind: RouteKind): RouteEntry {
  const buf = Buffer.from(body);
  chunks.push(buf);
  const entry: RouteEntry = {
    body: [offset, buf.length],
    type,
    etag: `"${createHash("sha256").update(buf).digest("hex").slice(0, 32)}"`,
    lastModified: "Mon, 01 Jan 2024 00:00:00 GMT",
    cacheControl: "public, max-age=300",
    kind,
  };
  offset += buf.length;
  routes[path] = entry;
  return entry;
}
const item = (a: (typeof articles)[number]): string =>
  `<item><title>${esc(a.title)}</title><link>https://t.invalid/articles/${a.slug}</link><description>${esc(a.text.slice(0, 4000))}</description></item>`;
const rss = (list: typeof articles): string =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>${list.slice(0, 50).map(item).join("")}</channel></rss>`;

add("/feed.xml", rss(articles), "application/rss+xml; charset=utf-8", "feed");
add(
  "/feed.json",
  JSON.stringify({ version: "https://jsonfeed.org/version/1.1", items: articles.slice(0, 50) }),
  "application/feed+json; charset=utf-8",
  "feed",
);
for (const t of TOPICS) {
  add(
    `/tags/${t.slug}/feed.xml`,
    rss(articles.filter((a) => a.tags.includes(t.slug))),
    "application/rss+xml; charset=utf-8",
    "feed",
  );
}
for (const a of articles) {
  add(
    `/articles/${a.slug}`,
    `<!doctype html><h1>${esc(a.title)}</h1><pre>${esc(a.text)}</pre>`,
    "text/html; charset=utf-8",
    "html",
  );
}
add(
  "/api/articles",
  JSON.stringify(articles.slice(0, 20).map((a) => ({ slug: a.slug, title: a.title }))),
  "application/json; charset=utf-8",
  "json",
);
const notFound = add("/404", "not found", "text/plain; charset=utf-8", "text");
const manifest: Manifest = {
  version: 1,
  buildId: "stub",
  origin: null,
  originToken: "https://t.invalid",
  routes,
  notFound,
};
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "bodies.bin"), Buffer.concat(chunks));
writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest));
