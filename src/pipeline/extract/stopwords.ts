// Stopwords per language, from the maintained stopwords-iso collection (58 languages). Prose is dense in
// function words and page chrome is not: that density, in the block's own language, is the main evidence
// a boilerplate detector has when it sees no markup.
import ISO from "stopwords-iso/stopwords-iso.json" with { type: "json" };

const LISTS = ISO as unknown as Record<string, readonly string[]>;

const SETS = new Map<string, ReadonlySet<string>>();

/** The stopword set of a language (primary BCP 47 subtag), or null when none is known. */
export function stopwordsFor(language: string): ReadonlySet<string> | null {
  const lang = language.toLowerCase().split(/[-_]/u)[0] ?? "";
  const list = LISTS[lang];
  if (!list) return null;
  let set = SETS.get(lang);
  if (!set) {
    set = new Set(list.map((w) => w.toLowerCase()).filter((w) => /\p{L}/u.test(w)));
    SETS.set(lang, set);
  }
  return set;
}

/** Every language that has a list, in the package's order. */
export const stopwordLanguages: readonly string[] = Object.keys(LISTS);

// Word -> the languages listing it: one lookup per token when choosing the list that explains a text.
let LANGS_OF: Map<string, string[]> | null = null;
function langsOf(): Map<string, string[]> {
  if (LANGS_OF) return LANGS_OF;
  LANGS_OF = new Map();
  for (const lang of stopwordLanguages) {
    for (const w of stopwordsFor(lang) ?? []) {
      const l = LANGS_OF.get(w);
      if (l) l.push(lang);
      else LANGS_OF.set(w, [lang]);
    }
  }
  return LANGS_OF;
}

/**
 * The stopword list that best explains `tokens` (lowercase words), with the share of tokens it covers.
 * Used only when the detected language's own list covers little of the text, e.g. for a language the
 * detector does not know: the classifier needs a list that fits, not a language label.
 */
export function bestStopwordLanguage(tokens: readonly string[]): { language: string; share: number } | null {
  if (tokens.length === 0) return null;
  const index = langsOf();
  const hits = new Map<string, number>();
  for (const t of tokens) for (const l of index.get(t) ?? []) hits.set(l, (hits.get(l) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [l, h] of hits) if (h > n) [best, n] = [l, h];
  return best === null ? null : { language: best, share: n / tokens.length };
}

/**
 * The stopword set to judge a capture's blocks by: the detected language's list, unless it covers
 * little of the text (a language the detector does not know) and another list covers clearly more.
 */
export function stopwordsForText(language: string, tokens: readonly string[]): ReadonlySet<string> | null {
  const own = stopwordsFor(language);
  let ownShare = 0;
  if (own && tokens.length > 0) ownShare = tokens.filter((t) => own.has(t)).length / tokens.length;
  if (own && ownShare >= 0.15) return own;
  const best = bestStopwordLanguage(tokens);
  if (best && best.share >= 0.15 && best.share > ownShare * 1.5) return stopwordsFor(best.language);
  return own && ownShare >= 0.08 ? own : null;
}
