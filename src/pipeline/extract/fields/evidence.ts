// Weighted evidence: every field is chosen as the candidate whose cues add up highest, and the cues that
// decided it are kept so the build report can say why it won.

export interface Cue {
  why: string;
  weight: number;
}

export interface Scored<T> {
  value: T;
  score: number;
  cues: Cue[];
}

export class Tally {
  readonly cues: Cue[] = [];
  score = 0;
  add(weight: number, why: string): void {
    if (weight === 0) return;
    this.cues.push({ why, weight });
    this.score += weight;
  }
}

/** The strongest cues first, as "why +w" for the build report. */
export function explain(cues: readonly Cue[], n = 3): string {
  return [...cues]
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, n)
    .map((c) => `${c.why} ${c.weight > 0 ? "+" : ""}${Math.round(c.weight * 10) / 10}`)
    .join(", ");
}

/** Why each field got its value, for the build report: field -> "source: top cues". */
export type FieldEvidence = Partial<Record<"title" | "subtitle" | "authors" | "publisher", string>>;
