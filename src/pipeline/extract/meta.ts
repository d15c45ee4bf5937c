// Bylines, datelines and reading times. In the header zone (around the headline) they are the capture's
// own; further down only labelled bylines and labelled dates ("Published on ...", "Last updated ...")
// count and bare timestamps are furniture. Which of the dates found is the article's is decided here.
import { authorFromBio, bareByline } from "./authors";
import { parseMetaLine } from "./byline";
import { type DateContext, dayOnly, instantOf, type ParsedDate, parseDateline } from "./dates";
import { forumPoster } from "./segments";
import type { Cleaned, Slot } from "./slots";
import { wordCount } from "./text";
import { readWireDateline } from "./wire";
import { imprintZone, offsetAt, type ZoneHint } from "./zones";

export { isBareByline } from "./authors";

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
  forumPosters(slots, ctx, out, found);
  chooseDate(found, slots, anchor, ctx, out);
  if (out.authors.length === 0) bareByline(slots, anchor, out);
  if (out.authors.length === 0) authorFromBio(slots, anchor, out);
}

/**
 * "Thread starter kestrel_ops", "214 points by quarkfold 2 days ago | hide | ...": a forum's or link
 * aggregator's submission row above the opening post names its poster and, often, only its age.
 */
function forumPosters(slots: Slot[], ctx: MetaContext, out: Cleaned, found: Candidate[]): void {
  const firstBody = slots.findIndex(
    (s) => s.u.kind === "line" && wordCount(s.u.text) >= 25 && /[.!?»"”)]$/u.test(s.u.text),
  );
  const end = Math.min(firstBody < 0 ? slots.length : firstBody, 40);
  for (let j = 0; j < end; j++) {
    const s = slots[j] as Slot;
    if (s.u.kind === "table" || s.u.kind === "code") continue;
    const p = forumPoster(s.u.text);
    if (p === null) continue;
    if (out.authors.length === 0) {
      out.authors.push(p.name);
      out.evidence.authors = `line ${s.u.line}: the poster named in the thread's header`;
    }
    const d = p.ago === null ? null : parseDateline(p.ago, ctx.dates);
    if (d && !("impossible" in d))
      found.push({ d, line: s.u.line, text: p.ago ?? "", rank: rank(d, "header") });
    // The first poster is the thread's; the rest are replies.
    return;
  }
}

/** A date glued to the end of the headline ("...dipendenti15 gennaio 2026 ore 07:45"), zone resolved as any other. */
export function gluedDateline(
  text: string,
  line: number,
  slots: Slot[],
  ctx: MetaContext,
): Cleaned["dateline"] {
  const d = parseDateline(text, ctx.dates);
  if (!d || "impossible" in d) return null;
  return { line, text, ...resolve(d, null, withImprint(slots, ctx)) };
}

/** The zone a page's imprint implies ("Parcelbright Ltd · London") when its URL gives none. */
function withImprint(slots: Slot[], ctx: MetaContext): MetaContext {
  if (ctx.zone?.from === "url") return ctx;
  const zone = imprintZone(slots.map((s) => s.u.text));
  return zone === null ? ctx : { ...ctx, zone };
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
  out.dateline = {
    line: best.line,
    text: best.text,
    ...resolve(best.d, named?.d.offset ?? null, withImprint(slots, ctx)),
  };
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
