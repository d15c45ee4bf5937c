// The shared benchmark pages (../shared/eval/pages) as the dev scripts read them: each page's saved HTML
// (for what it declares) and its text capture built as an article, the way the build would.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { articleFromCapture, type CaptureResult, type Sidecar } from "../../src/pipeline/capture";
import { parseMeta } from "../../src/pipeline/read/frontmatter";

export interface BenchmarkPage {
  id: string;
  html: string;
  result: CaptureResult;
}

export function* benchmarkPages(dir: string): Generator<BenchmarkPage> {
  const ids = readdirSync(join(dir, "text"))
    .filter((f) => f.endsWith(".txt"))
    .map((f) => f.slice(0, -4))
    .sort();
  for (const id of ids) {
    const html = gunzipSync(readFileSync(join(dir, "html", `${id}.html.gz`))).toString("utf8");
    const side: Sidecar = {
      file: { display: `${id}.meta.yaml`, rel: `${id}.meta.yaml`, bytes: new Uint8Array() },
      meta: parseMeta(readFileSync(join(dir, "text", `${id}.meta.yaml`), "utf8")).meta,
    };
    const bytes = readFileSync(join(dir, "text", `${id}.txt`));
    const result = articleFromCapture({ display: `${id}.txt`, rel: `${id}.txt`, bytes }, id, side, [], "en");
    yield { id, html, result };
  }
}
