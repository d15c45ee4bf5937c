// Wire and press-release datelines at the start of the first paragraph: "PARIS, March 12 (Reuters) - ...",
// "PARIS, France — January 8, 2026 — ...", "NEW YORK, Jan. 8, 2026 /PRNewswire/ -- ...". The place and
// date are the article's own; a wire dateline prints no year, so it comes from a date nearby on the page.
import { type DateContext, type ParsedDate, parseDateline, parseYearless } from "./dates";
import type { Cleaned, Slot } from "./slots";
import { wordCount } from "./text";

const WIRE =
  /^(\p{Lu}[\p{L}.'’ -]{1,30}?(?:,\s*\p{Lu}[\p{L}.'’ -]{1,30}?)?)\s*(?:,|[-–—])\s*([^()/]{3,40}?)\s*(\([\p{L}\p{N} .&'’-]{2,30}\)|\/[^/]{2,30}\/)?\s*(?:[-–—]{1,2}|:)\s+/u;

const YEAR = /(?<![\d,.])(19[89]\d|20\d\d)(?![\d,])/u;

/** The year of the nearest short line that prints one, else the captured year. */
function yearNear(slots: Slot[], at: number, ctx: DateContext, month: string): number | null {
  for (let dist = 1; dist <= 15; dist++) {
    for (const j of [at - dist, at + dist]) {
      const s = slots[j];
      if (!s || wordCount(s.u.text) > 30) continue;
      const m = YEAR.exec(s.u.text);
      if (m) return Number(m[1]);
    }
  }
  if (!ctx.captured) return null;
  const year = Number(ctx.captured.slice(0, 4));
  // A month after the captured one was last year's.
  return month > ctx.captured.slice(5, 7) ? year - 1 : year;
}

export function readWireDateline(
  slots: Slot[],
  anchor: number | null,
  ctx: DateContext,
  out: Cleaned,
): { d: ParsedDate; line: number; text: string } | null {
  // The first paragraphs after the headline: a photo caption often comes before the dateline's.
  let at = -1;
  let m: RegExpExecArray | null = null;
  for (let j = (anchor ?? -1) + 1, seen = 0; j < slots.length && seen < 3 && m === null; j++) {
    const s = slots[j] as Slot;
    if (s.rule !== null || s.u.kind !== "line" || wordCount(s.u.text) < 12) continue;
    seen++;
    m = WIRE.exec(s.u.text);
    at = j;
  }
  const first = slots[at];
  if (!first || !m) return null;
  const t = first.u.text;
  const place = m[1] ?? "";
  // "PARIS" or "San Francisco, Calif.": a place, not the first words of a sentence.
  if (!/^\p{Lu}{2,}/u.test(place) && !place.includes(",")) return null;
  const dateText = (m[2] ?? "").trim();
  let d = parseDateline(dateText, ctx);
  if (d === null) {
    const probe = parseYearless(dateText, 2000, ctx);
    if (probe === null || "impossible" in probe) d = probe;
    else {
      const year = yearNear(slots, at, ctx, String(probe.month).padStart(2, "0"));
      d = year === null ? null : parseYearless(dateText, year, ctx);
    }
  }
  if (d === null || wordCount(t.slice(m[0].length)) < 8) return null;
  if ("impossible" in d) {
    out.problems.push({
      line: first.u.line,
      message: `The dateline "${m[0].trim()}" names a date that does not exist (${d.impossible}).`,
      fix: "Correct the date in the capture, or set `published` in the front matter.",
    });
    return null;
  }
  // The dateline stays in the paragraph: it is the story's own first words (editors' gold bodies and the
  // article-extraction benchmarks keep "PARIS, March 12 (Wire) -"); only its date is read.
  return { d, line: first.u.line, text: m[0].trim() };
}
