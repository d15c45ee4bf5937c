// Per-route data for choosing which routes get a whole brotli body (with BASE_URL set every route could):
//   npx tsx bench/brotli-study.ts OUT_DIR > routes.tsv
// Reads <out>/site.json, renders it again, chunks every body like the emitter and prints, per route:
// path, group, identity bytes, gzip piece bytes, the part of those in pieces no other route uses, and
// its brotli body's bytes (the emitter's settings).
import { ChunkStore } from "../src/pipeline/pack/chunks";
import { brotliBody } from "../src/pipeline/pack/compress";
import { rerender } from "./rerender";

const { token, routes } = rerender(process.argv[2] ?? ".generated");
const enc = new TextEncoder();
// Only the pieces' sizes are read: they are counted, not kept.
let stored = 0;
const chunks = new ChunkStore((piece) => {
  const at = stored;
  stored += piece.length;
  return at;
});
const rows = routes.map((r) => {
  const segments = r.body.split(token).map((s) => enc.encode(s));
  const refs = chunks.refs(segments);
  return { path: r.path, segments, refs };
});
const uses = new Map<number, number>();
for (const row of rows) for (const id of new Set(row.refs)) uses.set(id, (uses.get(id) ?? 0) + 1);
console.log("path\tgroup\tidentity\tgz\tgzOwn\tbr");
for (const row of rows) {
  const group = row.path.includes("/archive/") ? "archive" : (row.path.split("/")[1] ?? "");
  const identity = row.segments.reduce((n, s) => n + s.length, 0);
  const own = row.refs.filter((id) => uses.get(id) === 1);
  const br = row.segments.length === 1 && identity > 0 ? brotliBody(row.segments[0] as Uint8Array).length : 0;
  console.log([row.path, group, identity, chunks.gzBytes(row.refs), chunks.gzBytes(own), br].join("\t"));
}
