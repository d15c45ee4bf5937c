// The dek a page declares (JSON-LD `description`, og:description) is also printed under its headline,
// where it would read as the first paragraph. Declared metadata wins over inference, so the printed copy
// is the dek: taken out of the body, never guessed from shape alone.
import type { Slot } from "../slots";
import { endsSentence, overlap, wordCount } from "../text";

/** Slots after the headline (or the top) within which a printed dek is looked for. */
const REACH = 4;

const norm = (s: string): string =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\u00a0]+/gu, " ")
    .replace(/[.…\s]+$/u, "")
    .trim();

/** True when `printed` is the declared text, whole or cut short with an ellipsis by the page's meta. */
export function sameDek(printed: string, declared: string): boolean {
  const p = norm(printed);
  const d = norm(declared);
  if (p === "" || d === "") return false;
  if (p === d) return true;
  // Meta descriptions are often the printed dek cut to ~160 characters.
  if (p.startsWith(d) && d.length >= 0.6 * p.length) return true;
  return wordCount(p) >= 6 && overlap(p, d) >= 0.9 && overlap(d, p) >= 0.9;
}

/**
 * Marks the printed copy of the declared dek as the dek and returns its text, or null. Only among the
 * first open lines after the headline (or the body's top), and never the body's only paragraph.
 */
export function declaredDek(
  slots: Slot[],
  anchor: number | null,
  declared: string,
  marked = false,
): string | null {
  // A description cut off with an ellipsis is an excerpt of the article's first paragraph, not a dek.
  if (/(?:…|\.\.\.)\s*$/u.test(declared)) return null;
  const printable = (s: Slot): boolean => s.u.kind === "line" || s.u.kind === "heading";
  const open = slots.filter((s) => s.rule === null && s.u.kind === "line");
  if (open.length < 2) return null;
  let seen = 0;
  for (let i = anchor === null ? 0 : anchor + 1; i < slots.length && seen < REACH; i++) {
    const s = slots[i] as Slot;
    if (s.rule !== null) continue;
    seen++;
    // Printed as a subheading, or as a line that is not a sentence: many sites declare their lede (a
    // full sentence, the article's first paragraph) as the description, and that stays article.
    if (!printable(s) || !sameDek(s.u.text, declared)) continue;
    if (!marked && s.u.kind === "line" && endsSentence(s.u.text)) return null;
    s.rule = "dek";
    return s.u.text;
  }
  return null;
}
