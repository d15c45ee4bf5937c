// Dates given in front matter or sidecars. Strict on purpose: a typo'd date must stop the build,
// not silently become "now" or shift an article to another day.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export type DateResult = { ok: true; iso: string } | { ok: false; reason: string };

export function isRealDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return d <= (days[m - 1] ?? 0);
}

/** `2026-03-11` or an RFC 3339 date-time (a missing zone means UTC) -> RFC 3339 UTC (`...Z`). */
export function parseGivenDate(value: string): DateResult {
  const s = value.trim();
  let m = DATE.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isRealDay(y, mo, d)) return { ok: false, reason: `${s} is not a real calendar day` };
    return { ok: true, iso: `${m[1]}-${m[2]}-${m[3]}T00:00:00Z` };
  }
  m = DATE_TIME.exec(s);
  if (m) {
    const [y, mo, d, h, mi, se] = [
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6] ?? 0),
    ];
    if (!isRealDay(y, mo, d)) return { ok: false, reason: `${s} is not a real calendar day` };
    if (h > 23 || mi > 59 || se > 59) return { ok: false, reason: `${s} is not a real time of day` };
    const zone = (m[7] ?? "Z").toUpperCase();
    const offset = zone === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${String(se).padStart(2, "0")}${offset}`);
    if (Number.isNaN(t)) return { ok: false, reason: `${s} is not a valid date-time` };
    return { ok: true, iso: new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z") };
  }
  return { ok: false, reason: `"${s}" is not a date in the form YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ` };
}
