// The build's CLI run as a user runs it, and the folder it wrote read back whole: for tests that
// compare the output of builds made with different options byte for byte.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

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
