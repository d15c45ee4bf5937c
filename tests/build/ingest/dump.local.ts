import { readFileSync } from "node:fs";
import { ingest } from "../../../src/build/ingest/index";
const f = process.argv[2] ?? "";
const out = ingest({ file: f, body: readFileSync(f, "utf8"), format: f.endsWith(".md") ? "markdown" : "text", firstLine: 1 });
const { text, contentHtml, blocks, removed, ...meta } = out;
console.log(JSON.stringify(meta, null, 1));
for (const r of removed) console.log(`  - [${r.rule}] ${r.line}: ${r.text.slice(0, 90)}`);
console.log(blocks.map((b) => `${b.line} ${b.type}${"level" in b ? b.level : ""}: ${JSON.stringify("text" in b ? b.text.slice(0, 80) : "items" in b ? b.items.map((i) => i.slice(0, 30)) : b.rows)}`).join("\n"));
