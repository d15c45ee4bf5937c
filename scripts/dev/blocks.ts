import { parseTaxonomy } from "../../src/pipeline/enrich/taxonomy";
import { ingest } from "../../src/pipeline/extract/index";
import { formatOf } from "../../src/pipeline/read/formats/index";
import { parseMeta } from "../../src/pipeline/read/frontmatter";
import { decode } from "../../src/pipeline/read/read";
import { overall, type PageScore, scorePage, shingles } from "../eval/score";
import { buildCase, loadSets } from "../eval/sets";

const args = process.argv.slice(2);
const opt = (name: string): string | null => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? null) : null;
};
const dir = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ?? "tests/eval";
const half = opt("--half");
const only = opt("--id");
const summary = args.includes("--summary");
/** Print every source line with its fate: the rule that removed it, or "keep". */
const log = args.includes("--log");

function parity(id: string): "even" | "odd" {
  const m = /^[a-z](\d+)/u.exec(id);
  const n = m ? Number(m[1]) : Number.parseInt(id.slice(-1), 16);
  return n % 2 === 0 ? "even" : "odd";
}

/** Share of a text's shingles that the gold body holds, and how many shingles it has. */
function inGold(text: string, gold: Map<string, number>): { share: number; n: number } {
  const s = shingles(text);
  let n = 0;
  let hit = 0;
  for (const [k, c] of s) {
    n += c;
    if (gold.has(k)) hit += c;
  }
  return { share: n ? hit / n : 0, n };
}

const clip = (t: string): string => (t.length > 110 ? `${t.slice(0, 107)}...` : t);

const set = loadSets(dir)[args.includes("--html") ? 1 : 0];
if (!set) throw new Error(`${dir}: no set`);
// Front-matter tags must resolve, or the capture is refused and its body scores 0.
const rules = set.taxonomy ? parseTaxonomy(set.taxonomy).tags : [];
const scores: Record<"even" | "odd", PageScore[]> = { even: [], odd: [] };
for (const c of set.cases) {
  if (only && !c.id.includes(only)) continue;
  const p = parity(c.id);
  if (half && p !== half) continue;
  const r = buildCase(c, rules);
  const body = r.drafts[0]?.article.text ?? "";
  const s = scorePage(c.gold, body);
  scores[p].push(s);
  if (summary) continue;
  // The removal log comes from ingest itself, run as capture.ts runs it.
  const format = formatOf(c.rel);
  const d = decode(c.bytes);
  if (!format || !d.ok) continue;
  const src = format.read(d.text).articles[0];
  if (!src) continue;
  const sideMeta = c.sidecar ? parseMeta(c.sidecar.text).meta : {};
  const meta = { ...src.declared, ...sideMeta, ...src.given };
  const title = meta.title ?? src.titleHint ?? undefined;
  const out = ingest({
    file: c.path,
    ...src.ingest,
    ...(title ? { title } : {}),
    ...(meta.captured ? { captured: meta.captured } : {}),
    ...(meta.url ? { url: meta.url } : {}),
  });
  if (log) {
    const gone = new Map(out.removed.map((x) => [x.line, x.rule]));
    const first = src.ingest.firstLine;
    src.ingest.body.split("\n").forEach((t, k) => {
      if (t.trim() !== "")
        process.stdout.write(
          `${String(first + k).padStart(4)} ${(gone.get(first + k) ?? "keep").padEnd(16)} ${clip(t.trim())}\n`,
        );
    });
  }
  const gold = shingles(c.gold);
  const kept = new Map<string, number>();
  for (const [k, n] of shingles(body)) kept.set(k, n);
  const lines: string[] = [];
  let fp = 0;
  for (const para of body.split(/\n+/u)) {
    const g = inGold(para, gold);
    if (g.n > 0 && g.share < 0.5) {
      fp += g.n;
      lines.push(`   + ${String(g.n).padStart(3)} ${clip(para)}`);
    }
  }
  let fn = 0;
  const byLine = new Map<number, { rule: string; text: string }>();
  for (const x of out.removed) if (!byLine.has(x.line)) byLine.set(x.line, x);
  for (const x of byLine.values()) {
    const g = inGold(x.text, gold);
    if (g.n >= 2 && g.share >= 0.6 && inGold(x.text, kept).share < 0.5) {
      fn += g.n;
      lines.push(`   - ${String(g.n).padStart(3)} [${x.rule}] ${clip(x.text)}`);
    }
  }
  process.stdout.write(
    `${c.id}  f1 ${s.f1.toFixed(3)} p ${s.precision.toFixed(3)} r ${s.recall.toFixed(3)}  (chrome kept ${fp}, article lost ${fn})\n`,
  );
  for (const l of lines) process.stdout.write(`${l}\n`);
}
for (const h of ["even", "odd"] as const) {
  if (scores[h].length === 0) continue;
  const o = overall(scores[h]);
  process.stdout.write(
    `${h} half: F1 ${o.f1.toFixed(3)} (P ${o.precision.toFixed(3)}, R ${o.recall.toFixed(3)}) over ${o.pages}\n`,
  );
}
const o = overall([...scores.even, ...scores.odd]);
process.stdout.write(
  `all: F1 ${o.f1.toFixed(3)} (P ${o.precision.toFixed(3)}, R ${o.recall.toFixed(3)}) over ${o.pages}\n`,
);
