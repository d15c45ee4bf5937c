// Date strings -> calendar dates, through chrono-node's locale parsers. What chrono cannot know stays
// here: a dateline is a whole segment (optionally labelled), never a date inside running text; a
// relative date ("2 hours ago") only means something against the capture's own `captured` date; and a
// time printed without a zone is not UTC (meta.ts decides its zone, see corpus/README.md "Dates").
import * as chrono from "chrono-node";
import { isRealDay } from "../read/dates";
import { impossibleShape, supplementRelative } from "./dateShapes";

export interface DateContext {
  /** 03/04/2026 is 3 April (day first) rather than 4 March. */
  dayFirst: boolean;
  /** BCP 47 primary tag of the capture, to try its locale first. */
  language?: string;
  /** RFC 3339 UTC: the capture's `captured` date, the only basis for a relative date. */
  captured?: string;
}

export type DateKind = "published" | "updated";

export interface ParsedDate {
  kind: DateKind;
  /** The segment carried a label ("Published on", "Mis à jour le", "Created:"). */
  labelled: boolean;
  year: number;
  month: number;
  day: number;
  /** Wall-clock time as printed, or null when only a day is printed. */
  time: { h: number; m: number; s: number } | null;
  /** Minutes east of UTC when the text names its zone (`CET`, `GMT+1`, `ET`, `+01:00`); else null. */
  offset: number | null;
  /** Resolved against the captured date ("2 hours ago", "hace 3 horas"). */
  relative: boolean;
  /** RFC 3339 UTC: exact when the zone is named or the date is relative, else the day at 00:00Z. */
  date: string;
}
export interface ImpossibleDate {
  impossible: string;
  kind: DateKind;
}

const LABEL =
  /^(?:(last\s+updated(?:\s+on)?|updated(?:\s+on)?|modified(?:\s+on)?|last\s+modified|mis\s+à\s+jour(?:\s+le)?|mise\s+à\s+jour(?:\s+le)?|actualisé(?:\s+le)?|aktualisiert(?:\s+am)?|zuletzt\s+aktualisiert(?:\s+am)?|actualizado(?:\s+el)?|actualizada(?:\s+el)?|aggiornato(?:\s+il)?|atualizado(?:\s+em)?|bijgewerkt(?:\s+op)?|обновлено|更新日?|업데이트|수정|uppdaterad|uppdaterat|päivitetty|oppdatert|opdateret)|(published(?:\s+on)?|posted(?:\s+on)?|first\s+published(?:\s+on)?|created(?:\s+on)?|date|dated|released(?:\s+on)?|publié(?:e)?(?:\s+le)?|créé(?:\s+le)?|publication|veröffentlicht(?:\s+am)?|erstellt(?:\s+am)?|erschienen(?:\s+am)?|stand|publicado(?:\s+(?:el|em))?|publicada(?:\s+(?:el|em))?|creado(?:\s+el)?|pubblicato(?:\s+il)?|gepubliceerd(?:\s+op)?|опубликовано|公開日?|投稿日?|게시|입력|등록|publicerad|publicerat|julkaistu|publisert|udgivet))(?![\p{L}])\s*:?\s*/iu;

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
const CJK = new Set(["ja", "zh", "ko"]);

type Parser = { parse: chrono.Chrono["parse"] };
const LOCALES: Record<string, Parser> = {
  en: chrono.en,
  fr: chrono.fr,
  de: chrono.de,
  es: chrono.es,
  it: chrono.it,
  pt: chrono.pt,
  nl: chrono.nl,
  ru: chrono.ru,
  uk: chrono.uk,
  ja: chrono.ja,
  zh: chrono.zh,
  sv: chrono.sv,
  fi: chrono.fi,
  id: chrono.id,
};
const OTHERS = Object.entries(LOCALES)
  .filter(([l]) => l !== "en")
  .map(([, p]) => p);
// Malay pages are mostly read as Indonesian (the same month names); Indonesian has a chrono locale.
const ALIAS: Record<string, string> = { ms: "id" };

/**
 * The capture's locale (British English for day-first English), then English both ways: English dates
 * are printed on pages in every language. Without a known language every locale is tried. Other
 * locales are not tried once the language is known: each costs a full chrono pass on every short line
 * with a digit.
 */
