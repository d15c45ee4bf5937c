// Human-facing formatting of dates and counts. Everything is derived from the data (RFC 3339 strings),
// in UTC, with fixed English month names: the output must not depend on the build machine's locale,
// time zone or clock.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function parse(iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`pages: invalid date ${JSON.stringify(iso)}`);
  return d;
}

/** `2026-11-22T10:00:00Z` -> `22 Nov 2026`. */
export function formatDay(iso: string): string {
  const d = parse(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** RFC 822 / RFC 1123 date as OPML wants it: `Sun, 22 Nov 2026 00:00:00 GMT`. */
export function formatRfc822(iso: string): string {
  return parse(iso).toUTCString();
}

/** The newest of some RFC 3339 dates (compared as instants, not strings); `fallback` when none. */
export function newest(dates: readonly string[], fallback: string): string {
  let best = fallback;
  let bestTime = Number.NEGATIVE_INFINITY;
  for (const d of dates) {
    const t = parse(d).getTime();
    if (t > bestTime) {
      best = d;
      bestTime = t;
    }
  }
  return best;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Joins names as prose: `A`, `A and B`, `A, B and C`. */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** Shortens plain text at a word boundary for meta descriptions. */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}
