// HTTP-date parsing per RFC 9110 §5.6.7: IMF-fixdate plus the two obsolete formats recipients must
// accept. Anything else is "not a valid HTTP-date" (null), which callers ignore. And the one format we
// send, IMF-fixdate.

/** IMF-fixdate strings by epoch ms: few distinct dates, formatted once each. */
const httpDates = new Map<number, string>();

export function httpDate(ms: number): string {
  let s = httpDates.get(ms);
  if (s === undefined) {
    s = new Date(ms).toUTCString();
    if (httpDates.size < 100_000) httpDates.set(ms, s);
  }
  return s;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MON = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";

// Sun, 06 Nov 1994 08:49:37 GMT
const IMF = new RegExp(`^${DAY}, (\\d{2}) ${MON} (\\d{4}) ${TIME} GMT$`);
// Sunday, 06-Nov-94 08:49:37 GMT
const RFC850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MON}-(\\d{2}) ${TIME} GMT$`);
// Sun Nov  6 08:49:37 1994
const ASCTIME = new RegExp(`^${DAY} ${MON} ([ \\d]\\d) ${TIME} (\\d{4})$`);

function build(year: number, month: string, day: number, h: number, m: number, s: number): number | null {
  const mon = MONTHS.indexOf(month);
  if (h > 23 || m > 59 || s > 60) return null;
  const ms = Date.UTC(year, mon, day, h, m, Math.min(s, 59));
  // Reject overflowing days (31 Feb) that Date.UTC would silently roll over.
  const d = new Date(ms);
  if (d.getUTCDate() !== day || d.getUTCMonth() !== mon) return null;
  return ms;
}

/**
 * Epoch ms of an HTTP-date, or null. `nowMs` resolves rfc850's two-digit years: a year that would be
 * more than 50 years in the future means the previous century (RFC 9110 §5.6.7).
 */
export function parseHttpDate(value: string, nowMs: number): number | null {
  if (value.length > 64) return null;
  const v = value.trim();
  let m = IMF.exec(v);
  if (m) return build(Number(m[3]), m[2] ?? "", Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  m = RFC850.exec(v);
  if (m) {
    const nowYear = new Date(nowMs).getUTCFullYear();
    let year = Math.floor(nowYear / 100) * 100 + Number(m[3]);
    if (year > nowYear + 50) year -= 100;
    return build(year, m[2] ?? "", Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  }
  m = ASCTIME.exec(v);
  if (m)
    return build(
      Number(m[6]),
      m[1] ?? "",
      Number((m[2] ?? "").trim()),
      Number(m[3]),
      Number(m[4]),
      Number(m[5]),
    );
  return null;
}