function parsersFor(ctx: DateContext, segment: string): Parser[] {
  // 12.03.2026 is day first in every language that writes it.
  const dayFirst = ctx.dayFirst || /^\d{1,2}\.\d{1,2}\.\d{2,4}/u.test(segment);
  const english = dayFirst ? [chrono.en.GB, chrono.en] : [chrono.en, chrono.en.GB];
  if (ctx.language === undefined) return [...english, ...OTHERS];
  const lang = ALIAS[ctx.language] ?? ctx.language;
  const own = lang === "en" ? undefined : LOCALES[lang];
  return own ? [own, ...english] : english;
}

const FIXED_REF = Date.UTC(2000, 0, 1, 12);
const OTHER_REF = Date.UTC(2003, 6, 15, 12);

/** Noon of a day-only captured date (so "2 hours ago" stays on that day); the instant otherwise. */
function captureRef(captured: string | undefined): number | null {
  if (captured === undefined) return null;
  const t = Date.parse(captured);
  if (Number.isNaN(t)) return null;
  return /T00:00:00Z$/u.test(captured) ? t + 12 * 3_600_000 : t;
}

interface Hit {
  year: number;
  month: number;
  day: number;
  yearKnown: boolean;
  time: ParsedDate["time"];
  offset: number | null;
  relative: boolean;
  instant: number | null;
}

// What may surround a whole-segment date: punctuation and connectors ("on", "le", "am", "at").
const LEFTOVER = /^[\s.,;:|·()[\]–—-]*(?:(?:on|le|am|el|il|em|op|the|at|à|um)[\s.,;:|·()–—-]*)?$/iu;

function chronoHit(text: string, p: Parser, ref: number): chrono.ParsedResult | null {
  const r = p.parse(text, { instant: new Date(ref), timezone: 0 })[0];
  if (!r) return null;
  const before = text.slice(0, r.index);
  const after = text.slice(r.index + r.text.length);
  if (!LEFTOVER.test(before) || !/^[\s.,;:)\]|·]*$/u.test(after)) return null;
  return r;
}

function read(r: chrono.ParsedResult, relative: boolean): Hit | null {
  const c = r.start;
  if (!c.isCertain("day") || !c.isCertain("month")) return null;
  const year = c.get("year") ?? 0;
  const month = c.get("month") ?? 0;
  const day = c.get("day") ?? 0;
  const offset = c.isCertain("timezoneOffset") ? (c.get("timezoneOffset") ?? null) : null;
  const time = c.isCertain("hour")
    ? { h: c.get("hour") ?? 0, m: c.get("minute") ?? 0, s: c.get("second") ?? 0 }
    : null;
  return {
    year,
    month,
    day,
    yearKnown: c.isCertain("year"),
    time,
    offset: relative ? 0 : offset,
    relative,
    instant: relative ? c.date().getTime() : null,
  };
}

// Header readers ask about the same lines several times; chrono over every locale is the costly part.
const memo = new Map<string, Hit>();
const noDate = new Set<string>();
const MEMO_MAX = 20_000;

/** The date a whole segment spells out, in the first locale that reads all of it. */
function hit(text: string, ctx: DateContext): Hit | null {
  // A whole-segment date has digits and few words ("Wednesday, 20 November 2019 at 10:00 am GMT" has
  // five): anything wordier is running text, and costs chrono every locale for nothing.
  const numbers = text.match(/\d+/gu)?.length ?? 0;
  const words = text.match(/\p{L}{2,}/gu)?.length ?? 0;
  if (numbers === 0 || words > 7 || (numbers === 1 && (words === 0 || words > 3))) return null;
  // Every locale is tried whatever the context, so "no date here" holds for every context.
  const nk = `${ctx.language ?? "*"}|${ctx.captured ?? ""}|${text}`;
  if (noDate.has(nk)) return null;
  const k = `${ctx.language ?? ""}|${ctx.dayFirst}|${ctx.captured ?? ""}|${text}`;
  const known = memo.get(k);
  if (known !== undefined) return known;
  if (memo.size >= MEMO_MAX) memo.clear();
  if (noDate.size >= MEMO_MAX) noDate.clear();
  const h = hitUncached(text, ctx);
  if (h === null) noDate.add(nk);
  else memo.set(k, h);
  return h;
}

// "12 mars 2026 kl. 14.20": a clock time after a date, which some locales' parsers (Swedish, Finnish)
// leave unread although they read the date.
const TAIL_TIME =
  /^(.*\d.*?)[\s,]+(?:kl\.?|klo\.?|ore|um|at|à|às|om)?\s*(\d{1,2})[:.](\d{2})(?:\s*(?:uhr|h))?$/iu;

