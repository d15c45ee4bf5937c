// Bylines, datelines and reading times. In the header zone (around the headline) they are the capture's
// own; further down only labelled bylines count and bare timestamps are furniture.
import { cleanName, parseMetaLine } from "./byline";
import { isPersonName } from "./fields/shapes";
import type { Cleaned, Slot } from "./slots";
import { endsSentence, wordCount } from "./text";

const HEADER_SPAN = 10;

/** Bylines, datelines and reading times: in the header (around the headline) they are the capture's own. */
export function readMeta(slots: Slot[], anchor: number | null, dayFirst: boolean, out: Cleaned): void {
  const start = anchor ?? -1;
  let zoneEnd = Math.min(slots.length, start + 1 + HEADER_SPAN);
  for (let j = start + 2; j < zoneEnd; j++) {
    const s = slots[j] as Slot;
    if (s.rule === null && s.u.kind === "line" && wordCount(s.u.text) >= 25) {
      zoneEnd = j;
      break;
    }
  }
  if (anchor === null) {
    const firstBody = slots.findIndex(
      (s) => s.rule === null && (s.u.kind === "line" || s.u.kind === "item") && wordCount(s.u.text) >= 12,
    );
    zoneEnd = firstBody < 0 ? Math.min(slots.length, 6) : Math.min(firstBody, 6);
  }
  let published: { date: string; line: number; text: string } | null = null;
  let updated: { date: string; line: number; text: string } | null = null;
  slots.forEach((s, j) => {
    if (s.rule !== null || !(s.u.kind === "line" || s.u.kind === "heading")) return;
    const meta = parseMetaLine(s.u.text, dayFirst);
    if (!meta) return;
    const inHeader = j < zoneEnd;
    if (!inHeader) {
      if (meta.labelled && meta.authors.length > 0) {
        s.rule = "byline";
        if (out.authors.length === 0) out.evidence.authors = `line ${s.u.line}: a labelled byline`;
        for (const a of meta.authors) if (!out.authors.includes(a)) out.authors.push(a);
      } else if (meta.authors.length === 0) s.rule = "timestamp";
      return;
    }
    s.rule = meta.authors.length > 0 ? "byline" : meta.dates.length > 0 ? "dateline" : "reading-time";
    if (meta.authors.length > 0 && out.authors.length === 0)
      out.evidence.authors = `line ${s.u.line}: ${meta.labelled ? "a labelled byline" : "a name beside a date"} in the header`;
    for (const a of meta.authors) if (!out.authors.includes(a)) out.authors.push(a);
    for (const d of meta.dates) {
      if ("impossible" in d) {
        out.problems.push({
          line: s.u.line,
          message: `The dateline "${s.u.text}" names a date that does not exist (${d.impossible}).`,
          fix: "Correct the date in the capture, or set `published` in the front matter.",
        });
        continue;
      }
      const entry = { date: d.date, line: s.u.line, text: s.u.text };
      if (d.kind === "published" && published === null) published = entry;
      if (d.kind === "updated" && updated === null) updated = entry;
    }
  });
  out.dateline = published ?? updated;
  if (out.authors.length === 0) nameUnderHeadline(slots, anchor, out);
  if (out.authors.length === 0) authorFromBox(slots, out);
}

const PASSABLE = new Set([
  "repeated-title",
  "caption",
  "image-placeholder",
  "dateline",
  "reading-time",
  "alt-text",
]);

/** A name alone on the line right under the headline, often with a role line after it. */
function nameUnderHeadline(slots: Slot[], anchor: number | null, out: Cleaned): void {
  if (anchor === null) return;
  for (let j = anchor + 1; j < slots.length; j++) {
    const s = slots[j] as Slot;
    if (s.rule !== null) {
      if (PASSABLE.has(s.rule)) continue;
      return;
    }
    if (s.u.kind !== "line") return;
    if (isBareByline(slots, j)) {
      const name = cleanName(s.u.text);
      if (name === null) return;
      s.rule = "byline";
      out.authors.push(name);
      out.evidence.authors = `line ${s.u.line}: a name alone under the headline`;
      const role = slots[j + 1];
      if (role?.rule === null && role.u.kind === "line" && ROLE_LINE.test(role.u.text)) role.rule = "byline";
    }
    return;
  }
}

/** A name alone on slot j that reads as a byline: a role, a date or the first paragraph follows it. */
export const isBareByline = (slots: Slot[], j: number): boolean =>
  isPersonName((slots[j] as Slot).u.text) && corroborated(slots, j);

/** A bare name is a byline only when a role, a date or the article's first paragraph comes right after it. */
function corroborated(slots: Slot[], j: number): boolean {
  for (let k = j + 1; k < slots.length && k <= j + 3; k++) {
    const s = slots[k] as Slot;
    if (s.rule !== null && s.rule !== "dateline" && s.rule !== "reading-time") continue;
    if (s.rule !== null) return true;
    const t = s.u.text;
    return ROLE_LINE.test(t) || parseMetaLine(t) !== null || (endsSentence(t) && wordCount(t) >= 15);
  }
  return false;
}

const ROLE_LINE =
  /^(?:[\p{Lu}][\p{L}-]*\s+){0,3}(?:writer|reporter|editor|correspondent|contributor|columnist|journalist|journaliste|redakteur(?:in)?|redactor(?:a)?|giornalista|analyst|critic|producer)s?$/iu;

/** "About the author" boxes: the name on the box's first line, or the name a bio opens with. */
function authorFromBox(slots: Slot[], out: Cleaned): void {
  for (const s of slots) {
    if (s.rule !== "author-box" || s.u.kind !== "line") continue;
    const t = s.u.text;
    const lead =
      /^(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3})\s+(?:is|was|est|ist|es|è|covers|writes|reports)\s/u.exec(
        t,
      );
    const raw = isPersonName(t) ? t : (lead?.[1] ?? null);
    const name = raw === null || !isPersonName(raw) ? null : cleanName(raw);
    if (name !== null) {
      out.authors.push(name);
      out.evidence.authors = `line ${s.u.line}: the author box`;
      return;
    }
  }
}
