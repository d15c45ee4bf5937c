// Evaluation sets on disk. Two layouts:
// - labelled (tests/eval): captures/<id>.<ext> (text, Markdown or a saved HTML page) with an optional <id>.meta.yaml sidecar, the expected
//   fields in <id>.expected.yaml and the gold body in <id>.gold.txt; taxonomy.yaml beside captures/.
// - benchmark (../shared/eval/pages): text/<id>.txt with <id>.meta.yaml, and gold.json mapping each id to
//   {"articleBody": ...}; bodies only. Its html/<id>.html.gz (the same pages as saved) are a second set,
//   read with the text capture's sidecar (source url, captured date).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "yaml";
import { articleFromCapture, type CaptureResult, type Sidecar } from "../../src/pipeline/capture";
import { slugFromPath } from "../../src/pipeline/enrich/identity";
import type { TagRule } from "../../src/pipeline/enrich/taxonomy";
import { parseMeta } from "../../src/pipeline/read/frontmatter";

export interface Expected {
  /** The kind of site the capture imitates ("wire agency", "university news page"). */
  kind: string;
  title?: string | null;
  dek?: string | null;
  /** RFC 3339 instant, or YYYY-MM-DD when the page shows no time; null when it shows no date. */
  date?: string | null;
  authors?: string[];
  publisher?: string | null;
  language?: string;
  tags?: string[];
}

export interface EvalCase {
  id: string;
  /** Path of the capture as shown in messages. */
  path: string;
  rel: string;
  bytes: Uint8Array;
  sidecar: { path: string; text: string } | null;
  gold: string;
  expected: Expected | null;
}

export interface EvalSet {
  /** Key of the set's recorded figures in tests/eval/baseline.json. */
  name: string;
  cases: EvalCase[];
  taxonomy: string | null;
}

// Saved pages go through the same per-capture code as text, so a labelled set may hold them too.
const CAPTURE = /\.(?:txt|md|markdown|html?)$/i;
const SIDECAR = /\.meta\.ya?ml$/i;

function sidecarOf(dir: string, id: string): EvalCase["sidecar"] {
  for (const ext of [".meta.yaml", ".meta.yml"]) {
    const p = join(dir, id + ext);
    if (existsSync(p)) return { path: p, text: readFileSync(p, "utf8") };
  }
  return null;
}

function captures(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => CAPTURE.test(f) && !SIDECAR.test(f) && !/\.gold\.txt$/i.test(f))
    .sort();
}

/** Every set a folder holds: a labelled set, or a benchmark's text set and (when present) its HTML set. */
export function loadSets(dir: string): EvalSet[] {
  if (existsSync(join(dir, "gold.json")) && existsSync(join(dir, "text"))) {
    return existsSync(join(dir, "html")) ? [benchmarkSet(dir), htmlSet(dir)] : [benchmarkSet(dir)];
  }
  if (existsSync(join(dir, "captures"))) return [labelledSet(dir)];
  throw new Error(`${dir}: neither a labelled set (captures/) nor a benchmark set (text/ and gold.json)`);
}

function labelledSet(dir: string): EvalSet {
  const capDir = join(dir, "captures");
  const cases: EvalCase[] = [];
  for (const f of captures(capDir)) {
    const id = f.replace(/\.[^.]+$/, "");
    const expectedPath = join(capDir, `${id}.expected.yaml`);
    const goldPath = join(capDir, `${id}.gold.txt`);
    if (!existsSync(expectedPath) || !existsSync(goldPath)) {
      throw new Error(`${join(capDir, f)}: needs ${id}.expected.yaml and ${id}.gold.txt beside it`);
    }
    cases.push({
      id,
      path: join(capDir, f),
      rel: f,
      bytes: new Uint8Array(readFileSync(join(capDir, f))),
      sidecar: sidecarOf(capDir, id),
      gold: readFileSync(goldPath, "utf8"),
      expected: parse(readFileSync(expectedPath, "utf8")) as Expected,
    });
  }
  // A set kept inside tests/eval (the held-out one) is scored against the shipped set's taxonomy.
  const tax = [join(dir, "taxonomy.yaml"), join(dir, "..", "taxonomy.yaml")].find((p) => existsSync(p));
  return {
    name: basename(dir) === "eval" ? "shipped" : basename(dir),
    cases,
    taxonomy: tax === undefined ? null : readFileSync(tax, "utf8"),
  };
}

function benchmarkSet(dir: string): EvalSet {
  const gold = JSON.parse(readFileSync(join(dir, "gold.json"), "utf8")) as Record<
    string,
    { articleBody?: string }
  >;
  const textDir = join(dir, "text");
  const cases: EvalCase[] = [];
  for (const f of captures(textDir)) {
    const id = f.replace(/\.[^.]+$/, "");
    const g = gold[id];
    if (!g) continue;
    cases.push({
      id,
      path: join(textDir, f),
      rel: f,
      bytes: new Uint8Array(readFileSync(join(textDir, f))),
      sidecar: sidecarOf(textDir, id),
      gold: g.articleBody ?? "",
      expected: null,
    });
  }
  return { name: "benchmark-text", cases, taxonomy: null };
}

function htmlSet(dir: string): EvalSet {
  const gold = JSON.parse(readFileSync(join(dir, "gold.json"), "utf8")) as Record<
    string,
    { articleBody?: string }
  >;
  const htmlDir = join(dir, "html");
  const cases: EvalCase[] = [];
  for (const f of readdirSync(htmlDir).sort()) {
    const m = /^(.+)\.(html?)(\.gz)?$/i.exec(f);
    if (!m) continue;
    const id = m[1] ?? f;
    const g = gold[id];
    if (!g) continue;
    const raw = readFileSync(join(htmlDir, f));
    cases.push({
      id,
      path: join(htmlDir, f),
      rel: `${id}.${m[2]}`,
      bytes: new Uint8Array(m[3] ? gunzipSync(raw) : raw),
      sidecar: sidecarOf(join(dir, "text"), id),
      gold: g.articleBody ?? "",
      expected: null,
    });
  }
  return { name: "benchmark-html", cases, taxonomy: null };
}

/** One case through the build's own per-capture code, with its sidecar, as the build would run it. */
export function buildCase(c: EvalCase, rules: readonly TagRule[]): CaptureResult {
  let side: Sidecar | undefined;
  if (c.sidecar) {
    const m = parseMeta(c.sidecar.text);
    side = { file: { display: c.sidecar.path, rel: c.sidecar.path, bytes: new Uint8Array() }, meta: m.meta };
  }
  return articleFromCapture(
    { display: c.path, rel: c.rel, bytes: c.bytes },
    slugFromPath(c.rel) || c.id,
    side,
    rules,
    "en",
  );
}
