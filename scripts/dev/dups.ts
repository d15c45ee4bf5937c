// Dev tool: `npx tsx scripts/dev/dups.ts [PAGES] [CAPTURES]` measures the near-duplicate test of
// src/pipeline/enrich/neardup.ts on real copies. Same article: each benchmark page (PAGES, default
// ../shared/eval/pages) built from its pasted text and from its saved HTML (two cleanings of one
// article, the hardest honest case). Different articles: every other pair among those pages and the
// shipped evaluation captures (CAPTURES, default tests/eval/captures), which hold several write-ups of
// one event (the same story from different sources: they must stay apart). Prints the distributions.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { articleFromCapture, type Sidecar } from "../../src/pipeline/capture";
import { sameText, shingles, similarity } from "../../src/pipeline/enrich/neardup";
import { parseMeta } from "../../src/pipeline/read/frontmatter";

const pages = process.argv[2] ?? "../shared/eval/pages";
const captures = process.argv[3] ?? "tests/eval/captures";

function text(rel: string, bytes: Uint8Array, meta: string | null): string | null {
  const side: Sidecar | undefined = meta
    ? {
        file: { rel: "x.meta.yaml", display: "x.meta.yaml", bytes: new Uint8Array() },
        meta: parseMeta(meta).meta,
      }
    : undefined;
  const r = articleFromCapture({ rel, display: rel, bytes }, "x", side, [], "en");
  return r.drafts[0]?.article.text ?? null;
}

const same: number[][] = [];
const bodies: { id: string; text: string }[] = [];
for (const f of readdirSync(join(pages, "text"))
  .filter((f) => f.endsWith(".txt"))
  .sort()) {
  const id = f.replace(/\.txt$/, "");
  const meta = readFileSync(join(pages, "text", `${id}.meta.yaml`), "utf8");
  const t = text(f, readFileSync(join(pages, "text", f)), meta);
  const h = text(`${id}.html`, gunzipSync(readFileSync(join(pages, "html", `${id}.html.gz`))), meta);
  if (t === null || h === null) continue;
  const s = similarity(shingles(t), shingles(h));
  same.push([s.jaccard, s.containment, s.smaller]);
  bodies.push({ id, text: h });
}
for (const f of readdirSync(captures)
  .filter((f) => /\.(txt|md)$/.test(f))
  .sort()) {
  const id = f.replace(/\.[^.]+$/, "");
  let meta: string | null = null;
  try {
    meta = readFileSync(join(captures, `${id}.meta.yaml`), "utf8");
  } catch {}
  const t = text(f, readFileSync(join(captures, f)), meta);
  if (t !== null) bodies.push({ id, text: t });
}
const sets = bodies.map((b) => shingles(b.text));
let maxJ = 0;
let maxC = 0;
let merged = 0;
const worst: string[] = [];
for (let i = 0; i < sets.length; i++)
  for (let j = i + 1; j < sets.length; j++) {
    const s = similarity(sets[i] as Set<number>, sets[j] as Set<number>);
    maxJ = Math.max(maxJ, s.jaccard);
    if (s.smaller >= 40) maxC = Math.max(maxC, s.containment);
    if (sameText(s)) merged++;
    if (s.jaccard > 0.05 || s.containment > 0.2)
      worst.push(
        `${bodies[i]?.id} ~ ${bodies[j]?.id}: J ${s.jaccard.toFixed(3)} C ${s.containment.toFixed(3)}`,
      );
  }
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))] ?? 0;
const js = same.map((x) => x[0] as number);
const cs = same.map((x) => x[1] as number);
const found = same.filter(([j, c, n]) =>
  sameText({ jaccard: j as number, containment: c as number, smaller: n as number }),
).length;
console.log(`same article, text vs HTML cleaning: ${same.length} pages`);
console.log(
  `  Jaccard min ${q(js, 0).toFixed(3)} p10 ${q(js, 0.1).toFixed(3)} median ${q(js, 0.5).toFixed(3)}`,
);
console.log(
  `  containment min ${q(cs, 0).toFixed(3)} p10 ${q(cs, 0.1).toFixed(3)} median ${q(cs, 0.5).toFixed(3)}`,
);
console.log(`  called one text: ${found}/${same.length}`);
console.log(`different articles: ${(sets.length * (sets.length - 1)) / 2} pairs of ${sets.length} bodies`);
console.log(
  `  max Jaccard ${maxJ.toFixed(3)}, max containment (>= 40 shingles) ${maxC.toFixed(3)}, called one text: ${merged}`,
);
for (const w of worst.slice(0, 20)) console.log(`  ${w}`);
