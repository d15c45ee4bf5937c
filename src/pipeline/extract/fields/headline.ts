// The headline, chosen by weighted evidence over every headline-shaped line of the capture: its shape
// (length, case, punctuation), what follows it (a dek, a byline or dateline, the article's paragraphs),
// its repeats (page title + article title), the source URL's slug, and against it the shapes of
// navigation rows, buttons, taglines, section labels, alt texts, mastheads and readouts.
import { parseMetaLine } from "../byline";
import type { DateContext } from "../dates";
import { isBareByline } from "../meta";
import type { Slot } from "../slots";
import { asciiAlnumCount, collapse, endsSentence, key, overlap, wordCount } from "../text";
import { hasEmbeddedDate, isDekShape } from "./dek";
import { type Scored, Tally } from "./evidence";
import { endsProse, LEAD_MARK, shape, splitGluedDate, wordyForHeadline } from "./headline-shape";

export { splitGluedDate } from "./headline-shape";

import {
  isAllCapsShort,
  isBylineShape,
  isNavRow,
  isPersonName,
  isStamp,
  isTagline,
  slugSimilarity,
  titleCaseShare,
  wordsOf,
} from "./shapes";

/** How far into a capture a headline is looked for: menus above it can be long, but not endless. */
const SCAN = 800;
/** Below this the headline is a guess, and the build says so. */
export const SURE = 2;
/** A headline's copy (page title, breadcrumb) is this close to it; further copies are menus. */
const NEAR_COPY = 6;

export interface HeadlineChoice {
  index: number;
  /** The headline text: the unit's text, less a date glued to its end. */
  text: string;
  /** A date that was glued to the headline ("Headline 12 March 2026"), as a dateline. */
  glued: string | null;
  score: number;
  cues: Scored<number>["cues"];
}

const sentenceLike = (t: string): boolean => /\.["'”’»)\]]*$/u.test(t) && !/(?:\.\.\.|…)$/u.test(t);

const isOpenText = (s: Slot): boolean => s.rule === null && (s.u.kind === "line" || s.u.kind === "heading");

function nextOpenText(slots: Slot[], i: number): Slot | null {
  for (let j = i + 1; j < slots.length && j <= i + 4; j++) {
    const s = slots[j] as Slot;
    if (s.rule === null) return isOpenText(s) ? s : null;
  }
  return null;
}

function prevOpenText(slots: Slot[], i: number): Slot | null {
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    const s = slots[j] as Slot;
    if (s.rule === null) return isOpenText(s) ? s : null;
  }
  return null;
}

function proseWords(s: Slot): number {
  if (s.rule !== null || s.u.kind !== "line") return 0;
  const n = wordsOf(s.u.text);
  return n >= 15 && endsProse(s.u.text) ? n : 0;
}

/**
 * A short line whose words recur inside other lines (a credit "ILLUSTRATION SITE NAME", a "© Site name"
 * footer): the site's own name printed as a masthead, not a headline.
 */
function isSiteName(slots: Slot[], i: number, t: string, signed: (j: number) => boolean): boolean {
  const k = key(t);
  if (k.length < 6) return false;
  const shout = collapse(t).toUpperCase();
  return slots.some((s, j) => {
    if (j === i) return false;
    const o = s.u.text;
    // The cheap tests first: only the lines that print the name shouted or a copyright are keyed.
    if (!o.includes(shout) && !signed(j)) return false;
    const ok = key(o);
    return ok !== k && ok.includes(k);
  });
}

/** Whether slot j prints a copyright sign, asked once per slot of a scan. */
function copyrightLines(slots: readonly Slot[]): (j: number) => boolean {
  const known: (boolean | undefined)[] = [];
  return (j) => (known[j] ??= /©|\(c\)|copyright/iu.test((slots[j] as Slot).u.text));
}

/**
 * The slots whose text has a given key, keyed lazily: a lookup keys only the slots that could have it
 * (asciiAlnumCount), and the article's long paragraphs are never keyed. Lists are in no particular
 * order (callers count and test them).
 */
function keyIndex(slots: readonly Slot[]): (k: string) => number[] | undefined {
  const order = slots.map((s, j) => ({ j, least: asciiAlnumCount(s.u.text) }));
  order.sort((a, b) => a.least - b.least || a.j - b.j);
  const at = new Map<string, number[]>();
  let next = 0;
  return (k) => {
    for (; next < order.length && (order[next] as { least: number }).least <= k.length; next++) {
      const { j } = order[next] as { j: number };
      const sk = key((slots[j] as Slot).u.text);
      if (sk === "") continue;
      const list = at.get(sk);
      if (list) list.push(j);
      else at.set(sk, [j]);
    }
    return at.get(k);
  };
}

/** A section label or kicker: a shouted short line, or one or two words without a stop. */
const isKicker = (t: string): boolean => isAllCapsShort(t) && wordsOf(t) <= 3 && !/\d/u.test(t);

