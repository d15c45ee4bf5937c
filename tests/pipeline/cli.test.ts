import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const tsx = join("node_modules", ".bin", "tsx");
function build(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(tsx, ["src/pipeline/cli.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run build", () => {
  it("is deterministic: same corpus, same bytes, whatever the clock", () => {
    const a = mkdtempSync(join(tmpdir(), "build-a-"));
    const b = mkdtempSync(join(tmpdir(), "build-b-"));
    const first = build(["--out", a, "--quiet"]);
    expect(first.code, first.stderr).toBe(0);
    // A different wall clock and time zone must not change a byte.
    expect(build(["--out", b, "--quiet"], { TZ: "Pacific/Kiritimati", FAKETIME: "2030-01-01" }).code).toBe(0);
    for (const f of ["manifest.json", "bodies.bin", "build-report.txt"]) {
      expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
    }
  });

  it("fails a broken corpus with every problem, exit 1, no stack trace, and writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "broken-"));
    writeFileSync(join(dir, "taxonomy.yaml"), readFileSync("corpus/taxonomy.yaml"));
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "bad-date.md"), "---\npublished: 2026-02-30\n---\n# Headline\n\nText.\n");
    const out = join(dir, "out");
    const r = build(["--corpus", dir, "--out", out]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines.some((l) => /empty\.txt:1: is empty \(fix: .+\)$/.test(l))).toBe(true);
    expect(
      lines.some((l) =>
        /bad-date\.md:2: `published`: 2026-02-30 is not a real calendar day \(fix: .+\)$/.test(l),
      ),
    ).toBe(true);
    expect(r.stderr).toMatch(/Build failed: 2 problems\. Nothing was written/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it("ignores unprefixed variables other tools set (Vite sets BASE_URL=/)", () => {
    expect(build(["--out", mkdtempSync(join(tmpdir(), "v-")), "--quiet"], { BASE_URL: "/" }).code).toBe(0);
  });

  it("refuses a bad setting by name", () => {
    const r = build(["--out", mkdtempSync(join(tmpdir(), "x-"))], { FEED_ITEMS_PER_FEED: "lots" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /wrangler\.toml:\d+: \[vars\] ITEMS_PER_FEED is "lots" \(from FEED_ITEMS_PER_FEED\), not a whole number/,
    );
  });

  it("answers a usage error in one line", () => {
    const r = build(["--frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("build: usage: unknown option --frobnicate");
  });
});
