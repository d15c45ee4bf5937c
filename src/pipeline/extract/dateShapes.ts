// The two things about date strings chrono-node does not do for us: say that "February 30, 2026" is a
// date that does not exist (chrono simply finds no date, but for a dateline that is broken input), and
// read the relative dates its Spanish, Portuguese, Japanese, Korean and Chinese parsers lack.
import { isRealDay } from "../read/dates";

/**
 * True when the segment has a calendar date's shape but names a day that does not exist. `parses` is the
 * date parser: a month-name date is impossible when it parses once its day is replaced by 1.
 */
export function impossibleShape(s: string, dayFirst: boolean, parses: (t: string) => boolean): boolean {
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=$|[T\s,|·])/u.exec(s);
  if (m) return !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b/u.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    let [day, mon] = dayFirst || m[2] === "." ? [a, b] : [b, a];
    if (mon > 12 && day <= 12) [day, mon] = [mon, day];
    return !isRealDay(Number(m[4]), mon, day);
  }
  // Only days 29 to 39 can be impossible in a month-name date.
  const day = /(?<!\d)(29|3\d)(?!\d)/u.exec(s);
  if (!day || !/\b\d{4}\b/u.test(s)) return false;
  return parses(`${s.slice(0, day.index)}1${s.slice(day.index + (day[1] ?? "").length)}`);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNITS: [RegExp, number][] = [
  [/^(?:segundos?|秒|초)$/u, 1000],
  [/^(?:minutos?|分|分钟|분)$/u, MINUTE],
  [/^(?:horas?|時間|小时|시간)$/u, HOUR],
  [/^(?:d[ií]as?|日|天|일)$/u, DAY],
  [/^(?:semanas?|週間|周|주)$/u, 7 * DAY],
  [/^(?:mes(?:es)?|m[eê]s(?:es)?|か月|ヶ月|个月|개월|달)$/u, 30 * DAY],
  [/^(?:años?|anos?|年|년)$/u, 365 * DAY],
];

const RELATIVE: RegExp[] = [
  /^hace\s+(\d{1,3})\s+(\p{L}+)$/iu,
  /^há\s+(\d{1,3})\s+(\p{L}+)(?:\s+atrás)?$/iu,
  /^(\d{1,3})\s+(\p{L}+)\s+atrás$/iu,
  /^(\d{1,3})\s*(秒|分|時間|日|週間|か月|ヶ月|年|分钟|小时|天|周|个月)前$/u,
  /^(\d{1,3})\s*(초|분|시간|일|주|개월|달|년)\s*전$/u,
];

/** "hace 3 horas", "há 2 dias", "3時間前", "2시간 전" -> milliseconds before the reference; else null. */
export function supplementRelative(text: string): number | null {
  const t = text.trim();
  for (const re of RELATIVE) {
    const m = re.exec(t);
    if (!m) continue;
    const unit = UNITS.find(([u]) => u.test((m[2] ?? "").toLowerCase()));
    if (unit) return Number(m[1]) * unit[1];
  }
  return null;
}
