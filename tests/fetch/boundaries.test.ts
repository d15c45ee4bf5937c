// Deploys never fetch: neither the build (`npm run build`, which wrangler runs before every deploy) nor
// the Worker can reach the fetcher's code, so no deploy ever goes to the network for a feed.
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

function reachable(entry: string): string[] {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const src = readFileSync(file, "utf8");
    for (const m of src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gm)) {
      const base = join(dirname(file), m[1] ?? "");
      if (/\.(bin|json)$/.test(base)) continue;
      visit(base.endsWith(".ts") ? base : `${base}.ts`);
    }
    // Dynamic imports too: a lazy `import("../fetch/...")` would still fetch at build time.
    for (const m of src.matchAll(/import\(\s*"(\.[^"]+)"\s*\)/g)) {
      const base = join(dirname(file), m[1] ?? "");
      visit(base.endsWith(".ts") ? base : `${base}.ts`);
    }
  };
  visit(entry);
  return [...files].map((f) => relative(".", f));
}

describe("the fetcher stays out of deploys", () => {
  it.each(["src/pipeline/cli.ts", "src/worker/index.ts"])("%s never reaches src/fetch", (entry) => {
    const files = reachable(entry);
    expect(files.length).toBeGreaterThan(5);
    expect(files.filter((f) => f.startsWith("src/fetch/"))).toEqual([]);
  });
});
