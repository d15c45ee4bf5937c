// The shape of a headline line taken alone: its length (in characters where the script has no spaces),
// case and punctuation, and the shapes of what is printed where headlines are and is not one (captions,
// bylines, counters, tickers, stamps, navigation rows, buttons, taglines, section labels, alt texts).
import { parseMetaLine } from "../byline";
import { type DateContext, parseDateline } from "../dates";
import {
  isAuthorBoxHeading,
  isBreadcrumbLine,
  isFaqHeading,
  isHomeCrumb,
  isRelatedHeading,
  isSectionLabel,
  isSeoHeading,
} from "../rules";
import { endsSentence, isSpace, wordStarts } from "../text";
import { isCaption } from "./caption";
import type { Tally } from "./evidence";
import { isLabelledByline, isMetaRow, isModifiedStamp, isTicker } from "./rows";
import {
  firstLetter,
  hasGluedCredit,
  isAllCapsShort,
  isAltTextShape,
  isBylineShape,
  isCallToAction,
  isCjk,
  isCounter,
  isInterfaceMessage,
  isNavRow,
  isPersonName,
  isPitch,
  isReadout,
  isStamp,
  isTagline,
  titleCaseShare,
  uncased,
  wordsOf,
} from "./shapes";

// "15 gennaio 2026 ore 07:45", "3 mars 2026 à 9h": the word joining a date to its time, per language.
const AT_TIME = /\s+(?:at|à|um|a las|a la|alle|ore|às|om|kl\.?|в)\s+(?=\d)/iu;

/** "Big news today 12 March 2026 10:00" -> ["Big news today", "12 March 2026 10:00"]. */
export function splitGluedDate(t: string, ctx: DateContext | boolean = false): [string, string | null] {
  const cuts = lastCuts(t);
  // The words of a head are the line's words that begin before the cut (a cut never falls inside a
  // character), so one scan of the line serves every cut.
  const starts = wordStarts(t);
  const wordsBefore = (at: number): number => {
    let n = 0;
    while (n < starts.length && (starts[n] as number) < at) n++;
    return n;
  };
  for (const at of [...cuts].reverse()) {
    const tail = t.slice(at).trim();
    const head = t.slice(0, at).trim();
    if (wordsBefore(at) < 4 || !/\d/u.test(tail) || /\d/u.test(head.slice(-3)) || isStamp(head)) continue;
    const plain = tail.replace(AT_TIME, ", ");
    const d = parseDateline(plain, ctx);
    const cut = head.replace(/[\s|·•,–—-]+$/u, "");
    // The date is returned as a dateline the date parser reads: its joining word dropped, and of a longer
    // metadata tail ("24 Oct 2026 · 41 min") only the date.
    if (d !== null && !("impossible" in d)) return [cut, plain];
    if (/[·|•]/u.test(tail) && (parseMetaLine(tail, ctx)?.dates.length ?? 0) > 0) {
      const seg = tail.split(/\s*[·|•]\s*/u).find((x) => {
        const p = parseDateline(x.replace(AT_TIME, ", "), ctx);
        return p !== null && !("impossible" in p);
      });
      return [cut, seg?.replace(AT_TIME, ", ") ?? tail];
    }
  }
  return [t, null];
}

/** Where a cut may fall, as a regex (cutsFrom reads the same places by hand). */
export const CUT = /\s+|(?<=\p{Ll})(?=\p{Lu}|\d)/gu;
const LAST_CUTS = 10;
/** How far from its end a long line is scanned for its last cuts first. */
const TAIL_SCAN = 300;

/**
 * Where a glued date may begin (after a space, or where a lower-case letter meets a capital or digit):
 * the last ten such places, in order. A long line is scanned from near its end: the pattern looks one
 * character behind, so past the scan's first character (never half of a surrogate pair) it finds what
 * a scan of the whole line finds; if that holds fewer than ten, the whole line is scanned.
 */
function lastCuts(t: string): readonly number[] {
  // The headline scan asks about a line twice in a row (wordyForHeadline, then splitGluedDate).
  if (t === lastLine) return lastLineCuts;
  lastLineCuts = lastCutsOf(t);
  lastLine = t;
  return lastLineCuts;
}
let lastLine: string | null = null;
let lastLineCuts: readonly number[] = [];

function lastCutsOf(t: string): number[] {
  let from = Math.max(0, t.length - TAIL_SCAN);
  const c = t.charCodeAt(from);
  if (from > 0 && c >= 0xdc00 && c <= 0xdfff) from--;
  if (from > 0) {
    const tail = cutsFrom(t.slice(from), from).filter((at) => at > from);
    if (tail.length >= LAST_CUTS) return tail.slice(-LAST_CUTS);
  }
  return cutsFrom(t, 0).slice(-LAST_CUTS);
}

/**
 * The ends of the matches of CUT in `s` (plus `offset`), by one scan of its code points: the end of
 * each whitespace run, and each capital or ASCII digit right after a lower-case letter (the regex's
 * lookbehind, which costs a Unicode test at every position of a long line).
 */
export function cutsFrom(s: string, offset: number): number[] {
  const cuts: number[] = [];
  let afterLower = false;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      let j = i + 1;
      while (j < s.length && isSpace(s.charCodeAt(j))) j++;
      cuts.push(offset + j);
      i = j;
      afterLower = false;
      continue;
    }
    let bits: number;
    let width = 1;
    if (c < 128)
      bits = c >= 97 && c <= 122 ? LOWER : (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? OPENS : 0;
    else {
      const cp = s.codePointAt(i) as number;
      width = cp > 0xffff ? 2 : 1;
      bits = caseBits(cp, s.slice(i, i + width));
    }
    if (afterLower && bits & OPENS) cuts.push(offset + i);
    afterLower = (bits & LOWER) !== 0;
    i += width;
  }
  return cuts;
}

