// The slots the cleaner works on: one per unit, each either article content (rule null) or the name of
// the rule that found it to be page chrome. Shared by the block rules and the header readers.
import type { FieldEvidence } from "./fields/evidence";
import type { Unit } from "./units";

export interface Slot {
  u: Unit;
  /** Why the unit is not article content; null while it is content. */
  rule: string | null;
  /** FAQ question: rendered as a sub-heading. */
  faq?: boolean;
}

export interface Problem {
  line: number;
  message: string;
  fix: string;
}

export interface Cleaned {
  slots: Slot[];
  title: string | null;
  subtitle: string | null;
  authors: string[];
  publisher: string | null;
  /** `note`: an assumption behind the date (relative to `captured`, zone unknown), for the report. */
  dateline: { date: string; line: number; text: string; note?: string } | null;
  /** Text stripped from the start of a kept paragraph ("Example News - "). */
  prefixes: { line: number; text: string }[];
  problems: Problem[];
  /** Why each field got its value (top cues), for the build report. */
  evidence: FieldEvidence;
  /** The winning headline's score (null: given, or none found); below fields/headline SURE it is a guess. */
  titleScore: number | null;
}

const PROSEISH = new Set(["line", "heading", "quote"]);
export const isOpen = (s: Slot): boolean => s.rule === null;
export const textual = (s: Slot): boolean => PROSEISH.has(s.u.kind) || s.u.kind === "item";

export const next = (slots: Slot[], i: number, pred: (s: Slot) => boolean = isOpen): number => {
  for (let j = i + 1; j < slots.length; j++) if (pred(slots[j] as Slot)) return j;
  return -1;
};

export function prevOpen(slots: Slot[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (isOpen(slots[j] as Slot)) return j;
  return -1;
}
