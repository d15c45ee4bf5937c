// Splitting a capture into units (one per paragraph, list item, heading, table...) that the cleaning
// rules classify. Plain text and Markdown end up in the same shape so one set of rules serves both.
import { parseMetaLine } from "./byline";
import { parseDateline, startsWithDate } from "./dates";
import { collapse, endsSentence } from "./text";

export interface SourceLine {
  line: number;
  text: string;
}

export interface Unit {
  kind: "line" | "item" | "heading" | "table" | "quote" | "code" | "rule" | "html" | "def";
  /** Plain text, whitespace collapsed. */
  text: string;
  /** Sanitised inline HTML (Markdown only). */
  html?: string;
  /** First source line (1-based, in the corpus file). */
  line: number;
  /** The raw source lines this unit covers, for the removal log. */
  src: SourceLine[];
  blankBefore: boolean;
  indent: number;
  ordered?: boolean;
  /** Markdown heading depth (1-6). */
  level?: number;
  rows?: string[][];
  header?: boolean;
  /** The number of an ordered plain-text item ("2" for "2. Text"). */
  number?: string;
  /** Markdown paragraph made only of images. */
  image?: boolean;
}

const BULLET = /^(?:([•\-*–·▪◦‣○■□►▸✓✔➤→])|(\d{1,3}|[a-z])[.)])\s+(\S.*)$/u;

function joinable(prev: string, next: string): boolean {
  // A hard-wrapped sentence: the previous line stops mid-sentence and the next continues in lowercase.
  // A line that is a date or a byline on its own ("20 Nov, 2019 05:47", "24 Oct 2026 · 41 min", "di Marco
  // Rossi" under a headline) never continues one.
  return (
    !endsSentence(prev) &&
    prev.length >= 50 &&
    /^[\p{Ll}\d(,]/u.test(next) &&
    !(/^\d/u.test(next) && parseDateline(next, { dayFirst: true }) !== null) &&
    parseMetaLine(next, true) === null
  );
}

/** Plain-text capture -> units. Blank lines separate units; so do line breaks, except for hard wraps. */
export function textUnits(body: string, firstLine: number): Unit[] {
  const lines = body.split("\n");
  const units: Unit[] = [];
  let blank = true;
  lines.forEach((raw, i) => {
    const t = collapse(raw);
    if (t === "") {
      blank = true;
      return;
    }
    const src = { line: firstLine + i, text: raw };
    const indent = raw.length - raw.trimStart().length;
    const prev = units.at(-1);
    // "12. März 2026, 16:45 Uhr" is a German date, not list item 12.
    const m = /^\d{1,2}\.\s/u.test(t) && startsWithDate(t) ? null : BULLET.exec(t);
    // "a) text" only counts as a list when the letter is lowercase and single, like "1)".
    if (m && (m[1] !== undefined || m[2] !== undefined)) {
      units.push({
        kind: "item",
        text: m[3] ?? "",
        line: src.line,
        src: [src],
        blankBefore: blank,
        indent,
        ordered: m[2] !== undefined,
        ...(m[2] !== undefined ? { number: m[2] } : {}),
      });
    } else if (/^>\s?/u.test(t) && !/^>\s*$/u.test(t)) {
      if (prev?.kind === "quote" && !blank) {
        prev.text = `${prev.text} ${t.replace(/^>\s?/u, "")}`;
        prev.src.push(src);
      } else
        units.push({
          kind: "quote",
          text: t.replace(/^>\s?/u, ""),
          line: src.line,
          src: [src],
          blankBefore: blank,
          indent,
        });
    } else if (!blank && prev?.kind === "item" && indent > prev.indent && indent > 0) {
      prev.text = `${prev.text} ${t}`;
      prev.src.push(src);
    } else if (!blank && prev?.kind === "line" && joinable(prev.text, t)) {
      prev.text = `${prev.text} ${t}`;
      prev.src.push(src);
    } else {
      units.push({ kind: "line", text: t, line: src.line, src: [src], blankBefore: blank, indent });
    }
    blank = false;
  });
  return units;
}