const LOWER = 1;
/** A capital or an ASCII digit: what may follow a lower-case letter at a cut. */
const OPENS = 2;
const CASE_BITS = new Map<number, number>();
function caseBits(cp: number, ch: string): number {
  let b = CASE_BITS.get(cp);
  if (b === undefined) {
    b = (/^\p{Ll}$/u.test(ch) ? LOWER : 0) | (/^\p{Lu}$/u.test(ch) ? OPENS : 0);
    if (CASE_BITS.size >= 65536) CASE_BITS.clear();
    CASE_BITS.set(cp, b);
  }
  return b;
}

/**
 * Every text splitGluedDate can return for this line (the line, or its head before one of the last
 * cuts) has more words than shape() allows a headline: the line need not be read further.
 */
export function wordyForHeadline(t: string): boolean {
  const first = lastCuts(t)[0] ?? t.length;
  let n = 0;
  for (const at of wordStarts(t, MAX_HEADLINE_WORDS + 1)) if (at < first) n++;
  return n > MAX_HEADLINE_WORDS;
}

const MAX_HEADLINE_WORDS = 40;

/** A vote arrow or bullet the copy put before a headline ("▲ Ask us: ..."): not part of it. */
export const LEAD_MARK = /^[▲△▴►▶▸•·»|]+\s+/u;

/** Sentence ends, with the full-width stops of scripts without spaces. */
export const endsProse = (t: string): boolean => endsSentence(t) || /[。！？]["'”’」』)）]*$/u.test(t.trim());

/** "21/06/2014 Jane Doe News, Reviews": a meta row that opens with a date, not a headline. */
function startsWithNumericDate(t: string, ctx: DateContext | boolean): boolean {
  if (/^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?:\s|$)/u.test(t)) return true;
  const head = t.split(/\s+/u).slice(0, 3).join(" ");
  const d = /^\d/u.test(head) ? parseDateline(head, ctx) : null;
  return d !== null && !("impossible" in d);
}

/** Shape cues of a line taken alone. Null when it cannot be a headline at all. */
export function shape(t: string, raw: string, tally: Tally, ctx: DateContext | boolean): boolean {
  const n = wordsOf(t);
  if (n < 2 || n > MAX_HEADLINE_WORDS || t.length > 300) return false;
  if (/[:;,]["'”’»)\]]*$/u.test(t)) return false;
  if (parseMetaLine(t, ctx) !== null) return false;
  const cased = !uncased(t);
  // Markup in a title line is content, but its tag names and script text say nothing about its case.
  const visible = t.replace(
    /<(script|style|noscript|template)\b[^>]*>[^<]*<\/\1>|<!--[\s\S]*?-->|<\/?[a-z][^>]*>/giu,
    " ",
  );
  // A lower-case start is a sentence's continuation; letters without case (kana, hangul) can start a headline.
  if (cased && /\p{Ll}/u.test(firstLetter(visible))) return false;
  const sentence = /\.["'”’»)\]]*$/u.test(t) && !/(?:\.\.\.|…)$/u.test(t);
  if (sentence && n > 15) return false;
  // Scripts written without spaces are measured in characters: a headline there is rarely under ten.
  const chars = isCjk(t) ? [...t.replace(/\s/gu, "")].length : 0;
  if (chars > 0 && chars < 10) tally.add(-1.5, "short for a headline");
  else if (n === 2) tally.add(-1, "two words");
  else if (n <= 25) tally.add(1, "headline length");
  else tally.add(-1, "long for a headline");
  if (sentence) tally.add(-2, "ends like a sentence");
  if (cased && titleCaseShare(t) >= 0.7) tally.add(0.5, "title case");
  if (isNavRow(raw)) tally.add(-6, "navigation row");
  if (isCallToAction(t)) tally.add(-4, "button or link label");
  if (isPitch(t)) tally.add(-4, "a banner or pitch");
  if (isInterfaceMessage(t)) tally.add(-4, "an interface message");
  if (isBylineShape(t)) tally.add(-4, "a byline");
  if (isAllCapsShort(t)) tally.add(-2, "all-caps label");
  if (isSectionLabel(t) || isHomeCrumb(t) || isBreadcrumbLine(t)) tally.add(-4, "section label");
  if (isFaqHeading(t) || isRelatedHeading(t) || isSeoHeading(t) || isAuthorBoxHeading(t))
    tally.add(-3, "a section heading");
  if (isTagline(t)) tally.add(-3, "tagline");
  if (isAltTextShape(t)) tally.add(-4, "alt text");
  if (isReadout(t)) tally.add(-3, "readout");
  if (isPersonName(t)) tally.add(-2, "a name");
  if (isStamp(t)) tally.add(-4, "a timestamp");
  if (isCounter(t)) tally.add(-3, "a counter");
  if (/https?:\/\/|www\.\S+\.[a-z]/iu.test(t)) tally.add(-3, "a web address");
  if (hasGluedCredit(t)) tally.add(-3, "a caption with its credit");
  else if (isCaption(t)) tally.add(-5, "a caption or photo credit");
  if (isLabelledByline(t)) tally.add(-5, "a labelled byline");
  if (isMetaRow(t)) tally.add(-4, "a counter or meta row");
  if (isTicker(t)) tally.add(-4, "a stock ticker");
  if (isModifiedStamp(t)) tally.add(-4, "a modification stamp");
  if (startsWithNumericDate(t, ctx)) tally.add(-4, "opens with a date");
  return true;
}
