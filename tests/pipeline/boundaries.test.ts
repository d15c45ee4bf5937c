// The Worker bundle must never pull in build-time code (Node APIs, the feed package, YAML, marked):
// follow every relative import from the Worker's entry and check where it leads.
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

function importsOf(file: string): string[] {
  const src = readFileSync(file, "utf8");
  return [...src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1] ?? "");
}

function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of importsOf(file)) {
      if (!spec.startsWith(".")) {
        packages.add(spec);
        continue;
      }
      const base = join(dirname(file), spec);
      if (/\.(bin|json)$/.test(base)) continue;
      visit(base.endsWith(".ts") ? base : `${base}.ts`);
    }
  };
  visit(entry);
  return { files, packages };
}

describe("the Worker's module graph", () => {
  const { files, packages } = reachable("src/worker/index.ts");
  it("stays inside src/worker and src/shared", () => {
    for (const f of files) expect(relative(".", f)).toMatch(/^src\/(worker|shared)\//);
  });
  it("uses no Node API and no build-time package", () => {
    expect([...packages].sort()).toEqual(["hono"]);
  });
});
