// Bylines, datelines and reading times. In the header zone (around the headline) they are the capture's
// own; further down only labelled bylines and labelled dates ("Published on ...", "Last updated ...")
// count and bare timestamps are furniture. Which of the dates found is the article's is decided here.
import { cleanName, parseMetaLine } from "./byline";
import { type DateContext, dayOnly, instantOf, type ParsedDate } from "./dates";
import { isPersonName } from "./fields/shapes";
import type { Cleaned, Slot } from "./slots";
import { endsSentence, wordCount } from "./text";
import { readWireDateline } from "./wire";
import { offsetAt, type ZoneHint } from "./zones";

const HEADER_SPAN = 10;
const LEAD_SPAN = 6;
const LEAD_MAX = 24;

export interface MetaContext {
  dates: DateContext;
  /** The zone implied by the source URL or the language, for times printed without one. */
  zone: ZoneHint | null;
}

interface Candidate {
  d: ParsedDate;
  slot?: Slot;
  line: number;
  text: string;
  /** Lower is better: see `rank`. */
  rank: number;
}

// Header published, lead (right above the first paragraph) published, wire dateline, labelled footer
// published, then the same places' updated dates; relative
// dates last: an absolute date printed on the page always beats one counted back from `captured`.
const RANK = { header: [0, 4], lead: [1, 5], wire: [2, 2], footer: [3, 6] } as const;
const rank = (d: ParsedDate, where: keyof typeof RANK): number =>
  (d.relative ? 10 : 0) + RANK[where][d.kind === "published" ? 0 : 1];

function headerEnd(slots: Slot[], anchor: number | null): number {
  const start = anchor ?? -1;
  let zoneEnd = Math.min(slots.length, start + 1 + HEADER_SPAN);
  for (let j = start + 2; j < zoneEnd; j++) {
    const s = slots[j] as Slot;
    if (s.rule === null && s.u.kind === "line" && wordCount(s.u.text) >= 25) return j;
  }
  if (anchor === null) {
    const firstBody = slots.findIndex(
      (s) => s.rule === null && (s.u.kind === "line" || s.u.kind === "item") && wordCount(s.u.text) >= 12,
    );
    zoneEnd = firstBody < 0 ? Math.min(slots.length, 6) : Math.min(firstBody, 6);
  }
  return zoneEnd;
}

/**
 * The lines right above the first article paragraph: where a capture whose headline was not recognised
 * (or that prints its meta between a caption and the text) still shows its byline and date.
 */
