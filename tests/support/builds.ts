// For tests that compare builds made with different options byte for byte: a corpus with every kind
// of input the jobs handle, a build's whole result as one comparable value, the CLI run as a user runs
// it, and the folder it wrote read back whole.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { generateCorpus, writeCorpus } from "../../bench/generate";
import { formatProblem } from "../../src/pipeline/problems";
import { renderSite } from "../../src/pipeline/render/index";
import { formatReport } from "../../src/pipeline/report";
import type { AssembleResult } from "../../src/pipeline/site";

/**
 * A new folder of `captures` generated captures (some sharing a story, so merged), the saved HTML
 * `pages`, and one feed saved twice (copies to drop).
 */
export function mixedCorpus(prefix: string, captures: number, pages: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeCorpus(dir, generateCorpus(captures, readFileSync("corpus/taxonomy.yaml", "utf8")).files);
  copyFileSync("tests/fixtures/feeds/rdf.rss", join(dir, "wire.rss"));
  copyFileSync("tests/fixtures/feeds/rdf.rss", join(dir, "wire-saved-again.rss"));
  for (const p of pages) copyFileSync(join("tests/fixtures/html-pages", p), join(dir, p));
  return dir;
}

/** Everything a build writes, as one comparable value. */
export function built(r: AssembleResult) {
  if (!r.ok) return { problems: r.problems.map(formatProblem) };
  const { site, report, warnings, merges } = r.value;
  const out = renderSite(site, "auto");
  return {
    site: JSON.stringify(site),
    report: formatReport(report, warnings, merges),
    warnings: warnings.map(formatProblem),
    files: out.files.map((f) => [f.path, Buffer.from(f.bytes).toString("base64")]),
    table: Buffer.from(out.table).toString("base64"),
    blob: Buffer.from(out.blob).toString("base64"),
    manifest: JSON.stringify(out.manifest),
  };
}

const tsx = join("node_modules", ".bin", "tsx");

export function cliBuild(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(tsx, ["src/pipeline/cli.ts", "--quiet", ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir`, by relative path, as base64 (so a mismatch prints as a diff). */
export function fileTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p).toString("base64");
    }
  };
  walk(dir);
  return out;
}
