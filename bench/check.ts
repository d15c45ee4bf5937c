// `tsx bench/check.ts`: the generator's promises, checked (exit 1 on failure). Cheap enough for CI.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { generateCorpus } from "./generate";
import { TOPICS } from "./words";

const taxonomy = readFileSync(new URL("../corpus/taxonomy.yaml", import.meta.url), "utf8");
const failures: string[] = [];
const digest = (n: number): string => {
  const h = createHash("sha256");
  for (const f of generateCorpus(n, taxonomy).files) h.update(f.name).update("\0").update(f.content);
  return h.digest("hex");
};

const once = digest(200);
if (digest(200) !== once) failures.push("same size and seed must give the same bytes");
if (once === digest(201)) failures.push("different sizes must give different corpora");

for (const n of [5, 1000, 5000]) {
  const { files, stats } = generateCorpus(n, taxonomy);
  const captures = files.filter((f) => f.name.endsWith(".txt"));
  if (captures.length !== n) failures.push(`${n}: ${captures.length} captures`);
  if (files.filter((f) => f.name.endsWith(".meta.yaml")).length !== n)
    failures.push(`${n}: sidecars missing`);
  if (new Set(files.map((f) => f.name)).size !== files.length) failures.push(`${n}: duplicate file names`);
  const sizes = captures.map((f) => Buffer.byteLength(f.content)).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  // The seed captures are 2.2 to 6.5 KB.
  if (median < 2000 || median > 9000) failures.push(`${n}: median capture ${median} bytes`);
  if (n >= 1000) {
    const share = stats.inSharedStory / n;
    if (share < 0.22 || share > 0.38)
      failures.push(`${n}: ${(share * 100).toFixed(0)}% share a story, want ~30%`);
    for (const t of TOPICS) {
      if (!stats.topicCounts[t.slug]) failures.push(`${n}: no article about ${t.slug}`);
    }
    const shapes = ["Image Not Found", "Related Reading", "Editorial illustration for", "Summarized by"];
    for (const s of shapes) {
      if (!captures.some((f) => f.content.includes(s))) failures.push(`${n}: no capture with "${s}" chrome`);
    }
  }
}

if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
console.log("bench/generate.ts: all checks passed");
