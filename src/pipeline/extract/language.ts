// Language detection by eld (Efficient Language Detector, n-gram statistics for 60 languages). Chosen over
// franc and tinyld because it was right most often on both headline-sized and article-sized texts in en,
// fr, de, es, it, pt, nl, ru, ja and ko (see corpus/README.md "Language"); the medium database is as
// accurate as the large one on those texts and loads in a third of the time.
import { eld } from "eld/medium";

// Enough letters for n-gram statistics to mean something; below this the text is too short to tell.
const MIN_LETTERS = 12;
// Detection over the longest paragraphs of a long text: prose says the language, while a row of short
// lines (a language picker, a menu left by the cleaning) can say any; and the work stays bounded.
const MAX_CHARS = 6000;

function prose(text: string): string {
  if (text.length <= MAX_CHARS) return text;
  const paragraphs = text.split(/\n+/u).filter((p) => p.trim() !== "");
  const longest = paragraphs.map((p, i) => ({ p, i })).sort((a, b) => b.p.length - a.p.length || a.i - b.i);
  let n = 0;
  const keep: string[] = [];
  for (const { p } of longest) {
    if (n >= MAX_CHARS) break;
    keep.push(p);
    n += p.length;
  }
  return keep.join("\n").slice(0, MAX_CHARS * 2);
}

/** Primary BCP 47 tag (ISO 639-1 where one exists) of the text; `fallback` when too short to tell. */
export function detectLanguage(text: string, fallback = "en"): string {
  const sample = prose(text);
  // Ideographs carry a word each: a few of them already tell Japanese from Chinese.
  if (!atLeast(LETTER, sample, MIN_LETTERS) && !atLeast(IDEOGRAPH, sample, 4)) return fallback;
  const lang = eldLanguage(sample);
  return /^[a-z]{2,3}$/u.test(lang) ? lang : fallback;
}

const LETTER = /\p{L}/gu;
const IDEOGRAPH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** `re` matches `s` at least `n` times: counted up to `n` only, where a long text reaches it at once. */
function atLeast(re: RegExp, s: string, n: number): boolean {
  re.lastIndex = 0;
  let k = 0;
  while (k < n && re.test(s)) k++;
  re.lastIndex = 0;
  return k >= n;
}

// A capture's language is asked of several texts (the raw body, the open lines, the cleaned article)
// whose samples are often the same longest paragraphs: eld's answer depends on the sample alone.
const DETECTED = new Map<string, string>();
function eldLanguage(sample: string): string {
  let lang = DETECTED.get(sample);
  if (lang === undefined) {
    if (DETECTED.size >= 64) DETECTED.clear();
    lang = eld.detect(sample).language;
    DETECTED.set(sample, lang);
  }
  return lang;
}
