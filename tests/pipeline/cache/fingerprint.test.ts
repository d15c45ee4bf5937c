// The code fingerprint: the job's import closure must be every module it loads (the regex reader is
// checked against TypeScript's own on every pipeline source), and the fingerprint must move with the
// closure's code and the lock files, and only with them.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  codeFingerprint,
  FINGERPRINT_ENTRIES,
  importClosure,
  PROJECT_ROOT,
  relativeImports,
} from "../../../src/pipeline/cache/fingerprint";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("the job's import closure", () => {
  const all = [...sources(join(PROJECT_ROOT, "src/pipeline")), ...sources(join(PROJECT_ROOT, "src/shared"))];

  it("reads the same relative imports as TypeScript, in every pipeline and shared source", () => {
    for (const f of all) {
      const info = ts.preProcessFile(readFileSync(f, "utf8"), true, true);
      const theirs = info.importedFiles.map((i) => i.fileName).filter((n) => n.startsWith("."));
      expect(relativeImports(readFileSync(f, "utf8")), relative(PROJECT_ROOT, f)).toEqual(theirs);
    }
  });

  it("holds extraction, enrichment and the cache's own code but not render, pack, the pool or the CLI", () => {
    const { files, unresolved } = importClosure(FINGERPRINT_ENTRIES);
    const rel = files.map((f) => relative(PROJECT_ROOT, f));
    expect(unresolved).toEqual([]);
    for (const f of [
      "src/pipeline/capture.ts",
      "src/pipeline/extract/index.ts",
      "src/shared/types.ts",
      "src/pipeline/cache/store.ts",
      "src/pipeline/cache/fingerprint.ts",
    ])
      expect(rel).toContain(f);
    expect(rel.filter((f) => /\/(render|pack)\/|cli\.ts$|pool\.ts$/.test(f))).toEqual([]);
  });
});

describe("the fingerprint", () => {
  function tree(): string {
    const root = mkdtempSync(join(tmpdir(), "fingerprint-"));
    mkdirSync(join(root, "src/a"), { recursive: true });
    writeFileSync(join(root, "src/job.ts"), 'import { x } from "./a/x";\nexport const y = x;\n');
    writeFileSync(
      join(root, "src/a/x.ts"),
      'import data from "./d.json" with { type: "json" };\nexport const x = data;\n',
    );
    writeFileSync(join(root, "src/a/d.json"), "[1]");
    writeFileSync(join(root, "src/other.ts"), "export const z = 1;\n");
    writeFileSync(join(root, "package-lock.json"), "{}");
    return root;
  }
  const of = (root: string) => codeFingerprint(root, [join(root, "src/job.ts")]);

  const edits: [string, string, string, boolean][] = [
    ["the entry", "src/job.ts", 'import { x } from "./a/x";\nexport const y = x + 1;\n', true],
    ["a module it imports", "src/a/x.ts", "export const x = 2;\n", true],
    ["data a module imports", "src/a/d.json", "[2]", true],
    ["the lock file", "package-lock.json", '{"v":2}', true],
    ["a module outside the closure", "src/other.ts", "export const z = 2;\n", false],
  ];
  for (const [name, file, text, moves] of edits) {
    it(`${moves ? "moves" : "stays"} when ${name} changes`, () => {
      const root = tree();
      const before = of(root);
      expect(of(root)).toBe(before);
      writeFileSync(join(root, file), text);
      expect(of(root) !== before).toBe(moves);
    });
  }

  it("is the same for a copy of the tree elsewhere (paths are relative)", () => {
    const root = tree();
    const copy = mkdtempSync(join(tmpdir(), "fingerprint-copy-"));
    cpSync(root, copy, { recursive: true });
    expect(of(copy)).toBe(of(root));
  });
});
