// Collects PASS/FAIL/SKIP results so every check reports the same way and the summary is computed once.

export type Outcome = "PASS" | "FAIL" | "SKIP";

export interface CheckResult {
  outcome: Outcome;
  /** What was checked, e.g. `/feed.xml: ETag is strong`. */
  name: string;
  /** Why it failed (or was skipped); empty on a pass. */
  detail: string;
}

export class Report {
  readonly results: CheckResult[] = [];

  constructor(private readonly print: (line: string) => void = () => {}) {}

  add(name: string, ok: boolean, detail = ""): boolean {
    return this.record({ outcome: ok ? "PASS" : "FAIL", name, detail: ok ? "" : detail });
  }

  skip(name: string, detail: string): void {
    this.record({ outcome: "SKIP", name, detail });
  }

  /** Records each problem as its own FAIL, or one PASS when there are none. */
  problems(name: string, problems: string[], limit = 8): boolean {
    if (problems.length === 0) return this.add(name, true);
    const shown = problems.slice(0, limit).join("; ");
    const more = problems.length > limit ? ` (+${problems.length - limit} more)` : "";
    return this.add(name, false, shown + more);
  }

  section(title: string): void {
    this.print("");
    this.print(`== ${title}`);
  }

  get failed(): number {
    return this.results.filter((r) => r.outcome === "FAIL").length;
  }

  get passed(): number {
    return this.results.filter((r) => r.outcome === "PASS").length;
  }

  get skipped(): number {
    return this.results.filter((r) => r.outcome === "SKIP").length;
  }

  summary(): string {
    const skipped = this.skipped ? `, ${this.skipped} skipped` : "";
    return `${this.passed} passed, ${this.failed} failed${skipped}`;
  }

  private record(r: CheckResult): boolean {
    this.results.push(r);
    this.print(`${r.outcome} ${r.name}${r.detail ? ` — ${r.detail}` : ""}`);
    return r.outcome !== "FAIL";
  }
}
