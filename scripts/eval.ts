// `npm run eval [-- DIR] [--check] [--record] [--json FILE] [--quiet]`: scores the extractor on a
// labelled set (default tests/eval) or on a benchmark set such as ../shared/eval/pages. Each capture goes
// through the build's own per-capture code (src/pipeline/capture.ts). Prints per capture and overall the
// body's precision, recall and F1 over 4-token shingles (overall and, in a set mixing formats, per
// format) and, on a labelled set, per-field accuracy.
// --check exits 1 when a figure drops below the one recorded in tests/eval/baseline.json; --record
// writes the current figures there.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseTaxonomy, type TagRule } from "../src/pipeline/enrich/taxonomy";
import { compareFields, FIELD_NAMES, type FieldName, type Predicted } from "./eval/fields";
import { overall, type PageScore, scorePage } from "./eval/score";
import { buildCase, type EvalCase, type EvalSet, loadSets } from "./eval/sets";

const BASELINE = resolve("tests/eval/baseline.json");
const TOLERANCE = 0.0005;

interface Args {
  dir: string;
  check: boolean;
  record: boolean;
  json: string | null;
  quiet: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { dir: "tests/eval", check: false, record: false, json: null, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i] ?? "";
    if (x === "--check") a.check = true;
    else if (x === "--record") a.record = true;
    else if (x === "--quiet") a.quiet = true;
    else if (x === "--json") a.json = argv[++i] ?? null;
    else if (x.startsWith("--")) throw new Error(`unknown option ${x}`);
    else a.dir = x;
  }
  return a;
}

function rulesFor(taxonomy: string | null): TagRule[] {
  const text = taxonomy ?? readFileSync("corpus/taxonomy.yaml", "utf8");
  const t = parseTaxonomy(text);
  if (t.problems.length) throw new Error(`taxonomy: ${t.problems.map((p) => p.message).join("; ")}`);
  return t.tags;
}

function predict(c: EvalCase, rules: readonly TagRule[]): { p: Predicted | null; notes: string[] } {
  const r = buildCase(c, rules);
  const notes = [
    ...r.problems.map((p) => `REFUSED line ${p.line}: ${p.message}`),
    ...r.warnings.map((w) => `warning line ${w.line}: ${w.message}`),
  ];
  const first = r.drafts[0];
  if (!first) return { p: null, notes };
  const a = first.article;
  return {
    p: {
      body: a.text,
      title: a.title,
      dek: a.subtitle,
      date: a.published,
      authors: a.authors,
      publisher: a.publisher,
      language: a.language,
      tags: a.tags,
    },
    notes,
  };
}

type Figures = Record<string, number>;

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const sets = loadSets(args.dir);
  let failed = false;
  for (const [i, set] of sets.entries()) {
    if (i > 0) process.stdout.write("\n");
    if (sets.length > 1) process.stdout.write(`== ${set.name}\n`);
    // One predictions file per set when a folder holds several: FILE.json -> FILE.<set>.json.
    const json =
      args.json && sets.length > 1 ? args.json.replace(/(\.json)?$/, `.${set.name}.json`) : args.json;
    failed = runSet(set, { ...args, json }) || failed;
  }
  if (failed) process.exit(1);
}

