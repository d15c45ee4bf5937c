// The build's entry point: limits refused early with file:line, and no stale temporary folder left.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../../src/pipeline/read/limits";

const tsx = join("node_modules", ".bin", "tsx");

describe("npm run build on oversized and linked input", { timeout: 60_000 }, () => {
  it("refuses with file:line, the limit and a fix, and removes a stale .tmp folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "limits-cli-"));
    const corpus = join(dir, "corpus");
    mkdirSync(corpus);
    writeFileSync(join(corpus, "taxonomy.yaml"), readFileSync("corpus/taxonomy.yaml"));
    writeFileSync(join(corpus, "big.txt"), Buffer.alloc(LIMITS.fileBytes + 1, 0x61));
    writeFileSync(
      join(corpus, "ok.md"),
      "---\npublished: 2026-03-11\n---\n# A headline\n\nSome text here.\n",
    );
    symlinkSync(join(dir, "nowhere.txt"), join(corpus, "gone.txt"));
    const out = join(dir, "out");
    mkdirSync(`${out}.tmp`); // as a killed build leaves it
    writeFileSync(join(`${out}.tmp`, "half.bin"), "x");
    const r = spawnSync(tsx, ["src/pipeline/cli.ts", "--corpus", corpus, "--out", out], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(
      /big\.txt:1: is 2097153 bytes \(2\.0 MiB\), over the limit of 2097152 bytes \(2\.0 MiB\) for one corpus file \(fix: .+\)/,
    );
    expect(r.stderr).toMatch(/gone\.txt:1: is a symbolic link to nothing/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(existsSync(`${out}.tmp`)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it("is covered by .gitignore while it exists", () => {
    expect(readFileSync(".gitignore", "utf8").split("\n")).toContain(".generated.tmp/");
  });
});