/** A headline-shaped line right above, which this line would be the dek of. */
function headlineAbove(prev: Slot, text: string, dates: DateContext | boolean): boolean {
  const pt = prev.u.text;
  const p = wordsOf(pt);
  const n = wordsOf(text);
  return (
    p >= 5 &&
    n >= 6 &&
    (p >= 7 || n <= p + 1) &&
    !endsProse(pt) &&
    !QUOTED.test(pt.trim()) &&
    proseWords(prev) === 0 &&
    !isNavRow(prev.u.src[0]?.text ?? pt) &&
    !isTagline(pt) &&
    !/https?:\/\//u.test(pt) &&
    isDekShape(pt, dates) &&
    !isPersonName(pt)
  );
}

const QUOTED = /^["“„«‘'].*["”“»’']$/u;

/** A line without a stop that could be a teaser headline: not a byline, a date, a caption or a name. */
const teaserShaped = (s: Slot | null, dates: DateContext | boolean): boolean =>
  s !== null &&
  !endsProse(s.u.text) &&
  proseWords(s) === 0 &&
  !/https?:\/\//u.test(s.u.text) &&
  !isBylineShape(s.u.text) &&
  isDekShape(s.u.text, dates);

/** Line j is one of three or more teaser-shaped lines in a row: linked headlines, not a headline and its dek. */
function inHeadlineRun(slots: Slot[], j: number, dates: DateContext | boolean): boolean {
  let n = 1;
  for (let x = prevOpenText(slots, j); x !== null && n < 3 && teaserShaped(x, dates); n++)
    x = prevOpenText(slots, slots.indexOf(x));
  for (let x = nextOpenText(slots, j); x !== null && n < 3 && teaserShaped(x, dates); n++)
    x = nextOpenText(slots, slots.indexOf(x));
  return n >= 3;
}

/**
 * Every headline-shaped line of the capture, best first. `dates` is the capture's date context: its
 * language keeps date parsing to that locale and English (every locale is tried without it, at a cost).
 */
export function scoreHeadlines(
  slots: Slot[],
  slug: readonly string[],
  dates: DateContext | boolean = false,
): HeadlineChoice[] {
  const end = Math.min(slots.length, SCAN);
  // Prefix sums of article-like prose, so "how much article text lies before/after" is O(1).
  const sums = [0];
  for (let i = 0; i < slots.length; i++) sums.push((sums[i] as number) + proseWords(slots[i] as Slot));
  const proseIn = (a: number, b: number): number =>
    (sums[Math.min(b, slots.length)] as number) - (sums[Math.max(0, a)] as number);
  // Windows after a line are counted in open slots, so a run of removed share buttons does not hide
  // the article that follows its headline.
  const openIdx: number[] = [];
  const rank: number[] = [];
  slots.forEach((s, j) => {
    rank.push(openIdx.length);
    if (s.rule === null) openIdx.push(j);
  });
  // Index just past the n-th open slot after i.
  const ahead = (i: number, n: number): number => (openIdx[(rank[i] as number) + n] ?? slots.length) + 1;
  const copiesOf = keyIndex(slots);
  const signed = copyrightLines(slots);
  // "Headline | Site": the headline part, the site part short.
  const pageTitles = slots
    .filter((s) => /\s[|–—-]\s|\s::\s/u.test(s.u.text) && wordCount(s.u.text) <= 40)
    .map((s) => s.u.text.split(/\s+[|–—-]\s+|\s+::\s+/u))
    .filter((parts) => parts.length === 2 && parts.some((p) => wordCount(p) <= 5))
    .map((parts) => parts.map(key));

  const metas: (boolean | undefined)[] = [];
  const metaAt = (j: number): boolean =>
    (metas[j] ??= parseMetaLine((slots[j] as Slot).u.text, dates) !== null);
  const out: HeadlineChoice[] = [];
  const first = slots.findIndex(isOpenText);
  for (let i = 0; i < end; i++) {
    const s = slots[i] as Slot;
    if (!isOpenText(s) || wordyForHeadline(s.u.text)) continue;
    const [whole, glued] = splitGluedDate(s.u.text, dates);
    const text = whole.replace(LEAD_MARK, "");
    const tally = new Tally();
    if (!shape(text, s.u.src[0]?.text ?? text, tally, dates)) continue;
    if (wordsOf(text) <= 5 && isSiteName(slots, i, text, signed))
      tally.add(-3, "the site's name, printed again");
    if (glued) tally.add(1, "date glued under it");
    if (s.u.kind === "heading")
      tally.add(s.u.level === 1 ? 3 : 1, s.u.level === 1 ? "level-1 heading" : "heading");

    const k = key(text);
    // Page title + article title sit close together; a menu printed twice (desktop and mobile) does not.
    const copies = copiesOf(k) ?? [i];
    const near = copies.some((j) => j !== i && Math.abs(j - i) <= NEAR_COPY);
    if (copies.length > 3 && wordsOf(text) <= 6) tally.add(-3, "repeated like chrome");
    else if (copies.length > 3) tally.add(1, "printed several times");
    else if (near && wordsOf(text) >= 3 && !sentenceLike(text)) {
      tally.add(3, "printed twice (page and article title)");
      // Of two copies, the first is the headline and the second its echo.
      if (copies.some((j) => j < i && i - j <= NEAR_COPY)) tally.add(-1, "the later copy");
    } else if (wordsOf(text) >= 3 && pageTitles.some((p) => p[0] === k || p.at(-1) === k))
      tally.add(2, "matches the page title");
    const sim = slugSimilarity(text, slug);
    // Capped: a slug often spells the dek or an older headline, so it tips a choice rather than makes it.
    if (sim >= 0.3) tally.add(Math.min(3, Math.round(4 * sim * 10) / 10), "matches the URL");
    const above = prevOpenText(slots, i);
    const prev = above !== null && isKicker(above.u.text) ? prevOpenText(slots, slots.indexOf(above)) : above;
    if (prev !== null) {
      const pt = prev.u.text;
      const pk = key(pt);
      const sameTitle = pk === k || pk.startsWith(k) || k.startsWith(pk);
      if (
        !sameTitle &&
        wordsOf(pt) >= 4 &&
        !endsSentence(pt) &&
        overlap(text, pt) >= 0.3 &&
        proseWords(prev) === 0
      )
        tally.add(-1.5, "reads as the dek of the line above");
      else if (
        !sameTitle &&
        isDekShape(text, dates) &&
        headlineAbove(prev, text, dates) &&
        !inHeadlineRun(slots, i, dates)
      )
        tally.add(-2, "a dek under a headline-shaped line");
    }

    // What follows: a dek, a byline or dateline, then the article's paragraphs.
    let seenOpen = 0;
    let meta = 0;
    let dek = false;
    for (let j = i + 1; j < slots.length && j <= ahead(i, 12) && seenOpen < 4; j++) {
      const x = slots[j] as Slot;
      if (!isOpenText(x) || key(x.u.text) === k) continue;
      seenOpen++;
      const t = x.u.text;
      const n = wordsOf(t);
      // A byline or date counts right under the line, or under its dek.
      const reach = seenOpen === 1 || (seenOpen === 2 && dek);
      if (
        meta === 0 &&
        (glued || (reach && (metaAt(j) || isStamp(t) || isBylineShape(t) || hasEmbeddedDate(t, dates))))
      )
        meta = 3;
      else if (meta === 0 && seenOpen === 1 && isBareByline(slots, j)) meta = 2;
      else if (seenOpen === 1 && endsSentence(t) && !/[:?]$/u.test(t) && n >= 6 && n <= 60) dek = true;
      else if (seenOpen === 1 && n >= 5 && n <= 40 && overlap(t, text) >= 0.3) dek = true;
      // A summary line under it: the dek of a headline that is not itself a quote (a pull quote above one).
      else if (
        seenOpen === 1 &&
        !QUOTED.test(text) &&
        !sentenceLike(text) &&
        isDekShape(t, dates) &&
        !endsProse(t) &&
        !inHeadlineRun(slots, j, dates)
      )
        dek = true;
      else if (proseWords(x) > 0) break;
    }
    // "Tech News" over "Council approves the tram line": a short label right above a longer headline.
    const below = nextOpenText(slots, i);
    if (
      below !== null &&
      // Five words make a kicker only when shouted or title-cased; a sentence-cased one is a short headline.
      (wordsOf(text) <= 4 ||
        (wordsOf(text) === 5 && (isAllCapsShort(text) || titleCaseShare(text) >= 0.7))) &&
      !endsSentence(text) &&
      wordsOf(below.u.text) > wordsOf(text) + 1 &&
      wordsOf(below.u.text) <= 25 &&
      !endsSentence(below.u.text) &&
      overlap(below.u.text, text) < 0.5
    )
      tally.add(-2.5, "a kicker above a longer headline");
    if (meta > 0) tally.add(meta, meta === 3 ? "followed by a byline or date" : "followed by a name");
    if (dek) tally.add(1.5, "followed by a dek");
    const after = proseIn(i + 1, ahead(i, 30));
    const close = proseIn(i + 1, ahead(i, 9));
    if (close > 0) tally.add(1.5, "article text follows");
    if (after > 0) tally.add(Math.min(2, after / 200), "article text follows at length");
    const before = proseIn(0, i);
    if (before >= 20) tally.add(-Math.min(4, 0.5 + before / 100), "after article text");
    // A line that only starts a list or a run of headings is a teaser or a menu entry.
    const nextSlot = slots[i + 1];
    if (nextSlot && nextSlot.u.kind === "item" && close === 0) tally.add(-1, "heads a list");
    if (i === first) tally.add(1, "opens the capture");
    tally.add(-i / 2000, "position");
    out.push({ index: i, text, glued, score: tally.score, cues: tally.cues });
  }
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}