/** Scores one set; true when --check found a figure below the recorded one. */
function runSet(set: EvalSet, args: Args): boolean {
  if (set.cases.length === 0) throw new Error(`${args.dir}: no captures found`);
  const rules = rulesFor(set.taxonomy);

  const rows: { c: EvalCase; s: PageScore; misses: string[]; notes: string[] }[] = [];
  const right: Record<FieldName, number> = Object.fromEntries(FIELD_NAMES.map((f) => [f, 0])) as never;
  const asked: Record<FieldName, number> = Object.fromEntries(FIELD_NAMES.map((f) => [f, 0])) as never;
  const predictions: Record<string, { articleBody: string }> = {};
  for (const c of set.cases) {
    const { p, notes } = predict(c, rules);
    predictions[c.id] = { articleBody: p?.body ?? "" };
    const s = scorePage(c.gold, p?.body ?? "");
    const misses: string[] = [];
    if (c.expected) {
      for (const f of compareFields(c.expected, p)) {
        asked[f.field]++;
        if (f.ok) right[f.field]++;
        else misses.push(`${f.field}: got ${JSON.stringify(f.got)}, want ${JSON.stringify(f.want)}`);
      }
    }
    rows.push({ c, s, misses, notes });
  }

  rows.sort((a, b) => a.s.f1 - b.s.f1 || (a.c.id < b.c.id ? -1 : 1));
  if (!args.quiet) {
    for (const r of rows) {
      const head = `${r.s.f1.toFixed(3)}  p ${r.s.precision.toFixed(3)}  r ${r.s.recall.toFixed(3)}  ${r.c.id}`;
      const kind = r.c.expected ? `  [${r.c.expected.kind}]` : "";
      process.stdout.write(`${head}${kind}\n`);
      for (const m of [...r.misses, ...r.notes]) process.stdout.write(`        ${m}\n`);
    }
    process.stdout.write("\n");
  }

  const figures: Figures = {};
  const o = overall(rows.map((r) => r.s));
  if (rows.some((r) => r.c.expected)) {
    const kinds = new Set(rows.map((r) => r.c.expected?.kind ?? ""));
    const langs = new Set(rows.map((r) => r.c.expected?.language ?? ""));
    process.stdout.write(
      `${set.name}: ${rows.length} captures, ${kinds.size} kinds of site, ${langs.size} languages\n`,
    );
    for (const f of FIELD_NAMES) {
      if (!asked[f]) continue;
      const acc = right[f] / asked[f];
      figures[f] = round(acc);
      process.stdout.write(`${f.padEnd(10)} ${right[f]}/${asked[f]}  ${(acc * 100).toFixed(1)}%\n`);
    }
  }
  const edges = [0, 0.5, 0.8, 0.95, Number.POSITIVE_INFINITY];
  const bins = edges
    .slice(1)
    .map((hi, i) => rows.filter((r) => r.s.f1 >= (edges[i] ?? 0) && r.s.f1 < hi).length);
  process.stdout.write(
    `pages with F1 <0.5: ${bins[0]}, 0.5-0.8: ${bins[1]}, 0.8-0.95: ${bins[2]}, >=0.95: ${bins[3]}\n`,
  );
  process.stdout.write(
    `body F1 ${o.f1.toFixed(3)} (precision ${o.precision.toFixed(3)}, recall ${o.recall.toFixed(3)}) over ${o.pages} pages\n`,
  );
  Object.assign(figures, { f1: round(o.f1), precision: round(o.precision), recall: round(o.recall) });
  // A set mixing formats also gets each format's body F1, so saved pages are not hidden in the mean.
  const byFormat = new Map<string, typeof rows>();
  for (const r of rows) byFormat.set(formatOf(r.c.rel), [...(byFormat.get(formatOf(r.c.rel)) ?? []), r]);
  if (byFormat.size > 1) {
    for (const [fmt, rs] of [...byFormat].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const of = overall(rs.map((r) => r.s));
      process.stdout.write(`${fmt}: body F1 ${of.f1.toFixed(3)} over ${of.pages} pages\n`);
      figures[`f1_${fmt}`] = round(of.f1);
    }
  }

  if (args.json) writeFileSync(args.json, `${JSON.stringify(predictions, null, 1)}\n`);
  const baseline = existsSync(BASELINE)
    ? (JSON.parse(readFileSync(BASELINE, "utf8")) as Record<string, Figures>)
    : {};
  if (args.record) {
    baseline[set.name] = figures;
    writeFileSync(BASELINE, `${JSON.stringify(baseline, null, 2)}\n`);
    process.stdout.write(`recorded ${set.name} in ${BASELINE}\n`);
  }
  if (args.check) {
    const want = baseline[set.name];
    if (!want) throw new Error(`no recorded figures for ${set.name} in ${BASELINE} (run with --record)`);
    const drops = Object.entries(want).filter(([k, v]) => (figures[k] ?? 0) < v - TOLERANCE);
    for (const [k, v] of drops) process.stdout.write(`DROP ${k}: ${figures[k] ?? 0} < recorded ${v}\n`);
    if (drops.length) return true;
    process.stdout.write(
      `check: no figure below the recorded ones (${join("tests/eval", "baseline.json")})\n`,
    );
  }
  return false;
}

/** The capture's format as the eval reports it: html for saved pages, else its extension. */
const formatOf = (rel: string) => {
  const ext = /\.([^.]+)$/.exec(rel)?.[1]?.toLowerCase() ?? "";
  return ext === "htm" ? "html" : ext === "markdown" ? "md" : ext;
};

const round = (x: number) => Math.round(x * 10000) / 10000;

try {
  main();
} catch (e) {
  process.stderr.write(`eval: ${(e as Error).message}\n`);
  process.exit(2);
}