function leadZone(slots: Slot[]): Set<number> {
  const first = slots.findIndex(
    (s) => s.rule === null && s.u.kind === "line" && wordCount(s.u.text) >= 25 && /[.!?»"”]$/u.test(s.u.text),
  );
  // Counted in lines still open, and short ones (share buttons, labels) count for little: a row of
  // "Share this with ..." between the date and the text does not push the date out of reach.
  const zone = new Set<number>();
  let weight = 0;
  for (let j = first - 1; j >= 0 && weight < LEAD_SPAN && zone.size < LEAD_MAX; j--) {
    const s = slots[j] as Slot;
    if (s.rule !== null) continue;
    zone.add(j);
    weight += wordCount(s.u.text) > 5 ? 1 : 0.25;
  }
  return zone;
}

function besideByline(slots: Slot[], j: number, ctx: MetaContext): boolean {
  if (slots[j - 1]?.rule === "byline") return true;
  const after = slots[j + 1];
  if (!after || after.rule !== null || after.u.kind !== "line") return false;
  const m = parseMetaLine(after.u.text, ctx.dates);
  return m?.labelled === true && m.authors.length > 0;
}

/** Bylines, datelines and reading times: in the header (around the headline) they are the capture's own. */
export function readMeta(slots: Slot[], anchor: number | null, ctx: MetaContext, out: Cleaned): void {
  const zoneEnd = headerEnd(slots, anchor);
  const lead = leadZone(slots);
  const found: Candidate[] = [];
  slots.forEach((s, j) => {
    if (s.rule !== null) return;
    const inHeader = j < zoneEnd;
    // A byline and its date travel together: a date line next to a byline is the article's, wherever
    // the cleaning put the headline.
    const inLead = !inHeader && (lead.has(j) || besideByline(slots, j, ctx));
    // A list item counts only as a bare date in the header ("- Nov. 18th 2019 8:54 am PT").
    const item = s.u.kind === "item" && (inHeader || inLead);
    if (!(s.u.kind === "line" || s.u.kind === "heading" || item)) return;
    const meta = parseMetaLine(s.u.text, ctx.dates);
    if (!meta || (item && (meta.authors.length > 0 || meta.dates.length === 0))) return;
    if (!inHeader && !inLead) {
      if (meta.labelled && meta.authors.length > 0) {
        s.rule = "byline";
        if (out.authors.length === 0) out.evidence.authors = `line ${s.u.line}: a labelled byline`;
        for (const a of meta.authors) if (!out.authors.includes(a)) out.authors.push(a);
      } else if (meta.authors.length === 0) s.rule = "timestamp";
      // "Published on 10/02/2026 at 14:32" or "Posted by X on ..." at the foot of the article: labelled,
      // so the article's; a bare timestamp down the page (a comment's, a related link's) is not.
      for (const d of meta.dates)
        if (!("impossible" in d) && (d.labelled || meta.labelled))
          found.push({ d, slot: s, line: s.u.line, text: s.u.text, rank: rank(d, "footer") });
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
      found.push({ d, line: s.u.line, text: s.u.text, rank: rank(d, inHeader ? "header" : "lead") });
    }
  });
  chooseDate(found, slots, anchor, ctx, out);
  if (out.authors.length === 0) nameUnderHeadline(slots, anchor, out);
  if (out.authors.length === 0) authorFromBox(slots, out);
}

/** The article's date among those found: best rank, then the one that says more (a time, a zone). */
function chooseDate(
  found: Candidate[],
  slots: Slot[],
  anchor: number | null,
  ctx: MetaContext,
  out: Cleaned,
): void {
  const wire = readWireDateline(slots, anchor, ctx.dates, out);
  if (wire) found.push({ ...wire, rank: rank(wire.d, "wire") });
  found.sort((a, b) => a.rank - b.rank || a.line - b.line);
  const first = found[0];
  if (!first) return;
  // "Jeudi 18 décembre 2025" over the headline and "Publié le 18 décembre 2025 à 6h30" under it: the
  // same day, and the one with a time says more.
  const sameDay = (c: Candidate): boolean =>
    c.rank === first.rank &&
    c.d.year === first.d.year &&
    c.d.month === first.d.month &&
    c.d.day === first.d.day;
  const best = first.d.time === null ? (found.find((c) => sameDay(c) && c.d.time !== null) ?? first) : first;
  if (best.slot && best.slot.rule === "timestamp") best.slot.rule = "dateline";
  const named = found.find((c) => c.d.offset !== null && !c.d.relative && c.d.time !== null);
  out.dateline = { line: best.line, text: best.text, ...resolve(best.d, named?.d.offset ?? null, ctx) };
}

/** The instant of the chosen date, and a note when it rests on an assumption the user should know. */
function resolve(
  d: ParsedDate,
  pageOffset: number | null,
  ctx: MetaContext,
): { date: string; note?: string } {
  if (d.relative)
    return {
      date: d.date,
      note: `the page shows a relative date; it was counted back from the captured date ${ctx.dates.captured?.slice(0, 10)}`,
    };
  if (d.time === null || d.offset !== null) return { date: d.date };
  if (pageOffset !== null) return { date: instantOf(d, pageOffset) };
  if (ctx.zone) {
    const off = offsetAt(ctx.zone.zone, d.year, d.month, d.day, d.time.h, d.time.m);
    return { date: instantOf(d, off) };
  }
  return {
    date: dayOnly(d),
    note: "the page prints a time without a time zone, and none is implied by the page, its URL or its language; only the day was kept",
  };
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
