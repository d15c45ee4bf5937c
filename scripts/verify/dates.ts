// Date syntax checks. Regexes first (the formats are strict grammars), then a calendar round-trip so
// 2026-02-30 fails too.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

export function isRfc3339(s: unknown): boolean {
  if (typeof s !== "string") return false;
  const m = RFC3339.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (h > 23 || mi > 59 || se > 60) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const DAYS = "Mon|Tue|Wed|Thu|Fri|Sat|Sun";
const MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec";
const RFC822 = new RegExp(
  `^(?:(${DAYS}), )?(\\d{1,2}) (${MONTHS}) (\\d{4}) (\\d{2}):(\\d{2})(?::(\\d{2}))? (GMT|UT|Z|[+-]\\d{4}|[A-IK-Z]|EST|EDT|CST|CDT|MST|MDT|PST|PDT)$`,
);

/** RFC 822 date-time as RSS 2.0 requires (four-digit years, as every reader expects). */
export function isRfc822(s: unknown): boolean {
  if (typeof s !== "string") return false;
  const m = RFC822.exec(s);
  if (!m) return false;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return false;
  const day = Number(m[2]);
  const month = MONTHS.split("|").indexOf(m[3] ?? "");
  const check = new Date(Date.UTC(Number(m[4]), month, day));
  if (check.getUTCDate() !== day) return false;
  // The weekday, when given, must be the real one (readers do not check; validators do).
  return (
    !m[1] || DAYS.split("|")[(check.getUTCDay() + 6) % 7] === m[1] || !/^(GMT|UT|Z|\+0000)$/.test(m[8] ?? "")
  );
}

/** IMF-fixdate, the HTTP date format (`Sun, 06 Nov 1994 08:49:37 GMT`). */
export function isImfFixdate(s: string | null): boolean {
  return (
    s !== null &&
    /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(s) &&
    !Number.isNaN(Date.parse(s))
  );
}
