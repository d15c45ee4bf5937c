// `tsx bench/render.ts [results.json]`: rewrite the report and chart from a saved run without re-measuring
// (e.g. after improving the report writer).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { renderChart, renderMarkdown, renderTable } from "./report";
import type { RunResult } from "./types";

const REPO = resolve(import.meta.dirname, "..");
const file = process.argv[2] ?? join(REPO, "bench/out/results.json");
const run = JSON.parse(readFileSync(file, "utf8")) as RunResult;
console.log(renderTable(run));
const quick = run.mode === "quick";
const notes = join(REPO, "bench/notes.md");
writeFileSync(
  quick ? join(REPO, "bench/out/BENCHMARKS.quick.md") : join(REPO, "BENCHMARKS.md"),
  renderMarkdown(run, existsSync(notes) ? readFileSync(notes, "utf8") : ""),
);
writeFileSync(
  quick ? join(REPO, "bench/out/cost-vs-size.quick.svg") : join(REPO, "bench/cost-vs-size.svg"),
  renderChart(run),
);