function hitUncached(text: string, ctx: DateContext): Hit | null {
  const h = hitWhole(text, ctx);
  if (h !== null) return h;
  const m = TAIL_TIME.exec(text);
  if (!m) return null;
  const [hh, mm] = [Number(m[2]), Number(m[3])];
  if (hh > 23 || mm > 59) return null;
  const day = hitWhole(m[1] ?? "", ctx);
  return day === null || day.time !== null || day.relative ? null : { ...day, time: { h: hh, m: mm, s: 0 } };
}

function hitWhole(text: string, ctx: DateContext): Hit | null {
  const ref = captureRef(ctx.captured);
  for (const p of parsersFor(ctx, text)) {
    const a = chronoHit(text, p, ref ?? FIXED_REF);
    if (!a) continue;
    // A result that moves with the reference date is relative ("2 hours ago", "vor 3 Tagen").
    const b = chronoHit(text, p, (ref ?? FIXED_REF) + (OTHER_REF - FIXED_REF));
    const relative =
      b !== null && b.start.date().getTime() !== a.start.date().getTime() && a.start.isCertain("year");
    if (relative && ref === null) return null;
    return read(a, relative);
  }
  const rel = supplementRelative(text);
  if (rel !== null && ref !== null) {
    const t = new Date(ref - rel);
    return {
      year: t.getUTCFullYear(),
      month: t.getUTCMonth() + 1,
      day: t.getUTCDate(),
      yearKnown: true,
      time: null,
      offset: 0,
      relative: true,
      instant: t.getTime(),
    };
  }
  return null;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/u, "Z");
}

/** RFC 3339 UTC of a printed wall time under an offset (minutes east of UTC). */
export function instantOf(p: Pick<ParsedDate, "year" | "month" | "day" | "time">, offset: number): string {
  const t = p.time ?? { h: 0, m: 0, s: 0 };
  return iso(Date.UTC(p.year, p.month - 1, p.day, t.h, t.m, t.s) - offset * 60_000);
}

export const dayOnly = (p: Pick<ParsedDate, "year" | "month" | "day">): string =>
  `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T00:00:00Z`;

function finish(h: Hit, kind: DateKind, labelled: boolean, captured: string | undefined): ParsedDate | null {
  if (h.year < 1900 || h.year > 2200 || !isRealDay(h.year, h.month, h.day)) return null;
  // A relative date more precise than a day needs a captured instant, not a captured day.
  const dayCapture = captured === undefined || /T00:00:00Z$/u.test(captured);
  const time = h.relative && dayCapture ? null : h.time;
  const base = { kind, labelled, year: h.year, month: h.month, day: h.day, time, offset: h.offset };
  const date =
    h.relative && h.instant !== null
      ? dayCapture
        ? dayOnly(h)
        : iso(h.instant)
      : h.offset !== null && time
        ? instantOf(base, h.offset)
        : dayOnly(h);
  return { ...base, relative: h.relative, date };
}

// Spellings chrono's locales miss, rewritten to ones they read.
const SPELLINGS: [RegExp, string][] = [
  // "NOV 15, 20195:45 AM": a year glued to the time after it.
  [/\b((?:19|20)\d\d)(\d{1,2}:\d\d)/u, "$1 $2"],
  // "14h30" (pt, fr), "18.00 Uhr" (de), "…, 18.00" at the end: hours and minutes.
  [/\b(\d{1,2})h(\d{2})\b/u, "$1:$2"],
  // "15 gennaio 2026 ore 07:45": Italian "at" before a clock time, which chrono's Italian parser lacks.
  [/\s+ore\s+(?=\d{1,2}[:.]\d{2}\b)/iu, " "],
  [/\b(\d{1,2})\.(\d{2})(?=\s*Uhr\b)/u, "$1:$2"],
  [/,\s*(\d{1,2})\.(\d{2})$/u, ", $1:$2"],
  // "(мск)", "(MSK)", "(UTC)": a zone in brackets, and Moscow time in Russian.
  [/\(\s*(мск|msk|utc|gmt|cet|cest|mez|mesz|jst|kst|et|pt)\s*\)\s*$/iu, "$1"],
  [/(?<!\p{L})мск(?!\p{L})/iu, "MSK"],
];

const ASCII_DIGIT = /\d/u;

function strip(segment: string): { s: string; kind: DateKind; labelled: boolean } {
  let s = segment.trim().replace(/\s+/gu, " ");
  for (const [re, to] of SPELLINGS) s = s.replace(re, to);
  let kind: DateKind = "published";
  let labelled = false;
  const label = LABEL.exec(s);
  if (label && label[0].length < s.length) {
    labelled = true;
    if (label[1]) kind = "updated";
    s = s.slice(label[0].length);
  }
  return { s, kind, labelled };
}

