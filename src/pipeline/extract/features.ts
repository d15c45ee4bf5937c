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
  const same = ws.filter((w) => scriptOf(w) === own).length;
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
      const lw = w.toLowerCase().replace(/[.'’]+$/u, "");
      if (stop.has(lw) || stop.has(lw.replace(/['’].*$/u, ""))) stops++;
    }
  for (let i = 1; i < ws.length; i++) if (/^\p{Lu}/u.test(ws[i] ?? "")) caps++;
  const letters = t.match(/\p{L}/gu) ?? [];
  const upper = t.match(/\p{Lu}/gu) ?? [];
  const digits = (t.match(/\p{N}/gu) ?? []).length;
  const foreign = stop !== null && ws.length > 0 && !unspaced(t) && !sameScript(ws, stop);
  return {
    length: scriptLength(t),
    words: ws.length,
    stopDensity: stop && ws.length > 0 && !unspaced(t) && !foreign ? stops / ws.length : null,
    foreign,
    sentenceEnd: SENTENCE_END.test(t.trim()),
    sentences: (t.match(SENTENCE_MARK) ?? []).length,
    capitalised: ws.length > 1 ? caps / (ws.length - 1) : 0,
    allCaps: letters.length >= 3 && upper.length === letters.length,
    counter: /^[\p{N}\s:.,/|()+\-–—%#×x]+$/u.test(t) && digits > 0,
    digits: t.length > 0 ? digits / t.length : 0,
    clock: /^\d{1,2}[:.h]\d{2}(?:\s?(?:[ap]\.?m\.?|[A-Z]{2,5}|uhr|h))?$/iu.test(t.trim()),
    countTail: /\(\d[\d.,]*\)$/u.test(t.trim()),
  };
}
