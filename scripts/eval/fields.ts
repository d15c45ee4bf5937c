// Per-field checks of a labelled capture: what the build chose against what a careful editor expects.
import type { Expected } from "./sets";

export const FIELD_NAMES = ["title", "dek", "date", "authors", "publisher", "language", "tags"] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export interface Predicted {
  body: string;
  title: string;
  dek: string | null;
  /** The publication date the capture showed (RFC 3339, UTC), or null. */
  date: string | null;
  authors: string[];
  publisher: string | null;
  language: string;
  tags: string[];
}

export interface FieldCheck {
  field: FieldName;
  ok: boolean;
  got: unknown;
  want: unknown;
}

const norm = (s: string | null | undefined): string | null =>
  s === null || s === undefined ? null : s.normalize("NFC").replace(/\s+/gu, " ").trim();

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const x = [...new Set(a.map((s) => norm(s) ?? ""))].sort();
  const y = [...new Set(b.map((s) => norm(s) ?? ""))].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** A date-only expectation compares the day; one with a time compares the instant. */
function sameDate(got: string | null, want: string | null): boolean {
  if (got === null || want === null) return got === want;
  if (/^\d{4}-\d{2}-\d{2}$/.test(want)) return got.slice(0, 10) === want;
  return Date.parse(got) === Date.parse(want);
}

/** Every field the expectation states (a field left out of the YAML is not checked). */
export function compareFields(e: Expected, p: Predicted | null): FieldCheck[] {
  const out: FieldCheck[] = [];
  const check = (field: FieldName, want: unknown, got: unknown, ok: boolean) =>
    out.push({ field, want, got, ok: p !== null && ok });
  if (e.title !== undefined) check("title", e.title, p?.title, norm(p?.title) === norm(e.title));
  if (e.dek !== undefined) check("dek", e.dek, p?.dek ?? null, norm(p?.dek) === norm(e.dek));
  if (e.date !== undefined) check("date", e.date, p?.date ?? null, sameDate(p?.date ?? null, e.date ?? null));
  if (e.authors !== undefined) check("authors", e.authors, p?.authors, sameSet(p?.authors ?? [], e.authors));
  if (e.publisher !== undefined)
    check("publisher", e.publisher, p?.publisher ?? null, norm(p?.publisher) === norm(e.publisher));
  if (e.language !== undefined) check("language", e.language, p?.language, p?.language === e.language);
  if (e.tags !== undefined) check("tags", e.tags, p?.tags, sameSet(p?.tags ?? [], e.tags));
  return out;
}
