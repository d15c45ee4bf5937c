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
import {
  isAllCapsShort,
  isAltTextShape,
  isCallToAction,
  isCjk,
  isPersonName,
  isReadout,
  isStamp,
  titleCaseShare,
  wordsOf,
} from "./shapes";

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

// A day, a month and a year inside a line: "Start date Sep 21, 2026", "le 3 mars 2026", "2026-03-12".
const DATE_INSIDE =
  /\b(?:\p{L}{3,10}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+\p{L}{3,10}\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})\b/u;

/** A line without a stop that carries a full date: a row of page metadata, not a summary. */
export function hasEmbeddedDate(t: string, ctx: DateContext | boolean): boolean {
  if (endsProse(t)) return false;
  const m = DATE_INSIDE.exec(t);
  if (!m) return false;
  const d = parseDateline(m[0], ctx);
  return d !== null && !("impossible" in d);
}

// "Listen (3 min.)", "Beitrag anhören (3 Min.)": a player or a reading time.
const DURATION = /\b\d+\s*(?:min|mins|minutes?|minuten|minuti|minutos|мин)\b\.?/iu;

// "... «quote» di Marco Santini": a byline the copy glued to the end of the dek.
const TRAILING_BYLINE =
  /(?<=[.!?»”"'’)\p{Ll}])\s+(?:by|par|von|por|di|door|de)\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2}$/u;

/** The dek's text without a byline glued to its end. */
const dekText = (t: string): string => {
  const m = TRAILING_BYLINE.exec(t);
  return m && /[.!?»”"'’)]$/u.test(t.slice(0, m.index)) ? t.slice(0, m.index) : t;
};

// "Download the report (PDF, 3.2 MB)": a link to a file.
const FILE_LINK = /\bPDF\b|\d\s*[KMG]B\b|\d\s*[KMG]o\b/u;

const META_AFTER = new Set(["byline", "dateline", "reading-time", "repeated-title"]);
// Chrome printed at an article's top (a picture, a share row, an ad label), unlike a related-links box.
const TOP_CHROME = new Set(["caption", "image-placeholder", "share-buttons", "ad-label", "alt-text"]);

/**
 * What follows a one-to-three-sentence summary under the headline, as evidence that it is the dek: "meta"
 * (a byline, a name, a date, a file link, a player: the header goes on), "chrome" (a caption, an ad label,
 * a share row: only evidence when a byline or date already sits between the headline and the line), or
 * null (the article goes on).
 */
function after(slots: Slot[], j: number, ctx: DateContext | boolean): "meta" | "chrome" | null {
  const s = slots[j] as Slot;
  const t = s.u.text;
  if (META_AFTER.has(s.rule ?? "")) return "meta";
  if (s.rule !== null) return TOP_CHROME.has(s.rule) ? "chrome" : null;
  if (
    isLabelledByline(t) ||
    (isPersonName(t) && datedNext(slots, j, ctx)) ||
    FILE_LINK.test(t) ||
    (wordCount(t) <= 8 && DURATION.test(t)) ||
    isMetaLine(t, ctx)
  )
    return "meta";
  return isCaption(t) ? "chrome" : null;
}

/** A name is a byline when a date follows it ("Jane Doe" / "12 May 2026"), not a subheading. */
function datedNext(slots: Slot[], j: number, ctx: DateContext | boolean): boolean {
  const n = slots[j + 1];
  return n !== undefined && (n.rule === "dateline" || isStamp(n.u.text) || isMetaLine(n.u.text, ctx));
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
    FILE_LINK.test(s) ||
    isAltTextShape(s) ||
    hasEmbeddedDate(s, ctx) ||
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
  // "LAPTOP REVIEW" printed between the headline and its dek: a kicker under the headline, not the dek.
  const k = slots[c];
  if (k?.rule === null && k.u.kind === "line" && isAllCapsShort(k.u.text) && wordCount(k.u.text) <= 3) c++;
  const s = slots[c];
  if (!s || s.rule !== null || !(s.u.kind === "line" || (s.u.kind === "heading" && (s.u.level ?? 2) > 1)))
    return null;
  const t = s.u.text;
  if (!isDekShape(t, ctx, 60)) return null;
  if (s.u.html && /^<em>[\s\S]*<\/em>$/u.test(s.u.html))
    return { index: c, text: dekText(t), why: "an emphasised line under the headline" };
  const rest = slots.slice(c + 1);
  const nextOpen = rest.findIndex((x) => x.rule === null);
  if (nextOpen < 0) return null;
  // A title-cased line without a stop reads as a section heading unless it restates the headline or no
  // other heading follows; a sentence-cased one is a summary.
  if (s.u.kind === "heading" || (!endsProse(t) && titleCaseShare(t) >= 0.7)) {
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
  if (!endsProse(t))
    return { index: c, text: dekText(t), why: "a summary line without a stop under the headline" };
  if (/[?]$/u.test(t) || sentences(t) > 3 || DATELINE_OPEN.test(t) || !dekLength(t, 45)) return null;
  // A summary of one to three sentences with page furniture (a byline, a caption, a share row) after it,
  // rather than the rest of the article.
  const next = after(slots, c + 1, ctx);
  const metaAbove = slots.slice(anchor + 1, c).some((x) => META_AFTER.has(x.rule ?? ""));
  if (next === "meta" || (next === "chrome" && metaAbove))
    return { index: c, text: dekText(t), why: "a short summary followed by the header's furniture" };
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
