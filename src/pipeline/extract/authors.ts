// Bylines without a label: a name alone under (or right above) the headline, a forum poster's handle, the
// name an author bio at the foot opens with. Each is taken only with a second piece of evidence: a role
// line, a date or the first paragraph beside the name, the same name opening a bio elsewhere on the page,
// or a label that says "posted by".
import { cleanName, parseMetaLine, splitNames } from "./byline";
import { isPersonName } from "./fields/shapes";
import type { Cleaned, Slot } from "./slots";
import { endsSentence, wordCount } from "./text";

const ROLE_WORDS =
  "writer|reporter|editor|correspondent|contributor|columnist|journalist|journaliste|chroniqueuse|chroniqueur|rédactrice|rédacteur|redakteur(?:in)?|korrespondent(?:in)?|redactor(?:a)?|periodista|giornalista|redattore|redattrice|jornalista|colunista|verslaggever|redacteur|analyst|critic|producer|host";

/** "Staff Writer", "Football reporter at Marine Park", "Senior correspondent, Berlin". */
export const ROLE_LINE = new RegExp(
  `^(?:[\\p{L}-]+\\s+){0,3}(?:${ROLE_WORDS})s?(?:(?:\\s+(?:at|for|in|of|bei|für|à|de|du|en|di|da|del|para|voor|bij)|,)\\s+[\\p{L}\\p{N} .'’&-]{2,40})?$`,
  "iu",
);

