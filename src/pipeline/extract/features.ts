// Context-free features of one block of text, the evidence a plain-text boilerplate detector has:
// length (in characters, so scripts without spaces count fairly), stopword density in the block's
// language, sentence punctuation, capitalisation and the shapes of counters and link lists.
import { words } from "./text";

export interface Features {
  /** Length in Latin-equivalent characters: a Han, kana or Hangul character carries several letters' worth. */
  length: number;
  words: number;
  /** Share of the words that are stopwords of the block's language; null when no list applies. */
  stopDensity: number | null;
  /** Ends with a full stop, question or exclamation mark (any script), a closing quote allowed after it. */
  sentenceEnd: boolean;
  /** Written in another script than the page's stopword list: its density says nothing. */
  foreign: boolean;
  /** Sentence marks followed by a space or the end. */
  sentences: number;
  /** Share of words (after the first) that start with a capital: headline and menu lists are title case. */
  capitalised: number;
  /** Letters are all capitals (a menu or a label), with at least a few of them. */
  allCaps: boolean;
  /** Made of numbers, times and separators only ("17 30", "1:41", "(185)"). */
  counter: boolean;
  /** Share of characters that are digits. */
  digits: number;
  /** A clock time alone ("22:41", "9.30"), as live blogs stamp their entries. */
  clock: boolean;
  /** Ends in a bracketed count, as link lists print comment or view numbers: "... (185)". */
  countTail: boolean;
}

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;

/** Character length with each ideograph or kana worth 3 Latin letters and each Hangul syllable 2. */
export function scriptLength(t: string): number {
  let n = 0;
  for (const ch of t) n += WIDE.test(ch) ? 3 : HANGUL.test(ch) ? 2 : 1;
  return n;
}

// What features() asks of each character, as bits. ASCII is decided by its code; other characters by
// the Unicode property regexes, once per code point (the cache is bounded, and only saves work).
const LETTER = 1;
const UPPER = 2;
const NUMBER = 4;
const WIDE_CHAR = 8;
const HANGUL_CHAR = 16;
const UNSPACED = 32;
const UNSPACED_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const CHAR_BITS = new Map<number, number>();

function charBits(cp: number, ch: string): number {
  if (cp < 128) {
    if (cp >= 65 && cp <= 90) return LETTER | UPPER;
    if (cp >= 97 && cp <= 122) return LETTER;
    return cp >= 48 && cp <= 57 ? NUMBER : 0;
  }
  let b = CHAR_BITS.get(cp);
  if (b === undefined) {
    b =
      (/\p{L}/u.test(ch) ? LETTER : 0) |
      (/\p{Lu}/u.test(ch) ? UPPER : 0) |
      (/\p{N}/u.test(ch) ? NUMBER : 0) |
      (WIDE.test(ch) ? WIDE_CHAR : HANGUL.test(ch) ? HANGUL_CHAR : 0) |
      (UNSPACED_CHAR.test(ch) ? UNSPACED : 0);
    if (CHAR_BITS.size >= 65536) CHAR_BITS.clear();
    CHAR_BITS.set(cp, b);
  }
  return b;
}

interface CharCounts {
  letters: number;
  upper: number;
  digits: number;
  length: number;
  unspaced: boolean;
}

/** One pass over the code points for the counts features() needs (the same as the regexes' counts). */
function charCounts(t: string): CharCounts {
  let letters = 0;
  let upper = 0;
  let digits = 0;
  let length = 0;
  let unspaced = false;
  for (let i = 0; i < t.length; ) {
    const cp = t.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const b = charBits(cp, cp < 128 ? "" : t.slice(i, i + width));
    if (b & LETTER) letters++;
    if (b & UPPER) upper++;
    if (b & NUMBER) digits++;
    length += b & WIDE_CHAR ? 3 : b & HANGUL_CHAR ? 2 : 1;
    if (b & UNSPACED) unspaced = true;
    i += width;
  }
  return { letters, upper, digits, length, unspaced };
}

/** Text written without spaces between words, where word-based features say nothing. */
export const unspaced = (t: string): boolean =>
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(t);

