// Small string predicates every rule shares.

// A string whose every whitespace run is one plain space is its own collapse (less its ends): most lines
// are, and the scan below allocates nothing. `\s` is the same set with or without the `u` flag.
const NOT_COLLAPSED = /[^\S ]| \s/;
export const collapse = (s: string): string =>
  NOT_COLLAPSED.test(s) ? s.replace(/\s+/gu, " ").trim() : s.trim();

/** `/\s/.test(String.fromCharCode(c))`: WhiteSpace and LineTerminator, all in the BMP. */
export const isSpace = (c: number): boolean =>
  c < 128 ? c === 32 || (c >= 9 && c <= 13) : c < 0x1680 ? c === 0xa0 : SPACE.test(String.fromCharCode(c));
const SPACE = /^\s$/u;

/**
 * `s` has more than `n` characters outside whitespace, so its collapse (and any trim of it) is longer
 * than `n`: told without building the collapse of a long paragraph.
 */
export function longerCollapsed(s: string, n: number): boolean {
  if (s.length <= n) return false;
  let k = 0;
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i)) && ++k > n) return true;
  return false;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.&-]*/gu;

export const words = (s: string): string[] => s.match(WORD) ?? [];

/**
 * Memo for the pure string functions below. The cleaning rules ask the same questions about the same
 * line many times (every rule checks a word count, every headline candidate compares keys), and the
 * Unicode regexes behind them dominated the build. Bounded: cleared when full, so memory stays flat
 * however large the corpus; results never depend on what is cached.
 */
export function memo<T>(f: (s: string) => T, size = 8192): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string): T => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= size) cache.clear();
      v = f(s);
      cache.set(s, v);
    }
    return v;
  };
}

export const wordCount: (s: string) => number = memo((s) => wordStarts(s).length);

const asciiAlnum = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const WORD_START = /^[\p{L}\p{N}]$/u;
const WORD_PART = /^[\p{L}\p{N}\p{M}'’.&-]$/u;

/** `wordCount(s) <= n`, reading no further than the word after the n-th. */
export const fewWords = (s: string, n: number): boolean => wordStarts(s, n).length <= n;

/**
 * Where each match of `words` begins (the first `limit` + 1 of them at most), without building the words: the same scan as WORD (a start
 * character, then the longest run of part characters), one code point at a time. A prefix
 * `s.slice(0, at)` has exactly the words that begin before `at` (a word cut by the end still counts).
 */
export function wordStarts(s: string, limit = Number.POSITIVE_INFINITY): number[] {
  const out: number[] = [];
  let inWord = false;
  for (let i = 0; i < s.length && out.length <= limit; ) {
    const c = s.charCodeAt(i);
    let part: boolean;
    let start: boolean;
    let width = 1;
    if (c < 128) {
      start = asciiAlnum(c);
      part = start || c === 39 || c === 46 || c === 38 || c === 45;
    } else {
      const cp = s.codePointAt(i) as number;
      width = cp > 0xffff ? 2 : 1;
      const ch = s.slice(i, i + width);
      part = WORD_PART.test(ch);
      start = part && WORD_START.test(ch);
    }
    if (inWord && !part) inWord = false;
    if (!inWord && start) {
      out.push(i);
      inWord = true;
    }
    i += width;
  }
  return out;
}

/** Ends like a sentence (so it is prose, not a heading). Closing quotes/brackets after the mark count. */
export const endsSentence = (s: string): boolean => /[.!?…:;,]["'”’»)\]]*$/u.test(s.trim());

export const isQuestion = (s: string): boolean => /\?["'”’»)\]]*$/u.test(s.trim());

/** Comparison key: case, punctuation, quotes and spacing do not matter. */
export const key: (s: string) => string = memo((s) => {
  // Fast path, same result: ASCII punctuation and spaces and the common typographic marks below have no
  // decomposition and are neither letters, digits nor marks, so the last step would drop them anyway;
  // dropped first (after lowercasing, which can depend on them), most lines are then plain ASCII
  // letters and digits, for which NFKD and mark removal change nothing.
  const lower = s.toLowerCase().replace(KEY_DROP, "");
  if (ALNUM_ASCII.test(lower)) return lower;
  return lower
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
});
/**
 * How many ASCII letters and digits `s` holds: a lower bound of `key(s).length`, since lowercasing maps
 * each to one and nothing after drops them. A text with more of them than a key is long cannot have
 * that key, which is told without keying a long paragraph.
 */
export function asciiAlnumCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (asciiAlnum(s.charCodeAt(i))) n++;
  return n;
}
const KEY_DROP = /[\s!-/:-@[-`{-~’‘“”—–«»·•]+/g;
const ALNUM_ASCII = /^[a-z0-9]*$/;

export const escapeHtml = (s: string): string =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

const STOP = new Set(
  "a an the of to in on for and or but with from by at as is are was were be been his her its their our your my this that these those it he she they we you i not no into over after before about than then so if".split(
    " ",
  ),
);

/** Content words (lowercase, possessives stripped) for overlap measures. */
export function contentWords(s: string): Set<string> {
  const out = new Set<string>();
  for (const w of words(s)) {
    const k = w
      .toLowerCase()
      .replace(/['’]s$/u, "")
      .replace(/[.'’-]+$/u, "");
    if (k && !STOP.has(k)) out.add(k);
  }
  return out;
}

/** Share of `a`'s content words that also occur in `b`. */
export function overlap(a: string, b: string): number {
  const wa = contentWords(a);
  const wb = contentWords(b);
  if (wa.size === 0) return 0;
  let n = 0;
  for (const w of wa) if (wb.has(w)) n++;
  return n / wa.size;
}

/** A short standalone line that reads like a heading: starts with a capital/digit/quote, no final punctuation. */
export function isHeadingLike(s: string, maxWords = 16): boolean {
  const t = s.trim();
  const n = wordCount(t);
  if (n === 0 || n > maxWords || t.length > 160) return false;
  if (endsSentence(t)) return false;
  return /^["'“‘«(]?[\p{Lu}\p{N}]/u.test(t);
}

/** Like isHeadingLike but allows the ? and ! headlines use, and a little more length. */
export function isHeadlineLike(s: string): boolean {
  const t = s.trim();
  const n = wordCount(t);
  if (n < 2 || n > 30 || t.length > 220) return false;
  if (/[.:;,]["'”’»)\]]*$/u.test(t) && !/\.\.\.$|…$/u.test(t)) return false;
  return /^["'“‘«(]?[\p{Lu}\p{N}]/u.test(t);
}

/** Letters written in CamelCase inside one word ("TechPulse", "DataWire"), typical of brand names. */
export const hasInnerCapital = (s: string): boolean => /\p{Ll}\p{Lu}/u.test(s);
