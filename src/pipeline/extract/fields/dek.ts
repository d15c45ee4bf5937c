// The dek (standfirst): a one- or two-sentence summary printed right under the headline (or right
// above it), told from the article's first paragraph by its shape and by what follows it, and from the
// metadata, captions and tickers printed in the same place.
import { parseMetaLine } from "../byline";
import { type DateContext, parseDateline } from "../dates";
import { ALT_TEXT_CUES, isFaqHeading } from "../rules";
import type { Slot } from "../slots";
import { collapse, endsSentence, isHeadingLike, overlap, wordCount } from "../text";
import { isCaption } from "./caption";
import { isLabelledByline, isMetaRow, isModifiedStamp, isTicker } from "./rows";
import { isCallToAction, isCjk, isReadout, isStamp, wordsOf } from "./shapes";

/** Sentence ends, with the full-width stops of scripts without spaces. */
const endsProse = (t: string): boolean => endsSentence(t) || /[。！？]["'”’」』)）]*$/u.test(t.trim());

/** "12 May 2026 · 4 min read", "Ultima modifica: 22 gennaio 2026 · tempo di lettura 4 min": a metadata row. */
function isMetaLine(t: string, ctx: DateContext | boolean): boolean {
  if (parseMetaLine(t, ctx) !== null) return true;
  const segs = collapse(t).split(/\s+[·|•]\s+/u);
  return (
    segs.length >= 2 &&
    segs.some((seg) => {
      const d = parseDateline(seg.replace(/^[\p{L} ]{2,30}:\s*/u, ""), ctx);
      return d !== null && !("impossible" in d);
    })
  );
}

/** Length in words, or in characters where the script has no spaces, within a dek's range. */
function dekLength(t: string, maxWords: number): boolean {
  if (isCjk(t)) {
    const n = [...t.replace(/\s/gu, "")].length;
    return n >= 10 && n <= maxWords * 3;
  }
  const n = wordCount(t);
  return n >= 5 && n <= maxWords;
}

/** Could this line be a dek at all: summary-sized, and none of the things printed where a dek sits. */
export function isDekShape(t: string, ctx: DateContext | boolean = false, maxWords = 45): boolean {
  const s = collapse(t);
  if (!dekLength(s, maxWords) || /[:：]$/u.test(s)) return false;
  return !(
    isCaption(s) ||
    isMetaRow(s) ||
    isTicker(s) ||
    isReadout(s) ||
    isStamp(s) ||
    isModifiedStamp(s) ||
    isLabelledByline(s) ||
    isCallToAction(s) ||
    // "Download the report (PDF, 3.2 MB)": a file link.
    /\bPDF\b|\d\s*[KMG]B\b|\d\s*[KMG]o\b/u.test(s) ||
    ALT_TEXT_CUES.test(s) ||
    isMetaLine(s, ctx)
  );
}

/** Sentences in a line: a stop followed by a capital or a quote. */
const sentences = (t: string): number =>
  1 + (t.match(/[.!?。！？]["'”’»]?\s+(?=["“«]?\p{Lu})|[。！？](?=\S)/gu)?.length ?? 0);

// "LAKESHORE COUNTY — ...", "PARIS, March 12 (Reuters) -": a paragraph that opens with a dateline is the lede.
const DATELINE_OPEN = /^\p{Lu}[\p{Lu} .'’-]{2,}(?:,\s*[\p{L} .]+)?\s*(?:\([^)]*\))?\s*[-–—]/u;

/** Rules that may sit between a headline and its dek: its repeats, byline, dateline, share rows, images. */
const BETWEEN = new Set([
  "repeated-title",
  "byline",
  "dateline",
  "reading-time",
  "caption",
  "image-placeholder",
  "share-buttons",
  "ad-label",
]);

export interface DekChoice {
  index: number;
  text: string;
  why: string;
}

/** The standfirst under the headline. Conservative: a first body paragraph must never vanish. */
export function dekBelow(
  slots: Slot[],
  anchor: number,
  title: string,
  ctx: DateContext | boolean = false,
): DekChoice | null {
  let c = anchor + 1;
  while (c < slots.length && c <= anchor + 8 && BETWEEN.has((slots[c] as Slot).rule ?? "")) c++;
  const s = slots[c];
  if (!s || s.rule !== null || !(s.u.kind === "line" || (s.u.kind === "heading" && (s.u.level ?? 2) > 1)))
    return null;
  const t = s.u.text;
  if (s.u.html && /^<em>[\s\S]*<\/em>$/u.test(s.u.html) && wordCount(t) <= 60)
    return { index: c, text: t, why: "an emphasised line under the headline" };
  if (!isDekShape(t, ctx, 60)) return null;
  const rest = slots.slice(c + 1);
  const nextOpen = rest.findIndex((x) => x.rule === null);
  if (nextOpen < 0) return null;
  if (s.u.kind === "heading") {
    // A Markdown subheading is a section of the article unless it restates the headline or stands alone.
    const otherHeadings = rest.some(
      (x, j) =>
        x.rule === null &&
        ((x.u.kind === "heading" && (x.u.level ?? 2) > 1) ||
          (x.u.kind === "line" && isHeadingLike(x.u.text))) &&
        !isFaqHeading(x.u.text) &&
        rest.slice(j + 1).some((y) => y.rule === null),
    );
    return overlap(t, title) >= 0.5 || !otherHeadings
      ? { index: c, text: t, why: "a subheading restating the headline" }
      : null;
  }
  // A paragraph always ends with a stop; a summary line under the headline often does not.
  if (!endsProse(t)) return { index: c, text: t, why: "a summary line without a stop under the headline" };
  if (/[?]$/u.test(t) || sentences(t) > 2 || DATELINE_OPEN.test(t) || !dekLength(t, 45)) return null;
  // A one- or two-sentence summary with page furniture (a byline, a caption, a share row) after it,
  // rather than the rest of the article.
  const after = rest[0] as Slot;
  if (
    after.rule !== null ||
    isCaption(after.u.text) ||
    isLabelledByline(after.u.text) ||
    isMetaLine(after.u.text, ctx)
  )
    return { index: c, text: t, why: "a short summary followed by page furniture" };
  return null;
}

const QUOTED = /^["“„«‘'].*["”“»’']$/u;

/**
 * A standfirst printed above the headline (some layouts put it first): a sentence or a quote right above
 * it, when the line under the headline is a byline, a date or the article itself rather than another dek.
 */
export function dekAbove(slots: Slot[], anchor: number): DekChoice | null {
  let j = anchor - 1;
  while (
    j >= 0 &&
    ["image-placeholder", "caption", "empty", "separator"].includes((slots[j] as Slot).rule ?? "")
  )
    j--;
  const s = slots[j];
  if (s?.rule !== "pre-title" || s.u.kind !== "line") return null;
  const t = s.u.text;
  const n = wordsOf(t);
  if (!(endsProse(t) || QUOTED.test(t.trim())) || n < 8 || n > 45 || /:$/u.test(t) || ALT_TEXT_CUES.test(t))
    return null;
  if (isCaption(t)) return null;
  const above = slots[j - 1];
  if (above && above.u.kind === "line" && wordCount(above.u.text) >= 20 && endsSentence(above.u.text))
    return null;
  return {
    index: j,
    text: t,
    why: QUOTED.test(t.trim()) ? "a quote right above the headline" : "a sentence right above the headline",
  };
}