const SCRIPTS = [
  /\p{Script=Latin}/u,
  /\p{Script=Cyrillic}/u,
  /\p{Script=Arabic}/u,
  /\p{Script=Greek}/u,
  /\p{Script=Hebrew}/u,
  /\p{Script=Hangul}/u,
  /\p{Script=Devanagari}/u,
];
const scriptOf = (w: string): number => SCRIPTS.findIndex((re) => re.test(w));

/** scriptOf, where a word with an ASCII letter is Latin and a word of other ASCII has no script. */
function scriptOfWord(w: string): number {
  let ascii = true;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 0;
    if (c >= 128) ascii = false;
  }
  return ascii ? -1 : scriptOf(w);
}
const LIST_SCRIPT = new WeakMap<ReadonlySet<string>, number>();

/**
 * The block is mostly written in the stopword list's script: an Arabic verse quoted in an Indonesian
 * page, or a Latin-script menu on a Russian one, says nothing through that list.
 */
function sameScript(ws: readonly string[], stop: ReadonlySet<string>): boolean {
  let own = LIST_SCRIPT.get(stop);
  if (own === undefined) {
    const counts = new Map<number, number>();
    let k = 0;
    for (const w of stop) {
      const s = scriptOf(w);
      counts.set(s, (counts.get(s) ?? 0) + 1);
      if (++k > 200) break;
    }
    own = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? -1;
    LIST_SCRIPT.set(stop, own);
  }
  let same = 0;
  for (const w of ws) if (scriptOfWord(w) === own) same++;
  return same * 2 >= ws.length;
}

const SENTENCE_END = /[.!?…。！？؟।][\s"'”’»)\]」』]*$/u;
const SENTENCE_MARK = /[.!?…][\s"'”’»)\]]*(?:\s|$)|[。！？؟।]/gu;

export function features(t: string, stop: ReadonlySet<string> | null): Features {
  const ws = words(t);
  let stops = 0;
  let caps = 0;
  if (stop)
    for (const w of ws) {
      const lw = stripTrailingMarks(w.toLowerCase());
      // Words hold no line terminators, so /['’].*$/ cuts at the first apostrophe.
      if (stop.has(lw)) stops++;
      else {
        const a = firstApostrophe(lw);
        if (a >= 0 && stop.has(lw.slice(0, a))) stops++;
      }
    }
  for (let i = 1; i < ws.length; i++) if (startsUpper(ws[i] ?? "")) caps++;
  const c = charCounts(t);
  const foreign = stop !== null && ws.length > 0 && !c.unspaced && !sameScript(ws, stop);
  const trimmed = t.trim();
  return {
    length: c.length,
    words: ws.length,
    stopDensity: stop && ws.length > 0 && !c.unspaced && !foreign ? stops / ws.length : null,
    foreign,
    sentenceEnd: SENTENCE_END.test(trimmed),
    sentences: countMatches(SENTENCE_MARK, t),
    capitalised: ws.length > 1 ? caps / (ws.length - 1) : 0,
    allCaps: c.letters >= 3 && c.upper === c.letters,
    counter: c.digits > 0 && /^[\p{N}\s:.,/|()+\-–—%#×x]+$/u.test(t),
    digits: t.length > 0 ? c.digits / t.length : 0,
    clock: /^\d{1,2}[:.h]\d{2}(?:\s?(?:[ap]\.?m\.?|[A-Z]{2,5}|uhr|h))?$/iu.test(trimmed),
    countTail: /\(\d[\d.,]*\)$/u.test(trimmed),
  };
}

/** `w.replace(/[.'’]+$/u, "")`. */
function stripTrailingMarks(w: string): string {
  let end = w.length;
  while (end > 0) {
    const c = w.charCodeAt(end - 1);
    if (c !== 46 && c !== 39 && c !== 0x2019) break;
    end--;
  }
  return end === w.length ? w : w.slice(0, end);
}

function firstApostrophe(w: string): number {
  const a = w.indexOf("'");
  const b = w.indexOf("’");
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

/** `/^\p{Lu}/u.test(w)`. */
function startsUpper(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(w);
}

function countMatches(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.test(s)) n++;
  re.lastIndex = 0;
  return n;
}