/**
 * Parses one dateline segment. Null when the segment is not entirely a date (optionally labelled, with a
 * weekday, a time and a zone), an ImpossibleDate when it names a day that does not exist.
 */
export function parseDateline(
  segment: string,
  ctxOrDayFirst: DateContext | boolean = false,
): ParsedDate | ImpossibleDate | null {
  // Every date read below needs a digit (a day, a year or a count), and strip() adds none: a byline or
  // a word is no date, told before rewriting it.
  if (!ASCII_DIGIT.test(segment)) return null;
  const ctx: DateContext = typeof ctxOrDayFirst === "boolean" ? { dayFirst: ctxOrDayFirst } : ctxOrDayFirst;
  const { s, kind, labelled } = strip(segment);
  if (s.length > 80) return null;
  // ISO order is never swapped: 2026-13-01 is broken, not 13 January.
  const isoShape = /^(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T\s,|·])/u.exec(s);
  if (isoShape && !isRealDay(Number(isoShape[1]), Number(isoShape[2]), Number(isoShape[3])))
    return { impossible: segment.trim(), kind };
  const h = hit(s, ctx);
  if (h === null || !h.yearKnown) {
    if (h === null && impossibleShape(s, ctx.dayFirst, (t) => hit(t, ctx) !== null))
      return { impossible: segment.trim(), kind };
    return null;
  }
  return finish(h, kind, labelled, ctx.captured);
}

/**
 * A date without its year, as wire datelines print it ("PARIS, March 12 (Reuters) -"): the year comes from
 * the caller (a date nearby on the page). Null when the text is not entirely a month and day.
 */
export function parseYearless(
  text: string,
  year: number,
  ctx: DateContext,
): ParsedDate | ImpossibleDate | null {
  const h = hit(text.trim(), { ...ctx, captured: undefined });
  if (h === null) {
    if (impossibleShape(`${text.trim()} ${year}`, ctx.dayFirst, (t) => hit(t, ctx) !== null))
      return { impossible: text.trim(), kind: "published" };
    return null;
  }
  if (h.relative) return null;
  return finish(h.yearKnown ? h : { ...h, year }, "published", false, undefined);
}

/** "12. März 2026" at the start of a line: a date, not the ordered list item 12. */
export function startsWithDate(text: string): boolean {
  const t = text.trim();
  // The year or a time must follow: "1. May the best team win" is a list item.
  if (!/^\d{1,2}\.\s+\p{L}/u.test(t) || !/\d{4}|\d[:h]\d\d/u.test(t)) return false;
  // Rare enough (a numbered line with a year or a time) to try every locale.
  for (const p of Object.values(LOCALES)) {
    const r = p.parse(t, { instant: new Date(FIXED_REF), timezone: 0 })[0];
    const c = r?.start;
    if (
      r?.index === 0 &&
      c?.isCertain("day") &&
      c.isCertain("month") &&
      (c.isCertain("year") || c.isCertain("hour"))
    )
      return true;
  }
  return false;
}

/** "mis à jour à 12h02", "Updated 16:05 CET", "aktualisiert um 18.10 Uhr": an update time with no day. */
export function isUpdateTime(segment: string): boolean {
  if (!ASCII_DIGIT.test(segment)) return false;
  const { s, kind, labelled } = strip(segment);
  return (
    labelled &&
    kind === "updated" &&
    /^(?:(?:at|à|um|alle|às|a\s+las|ore)\s+)?\d{1,2}:\d{2}(?:\s*(?:[ap]\.?m\.?|uhr))?(?:\s+\p{L}{2,5})?$/iu.test(
      s,
    )
  );
}

/** "5 min read", "Lesezeit: 4 Min.", "3 min de lecture", "Reading time: 5 minutes". */
export function isReadingTime(segment: string): boolean {
  const s = segment.trim();
  return (
    /^(?:(?:reading\s+time|read\s+time|temps\s+de\s+lecture|lesezeit|tiempo\s+de\s+lectura|lectura|tempo\s+di\s+lettura)\s*:?\s*)?(?:about\s+|environ\s+|ca\.\s+)?\d{1,3}\s*(?:-|–)?\s*(?:min|mins|minutes?|minuten|minutos|minuti)\.?(?:\s+(?:read|reading|de\s+lecture|lesezeit|lesen|de\s+lectura|di\s+lettura))?$/iu.test(
      s,
    ) || /^(?:less\s+than\s+a|one|a)\s+minute\s+read$/iu.test(s)
  );
}

export const isCjk = (lang: string): boolean => CJK.has(lang);
