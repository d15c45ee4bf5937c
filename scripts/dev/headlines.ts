// Dev tool: `npx tsx scripts/dev/headlines.ts [DIR] [--list]` compares the headline the build picks for
// each benchmark page (DIR/text/<id>.txt, default ../shared/eval/pages) with the title the page's HTML
// declares (og:title, JSON-LD headline, <title> without its " | Site" tail). Prints counts: right, wrong,
// refused. A pick is right when its words and a declared title's words mostly coincide.
import { decodeEntities } from "../../src/pipeline/extract/markdown";
import { benchmarkPages } from "./benchmark-pages";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--")) ?? "../shared/eval/pages";
const list = args.includes("--list");

function declared(html: string): string[] {
  const out: string[] = [];
  const og = /<meta[^>]+property=["']og:title["'][^>]*>/i.exec(html)?.[0];
  const content = og && /content=["']([^"']*)["']/i.exec(og)?.[1];
  if (content) out.push(decodeEntities(content));
  for (const m of html.matchAll(/"headline"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
    try {
      out.push(JSON.parse(`"${m[1]}"`));
    } catch {}
  }
  const t = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  if (t) {
    const full = decodeEntities(t).trim();
    out.push(full);
    for (const part of full.split(/\s[|–—-]\s|\s::\s/)) out.push(part);
  }
  return out.map((s) => s.replace(/\s+/g, " ").trim()).filter((s) => s.length > 0);
}

const toks = (s: string): string[] =>
  s
    .toLowerCase()
    .normalize("NFKC")
    .match(/[\p{L}\p{N}]+/gu) ?? [];

function same(a: string, b: string): boolean {
  const ta = toks(a);
  const tb = new Set(toks(b));
  if (ta.length === 0 || tb.size === 0) return false;
  // CJK titles have few spaces: compare characters instead.
  if (ta.length <= 2 && tb.size <= 2) {
    const ca = [...a.replace(/\s/g, "")];
    const cb = new Set(b.replace(/\s/g, ""));
    return ca.filter((c) => cb.has(c)).length / Math.max(ca.length, cb.size) >= 0.7;
  }
  const hit = ta.filter((t) => tb.has(t)).length;
  return hit / ta.length >= 0.7 && hit / tb.size >= 0.7;
}

let right = 0;
let wrong = 0;
let refused = 0;
let pages = 0;
for (const { id, html, result: r } of benchmarkPages(dir)) {
  pages++;
  const want = declared(html);
  const got = r.drafts[0]?.article.title ?? null;
  if (got === null) {
    refused++;
    if (list) console.log(`REFUSED ${id}: ${r.problems.map((p) => p.message).join("; ")}`);
    continue;
  }
  const ok = want.some((w) => same(got, w));
  if (ok) right++;
  else wrong++;
  if (list && !ok)
    console.log(`WRONG ${id}: got ${JSON.stringify(got)} want ${JSON.stringify(want[0] ?? "")}`);
}
console.log(`headlines: ${right} right, ${wrong} wrong, ${refused} refused of ${pages}`);
