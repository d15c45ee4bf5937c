// Bylines, datelines and reading times. In the header zone (around the headline) they are the capture's
// own; further down only labelled bylines count and bare timestamps are furniture.
import { parseMetaLine } from "./byline";
import type { Cleaned, Slot } from "./slots";
import { wordCount } from "./text";

const HEADER_SPAN = 10;

/** Bylines, datelines and reading times: in the header (around the headline) they are the capture's own. */
export function readMeta(slots: Slot[], anchor: number | null, dayFirst: boolean, out: Cleaned): void {
  const start = anchor ?? -1;
  let zoneEnd = Math.min(slots.length, start + 1 + HEADER_SPAN);
  for (let j = start + 2; j < zoneEnd; j++) {
    const s = slots[j] as Slot;
    if (s.rule === null && s.u.kind === "line" && wordCount(s.u.text) >= 25) {
      zoneEnd = j;
      break;
    }
  }
  if (anchor === null) {
    const firstBody = slots.findIndex(
      (s) => s.rule === null && (s.u.kind === "line" || s.u.kind === "item") && wordCount(s.u.text) >= 12,
    );
    zoneEnd = firstBody < 0 ? Math.min(slots.length, 6) : Math.min(firstBody, 6);
  }
  let published: { date: string; line: number; text: string } | null = null;
  let updated: { date: string; line: number; text: string } | null = null;
  slots.forEach((s, j) => {
    if (s.rule !== null || !(s.u.kind === "line" || s.u.kind === "heading")) return;
    const meta = parseMetaLine(s.u.text, dayFirst);
    if (!meta) return;
    const inHeader = j < zoneEnd;
    if (!inHeader) {
      if (meta.labelled && meta.authors.length > 0) {
        s.rule = "byline";
        for (const a of meta.authors) if (!out.authors.includes(a)) out.authors.push(a);
      } else if (meta.authors.length === 0) s.rule = "timestamp";
      return;
    }
    s.rule = meta.authors.length > 0 ? "byline" : meta.dates.length > 0 ? "dateline" : "reading-time";
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
      const entry = { date: d.date, line: s.u.line, text: s.u.text };
      if (d.kind === "published" && published === null) published = entry;
      if (d.kind === "updated" && updated === null) updated = entry;
    }
  });
  out.dateline = published ?? updated;
}
