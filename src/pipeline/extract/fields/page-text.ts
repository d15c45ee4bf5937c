// A capture's slot texts as one string, so a name can be looked for on the whole page in one search.
import type { Slot } from "../slots";
import { collapse } from "../text";

/** Every slot's text joined by newlines, with where each begins: one text to search for a name. */
export interface PageText {
  text: string;
  starts: number[];
}

export function pageText(slots: readonly Slot[]): PageText {
  const starts: number[] = [];
  let at = 0;
  for (const s of slots) {
    starts.push(at);
    at += s.u.text.length + 1;
  }
  return { text: slots.map((s) => s.u.text).join("\n"), starts };
}

/** Index of the slot whose text holds offset `at` of the page text. */
export function slotAt(page: PageText, at: number): number {
  let lo = 0;
  let hi = page.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((page.starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
export const uncasedScript = (s: string): boolean => !/[\p{Lu}\p{Ll}]/u.test(s);

/**
 * The name printed in another slot, as a whole word (any substring in scripts without spaces). Searched
 * in the joined page text: the name holds no newline, so every match lies inside one slot, and a newline
 * is no letter or digit, as the start and end of a slot's own text are not.
 */
export function printedAgain(page: PageText, name: string, except: number): boolean {
  const n = collapse(name);
  if (n.length < 2) return false;
  const { text } = page;
  if (uncasedScript(n)) {
    const re = new RegExp(esc(n), "gu");
    for (let m = re.exec(text); m !== null; m = re.exec(text))
      if (slotAt(page, m.index) !== except) return true;
    return false;
  }
  // The name alone, with the whole-word test done by hand: a pattern with the Unicode classes inside
  // costs more to compile for each name than the search itself. Every start is tried, as the lookbehind
  // pattern (?<![\p{L}\p{N}])name(?![\p{L}\p{N}]) would.
  const re = new RegExp(esc(n), "giu");
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    if (!wordEdge(text, start, -1) || !wordEdge(text, start + m[0].length, 1)) {
      re.lastIndex = start + ((text.codePointAt(start) as number) > 0xffff ? 2 : 1);
      continue;
    }
    if (slotAt(page, start) !== except) return true;
  }
  return false;
}

// The class of the lookarounds above, with the same flags (case folding adds a few marks to it).
const WORD_CHAR = /^[\p{L}\p{N}]$/iu;

/** No letter or digit right before (`side` -1) or at (`side` 1) offset `at`, read by code point. */
function wordEdge(text: string, at: number, side: -1 | 1): boolean {
  if (side === 1) {
    if (at >= text.length) return true;
    const cp = text.codePointAt(at) as number;
    return !WORD_CHAR.test(String.fromCodePoint(cp));
  }
  if (at <= 0) return true;
  const lo = text.charCodeAt(at - 1);
  const hi = at >= 2 ? text.charCodeAt(at - 2) : 0;
  const ch =
    lo >= 0xdc00 && lo <= 0xdfff && hi >= 0xd800 && hi <= 0xdbff
      ? text.slice(at - 2, at)
      : text.slice(at - 1, at);
  return !WORD_CHAR.test(ch);
}
