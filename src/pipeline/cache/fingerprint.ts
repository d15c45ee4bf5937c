// What the extraction results depend on besides a job's own input: the code a capture job runs, the
// packages it loads and the runtime. Computed once per build; any change to it makes every cached
// result a miss, so a result is never reused across code that could have made it differently.
//
// The code is the static import closure of the job module (src/pipeline/parallel/job.ts) and of this
// cache's own key and entry code, not all of src/: an edit to render or pack code keeps the cache
// warm. Extraction reads no file at run time (the corpus bytes are in the job), so its imports are
// everything it is. Packages are pinned by the lock files; node_modules/.package-lock.json is what
// npm actually installed.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Bumped when the entry format or the key's layout changes. */
export const CACHE_FORMAT = "feed-extract-cache/1";

/** The project's root (where package.json and src/ are), found from this module's own place. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * The job module, whose closure makes the results, and this module's own folder's entry, which
 * makes the keys and reads the entries: a change to either must not meet entries of the other.
 */
export const FINGERPRINT_ENTRIES = [
  fileURLToPath(new URL("../parallel/job.ts", import.meta.url)),
  fileURLToPath(new URL("./index.ts", import.meta.url)),
];

// Static `import ... from "./x"`, `export ... from "./x"` and bare `import "./x"`: Biome-formatted
// sources, no dynamic imports in the pipeline (tests/pipeline/cache/fingerprint.test.ts checks both).
const IMPORT = /(?:^|[;\n])\s*(?:import|export)\s(?:[^;"'`]*?\sfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;

/** Relative module specifiers of a source text, in order. */
export function relativeImports(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1] as string);
}

function isFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile();
}

function resolveSpec(from: string, spec: string): string | null {
  const base = join(dirname(from), spec);
  const tries = [base, `${base}.ts`, join(base, "index.ts"), base.replace(/\.m?js$/, ".ts")];
  return tries.find(isFile) ?? null;
}

/**
 * Every source file the entries load (themselves included), sorted, and the specifiers that resolved to no
 * file (none in a sound tree: a build that got this far has loaded them all).
 */
export function importClosure(entries: readonly string[]): { files: string[]; unresolved: string[] } {
  const seen = new Set<string>(entries);
  const unresolved: string[] = [];
  const todo = [...entries];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    if (!f.endsWith(".ts")) continue; // data (JSON): hashed, not parsed
    for (const spec of relativeImports(readFileSync(f, "utf8"))) {
      const dep = resolveSpec(f, spec);
      if (dep === null) unresolved.push(`${f}: ${spec}`);
      else if (!seen.has(dep)) {
        seen.add(dep);
        todo.push(dep);
      }
    }
  }
  return { files: [...seen].sort(), unresolved };
}

/** The runtime facts a result could depend on: V8's serializer, ICU (Intl, regex Unicode), time zone. */
function runtime(): string {
  const v = process.versions;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return JSON.stringify([process.version, v.v8, v.icu, v.unicode, process.env.TZ ?? "", zone]);
}

/** sha256 (hex) over the cache format, the job's code, the lock files and the runtime. */
export function codeFingerprint(root = PROJECT_ROOT, entries = FINGERPRINT_ENTRIES): string {
  const h = createHash("sha256").update(CACHE_FORMAT).update("\0").update(runtime()).update("\0");
  const { files, unresolved } = importClosure(entries);
  for (const f of files) {
    h.update(relative(root, f).split(sep).join("/")).update("\0").update(readFileSync(f)).update("\0");
  }
  h.update(unresolved.join("\n")).update("\0");
  for (const lock of ["package-lock.json", "node_modules/.package-lock.json"]) {
    const p = join(root, lock);
    h.update(lock)
      .update("\0")
      .update(isFile(p) ? readFileSync(p) : "absent")
      .update("\0");
  }
  return h.digest("hex");
}
