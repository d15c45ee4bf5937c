// Build problems in the form `corpus/<file>:<line>: <problem> (fix: ...)`, collected rather than thrown
// one at a time, so a user fixing a corpus sees every problem in one run.

export interface Problem {
  /** Path as the user knows it, e.g. `corpus/a.txt`. */
  file: string;
  /** 1-based; 0 when the problem is about the file as a whole (reported as line 1). */
  line: number;
  message: string;
  fix: string;
}

/** Always `file:line:` (a whole-file problem points at line 1), so editors and CI annotate every one. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${Math.max(1, p.line)}: ${p.message} (fix: ${p.fix})`;
}

/** A warning names its place the same way, so editors annotate it too, but never stops the build. */
export function formatWarning(p: Problem): string {
  return `${p.file}:${Math.max(1, p.line)}: warning: ${p.message} (fix: ${p.fix})`;
}

/** Thrown only by the pipeline's outer layer, once every stage has reported what it found. */
export class BuildFailed extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"} in the corpus`);
    this.problems = problems;
  }
}

/** A list that stages append to; `ok` says whether anything was reported. */
export class Problems {
  readonly list: Problem[] = [];
  add(file: string, line: number, message: string, fix: string): void {
    this.list.push({ file, line, message, fix });
  }
  get ok(): boolean {
    return this.list.length === 0;
  }
}