/** A bio's opening: "Jane Doe is a science writer...", "Helena Duarte é cientista política". */
const BIO_VERB =
  /^(\p{Lu}[\p{L}'’.-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]+|de|da|van|von|der|den|di|du|dos|del|le|la)){1,3})\s+(?:is|was|writes|covers|reports|has\s+been|est|était|écrit|ist|schreibt|war|es|escribe|fue|è|scrive|é|escreve|foi|is\s+een|schrijft|werkt)\s/u;
const BIO_ROLE = new RegExp(`(?:${ROLE_WORDS}|writes|écrit|schreibt|escribe|scrive|escreve|schrijft)`, "iu");

/** Names that open an author bio somewhere on the page. */
function bioNames(slots: readonly Slot[]): Set<string> {
  const out = new Set<string>();
  for (const s of slots) {
    const t = s.u.text;
    if (wordCount(t) > 80) continue;
    const m = BIO_VERB.exec(t);
    if (m?.[1] && BIO_ROLE.test(t)) out.add(m[1]);
  }
  return out;
}

/** Every piece of a bare byline line is a person's name: "Harriet Cole and Sam Adeyemi". */
function bareNames(t: string): string[] | null {
  if (isPersonName(t)) {
    const n = cleanName(t);
    return n === null ? null : [n];
  }
  if (/[.!?:]$/u.test(t.trim()) || wordCount(t) > 12) return null;
  const names = splitNames(t);
  if (!names || names.length < 2 || !names.every((n) => isPersonName(n))) return null;
  return names;
}

const MARKED = new Set(["dateline", "reading-time", "byline"]);

/**
 * A bare name counts when a role or a date comes right after it or a date right before it; the article's
 * first paragraph after it counts too, unless `strict` (the name sits past a dek, where a subheading could).
 */
function corroborated(slots: Slot[], j: number, strict = false): boolean {
  const before = slots[j - 1];
  if (before && MARKED.has(before.rule ?? "")) return true;
  for (let k = j + 1; k < slots.length && k <= j + 3; k++) {
    const s = slots[k] as Slot;
    if (s.rule !== null && !MARKED.has(s.rule)) continue;
    if (s.rule !== null) return true;
    const t = s.u.text;
    return (
      ROLE_LINE.test(t) || parseMetaLine(t) !== null || (!strict && endsSentence(t) && wordCount(t) >= 15)
    );
  }
  return false;
}

/** A name alone on slot j that reads as a byline: a role, a date or the first paragraph follows it. */
export const isBareByline = (slots: Slot[], j: number): boolean =>
  isPersonName((slots[j] as Slot).u.text) && corroborated(slots, j);

const PASSABLE = new Set([
  "repeated-title",
  "caption",
  "image-placeholder",
  "dateline",
  "reading-time",
  "alt-text",
]);

function take(slots: Slot[], j: number, names: string[], why: string, out: Cleaned): void {
  const s = slots[j] as Slot;
  s.rule = "byline";
  for (const n of names) if (!out.authors.includes(n)) out.authors.push(n);
  out.evidence.authors = `line ${s.u.line}: ${why}`;
  const role = slots[j + 1];
  if (role?.rule === null && role.u.kind === "line" && ROLE_LINE.test(role.u.text)) role.rule = "byline";
}

/**
 * A name alone on a line under the headline, past its dek and datelines ("Sofia Lindqvist" over "Nov 19,
 * 2025"), or right above it when the same name opens a bio on the page (a column's author photo and name).
 */
export function bareByline(slots: Slot[], anchor: number | null, out: Cleaned): void {
  if (anchor === null) return;
  let dekSeen = false;
  for (let j = anchor + 1; j < slots.length && j <= anchor + 8; j++) {
    const s = slots[j] as Slot;
    if (s.rule !== null) {
      if (PASSABLE.has(s.rule)) continue;
      break;
    }
    if (s.u.kind !== "line") break;
    const names = bareNames(s.u.text);
    if (names !== null) {
      if (corroborated(slots, j, dekSeen)) take(slots, j, names, "a name alone under the headline", out);
      return;
    }
    // One standfirst may sit between the headline and the name.
    if (dekSeen || wordCount(s.u.text) < 6 || wordCount(s.u.text) > 60) break;
    dekSeen = true;
  }
  const bios = bioNames(slots);
  if (bios.size === 0) return;
  for (let j = anchor - 1; j >= 0 && j >= anchor - 3; j--) {
    const s = slots[j] as Slot;
    if (
      s.u.kind !== "line" ||
      (s.rule !== null && !/^(?:menu|masthead|pre-title|section-label)$/u.test(s.rule))
    )
      continue;
    const names = isPersonName(s.u.text) ? bareNames(s.u.text) : null;
    if (names?.length === 1 && bios.has(names[0] as string)) {
      take(slots, j, names, "a name over the headline, the same that opens the author's bio", out);
      return;
    }
  }
}

/**
 * The author box at the foot, marked or not: the name on a box's first line, or the name a bio opens with
 * ("Maya Okafor writes The Gradient Brief from Lagos", "Jane Doe is a science writer based in Oslo").
 */
export function authorFromBio(slots: Slot[], anchor: number | null, out: Cleaned): void {
  for (const s of slots) {
    if (s.rule !== "author-box" || s.u.kind !== "line") continue;
    const t = s.u.text;
    const lead = BIO_VERB.exec(t);
    const raw = isPersonName(t) ? t : (lead?.[1] ?? null);
    const name = raw === null || !isPersonName(raw) ? null : cleanName(raw);
    if (name !== null) {
      out.authors.push(name);
      out.evidence.authors = `line ${s.u.line}: the author box`;
      return;
    }
  }
  // Past the article's middle: a bio near the top is the article talking about someone.
  const from = Math.max((anchor ?? 0) + 1, Math.floor(slots.length / 2));
  for (let j = slots.length - 1; j >= from; j--) {
    const s = slots[j] as Slot;
    if (s.u.kind !== "line" || wordCount(s.u.text) > 60) continue;
    const m = BIO_VERB.exec(s.u.text);
    const name = m?.[1] && BIO_ROLE.test(s.u.text) && isPersonName(m[1]) ? cleanName(m[1]) : null;
    if (name === null) continue;
    out.authors.push(name);
    out.evidence.authors = `line ${s.u.line}: the author's bio at the foot`;
    if (s.rule === null) s.rule = "author-box";
    return;
  }
}
