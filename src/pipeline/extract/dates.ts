// Parsing of dateline dates ("Published March 11, 2026", "Mis à jour le 3 février 2026", "2026-03-11").
// Only whole segments are accepted: a date inside running text is never a dateline.

import { isRealDay } from "../read/dates";

const MONTHS: Record<string, number> = {};
const addMonths = (names: string[]): void => {
  names.forEach((group, i) => {
    for (const n of group.split("|")) MONTHS[n] = i + 1;
  });
};
addMonths([
  "january|jan|janvier|janv|januar|jänner|enero|ene|gennaio|gen|janeiro|januari",
  "february|feb|févr|fevr|février|fevrier|februar|febrero|febbraio|fevereiro|fev|februari",
  "march|mar|mars|märz|maerz|mär|marzo|março|maart|mrz",
  "april|apr|avril|avr|abril|abr|aprile",
  "may|mai|mayo|maggio|maio|mei|mag",
  "june|jun|juin|juni|junio|giugno|junho|giu",
  "july|jul|juillet|juil|juli|julio|luglio|julho|lug",
  "august|aug|août|aout|agosto|ago|augustus",
  "september|sep|sept|septembre|septiembre|setiembre|settembre|setembro|set",
  "october|oct|octobre|oktober|okt|octubre|ottobre|outubro|out|ott",
  "november|nov|novembre|noviembre|novembro",
  "december|dec|décembre|decembre|déc|dezember|dez|diciembre|dic|dicembre|dezembro",
]);
const MONTH_RE = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");

const WEEKDAY =
  "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)\\.?,?\\s+";

const LABEL =
  /^(?:(last\s+updated|updated|modified|last\s+modified|mis\s+à\s+jour|mise\s+à\s+jour|actualisé|aktualisiert|zuletzt\s+aktualisiert|actualizado|aggiornato|atualizado)|(published|posted|date|dated|released|publié|publiée|publication|veröffentlicht|erschienen|stand|publicado|publicada|pubblicato|publicado\s+em))(?![\p{L}])\s*(?:on|le|am|el|il|em|:)?\s*:?\s*/iu;

export interface ParsedDate {
  /** RFC 3339, UTC. */
  date: string;
  kind: "published" | "updated";
}
export interface ImpossibleDate {
  impossible: string;
  kind: "published" | "updated";
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

const ZONES: Record<string, number> = {
  utc: 0,
  gmt: 0,
  z: 0,
  et: -300,
  est: -300,
  edt: -240,
  ct: -360,
  cst: -360,
  cdt: -300,
  mt: -420,
  mst: -420,
  mdt: -360,
  pt: -480,
  pst: -480,
  pdt: -420,
  cet: 60,
  cest: 120,
  bst: 60,
  mez: 60,
  mesz: 120,
};

interface Time {
  h: number;
  m: number;
  s: number;
  offset: number;
}

const TIME_RE =
  /^\s*(?:,|at|à|a|um|a\s+las|alle|-|–|·|\|)?\s*(\d{1,2})(?::|h|\.)(\d{2})?(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(?:uhr)?\s*(z|utc|gmt|[ecmp][sd]?t|cet|cest|bst|mez|mesz|[+-]\d{2}:?\d{2})?\s*(?:\(([^)]*)\))?/iu;

function parseTime(rest: string): { time: Time | null; rest: string } {
  const m = TIME_RE.exec(rest);
  if (!m || m[0].trim() === "") return { time: null, rest };
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  const ampm = m[4]?.toLowerCase().replace(/\./g, "");
  if (ampm === "pm" && h < 12) h += 12;
  if (ampm === "am" && h === 12) h = 0;
  if (h > 23 || min > 59 || s > 59) return { time: null, rest };
  const zone = m[5]?.toLowerCase();
  let offset = 0;
  if (zone) {
    const off = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    offset = off ? (off[1] === "-" ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3])) : (ZONES[zone] ?? 0);
  }
  return { time: { h, m: min, s, offset }, rest: rest.slice(m[0].length) };
}

function build(year: number, month: number, day: number, time: Time | null): string | null {
  if (!isRealDay(year, month, day)) return null;
  if (!time) return `${pad(year, 4)}-${pad(month)}-${pad(day)}T00:00:00Z`;
  const ms = Date.UTC(year, month - 1, day, time.h, time.m, time.s) - time.offset * 60_000;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const num = (s: string | undefined): number => Number(s ?? Number.NaN);

type Raw = { year: number; month: number; day: number; rest: string };

// Compiled once: these run for every candidate dateline line of every capture.
const LEADING_WEEKDAY = new RegExp(`^${WEEKDAY}`, "iu");
const MONTH = `(${MONTH_RE})\\.?`;
const MONTH_DAY_YEAR = new RegExp(`^${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "iu");
const DAY_MONTH_YEAR = new RegExp(
  `^(\\d{1,2})(?:st|nd|rd|th|er|º|°|\\.)?\\s+(?:de\\s+)?${MONTH}\\s+(?:de\\s+|del\\s+)?(\\d{4})\\b`,
  "iu",
);

function parseCalendar(s: string, dayFirst: boolean): Raw | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T\s,|·])T?/u.exec(s);
  if (m) return { year: num(m[1]), month: num(m[2]), day: num(m[3]), rest: s.slice(m[0].length) };
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})\b/u.exec(s);
  if (m) return { year: num(m[1]), month: num(m[2]), day: num(m[3]), rest: s.slice(m[0].length) };
  m = /^(\d{1,2})([./-])(\d{1,2})[./-](\d{4})\b/u.exec(s);
  if (m) {
    const a = num(m[1]);
    const b = num(m[3]);
    // 03/12/2026 reads day first outside English (and always with dots); a number above 12 settles it.
    const dayFirstHere = dayFirst || m[2] === ".";
    let [day, mon] = dayFirstHere ? [a, b] : [b, a];
    if (mon > 12 && day <= 12) [day, mon] = [mon, day];
    return { year: num(m[4]), month: mon, day, rest: s.slice(m[0].length) };
  }
  m = MONTH_DAY_YEAR.exec(s);
  if (m)
    return {
      year: num(m[3]),
      month: MONTHS[(m[1] ?? "").toLowerCase()] ?? 0,
      day: num(m[2]),
      rest: s.slice(m[0].length),
    };
  m = DAY_MONTH_YEAR.exec(s);
  if (m)
    return {
      year: num(m[3]),
      month: MONTHS[(m[2] ?? "").toLowerCase()] ?? 0,
      day: num(m[1]),
      rest: s.slice(m[0].length),
    };
  return null;
}

/**
 * Parses one dateline segment. Returns null when the segment is not entirely a date (optionally labelled,
 * optionally with a weekday and a time), an ImpossibleDate when it names a day that does not exist.
 */
export function parseDateline(segment: string, dayFirst = false): ParsedDate | ImpossibleDate | null {
  let s = segment.trim().replace(/\s+/g, " ");
  let kind: "published" | "updated" = "published";
  const label = LABEL.exec(s);
  if (label) {
    if (label[1]) kind = "updated";
    s = s.slice(label[0].length);
  }
  s = s.replace(LEADING_WEEKDAY, "").replace(/^(?:le|el|am|on|il)\s+/iu, "");
  const cal = parseCalendar(s, dayFirst);
  if (!cal) return null;
  const { time, rest } = parseTime(cal.rest);
  if (!/^[\s.,;:)]*$/u.test(rest)) return null;
  if (cal.year < 1900 || cal.year > 2200) return null;
  const date = build(cal.year, cal.month, cal.day, time);
  if (date === null) return { impossible: segment.trim(), kind };
  return { date, kind };
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
