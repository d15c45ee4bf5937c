// Block rules: which runs of units are page chrome (separators, related-link lists, SEO question runs,
// author boxes, footers), decided over the whole capture rather than around the headline.
import { isCreditLine } from "./captions";
import { isAuthorBoxHeading, isFaqHeading, isRelatedHeading, isSeoHeading } from "./rules";
import { isOpen, next, prevOpen, type Slot, textual } from "./slots";
import { DISCLAIMER } from "./tail-vocab";
import { isHeadingLike, isQuestion, wordCount } from "./text";

export function structuralChrome(slots: Slot[]): void {
  for (const s of slots) {
    const k = s.u.kind;
    if (k === "rule") s.rule = "separator";
    else if (k === "def") s.rule = "link-definition";
    else if (k === "html") s.rule = "html-comment";
    else if (s.u.image) s.rule = "image-placeholder";
    else if (textual(s) && s.u.text === "") s.rule = "empty";
  }
}

/** "Related Reading" / "À lire aussi" and the list after it (bulleted, one per line, or flattened). */
export function relatedLists(slots: Slot[]): void {
  for (let i = 0; i < slots.length; i++) {
    const h = slots[i] as Slot;
    if (h.u.kind === "item" || h.u.kind === "table" || h.u.kind === "code") continue;
    if (!(h.rule === null || h.rule === "menu") || !isRelatedHeading(h.u.text)) continue;
    h.rule = "related-links";
    let mode: "items" | "lines" | null = null;
    let tight = true;
    let taken = 0;
    for (let j = i + 1; j < slots.length && taken < 25; j++) {
      const s = slots[j] as Slot;
      if (s.rule !== null) continue;
      const t = s.u.text;
      if (s.u.kind === "item") {
        if (mode === "lines") break;
        mode = "items";
      } else if (s.u.kind === "line" || s.u.kind === "heading") {
        if (mode === "items") break;
        if (wordCount(t) > 25 || /:$/u.test(t) || isQuestion(t)) break;
        if (isFaqHeading(t) || isSeoHeading(t) || isAuthorBoxHeading(t) || isRelatedHeading(t)) break;
        if (mode === "lines" && tight && s.u.blankBefore) break;
        if (mode === null) tight = !s.u.blankBefore;
        mode = "lines";
      } else break;
      s.rule = "related-links";
      taken++;
    }
  }
}

/**
 * A run of bare questions with no answers is an SEO widget ("People also ask", "Insights"); questions that
 * are each followed by an answer are the article's own FAQ and stay.
 */
export function questionRuns(slots: Slot[]): void {
  const isQ = (s: Slot): boolean =>
    s.rule === null &&
    (s.u.kind === "line" || s.u.kind === "heading") &&
    isQuestion(s.u.text) &&
    wordCount(s.u.text) <= 35;
  for (let i = 0; i < slots.length; i++) {
    if (!isQ(slots[i] as Slot)) continue;
    const run: number[] = [i];
    let j = next(slots, i);
    while (j >= 0 && isQ(slots[j] as Slot)) {
      run.push(j);
      j = next(slots, j);
    }
    const after = j;
    const prevIdx = prevOpen(slots, i);
    const prev = prevIdx >= 0 ? (slots[prevIdx] as Slot) : null;
    const headed = prev !== null && isSeoHeading(prev.u.text);
    const restIsChrome =
      after < 0 || slots.slice(after).every((s) => s.rule !== null || wordCount(s.u.text) <= 6);
    const seo = (run.length >= 2 && headed) || (run.length >= 4 && restIsChrome) || run.length >= 5;
    if (seo) {
      for (const k of run) (slots[k] as Slot).rule = "seo-questions";
      if (prev && (headed || (isHeadingLike(prev.u.text, 6) && !isFaqHeading(prev.u.text))))
        prev.rule = "seo-questions";
    }
    i = run.at(-1) ?? i;
  }
}

/** "About the author" and the short bio under it. */
export function authorBoxes(slots: Slot[]): void {
  for (let i = 0; i < slots.length; i++) {
    const h = slots[i] as Slot;
    if (h.rule !== null || h.u.kind === "item" || !isAuthorBoxHeading(h.u.text)) continue;
    h.rule = "author-box";
    let taken = 0;
    for (let j = next(slots, i); j >= 0 && taken < 3; j = next(slots, j)) {
      const s = slots[j] as Slot;
      if (s.u.kind !== "line" || wordCount(s.u.text) > 90 || (isHeadingLike(s.u.text) && taken > 0)) break;
      s.rule = "author-box";
      taken++;
    }
  }
}

/** Short lines after the article's last real content, once chrome has started, are footer furniture. */
export function footer(slots: Slot[]): void {
  let last = -1;
  slots.forEach((s, i) => {
    if (s.rule !== null) return;
    const k = s.u.kind;
    if (k === "table" || k === "code" || k === "quote" || wordCount(s.u.text) >= 10) last = i;
  });
  let chrome = false;
  for (let i = last + 1; i < slots.length; i++) {
    const s = slots[i] as Slot;
    if (s.rule !== null) chrome = true;
    else if (chrome && last >= 0) s.rule = "footer";
  }
}

/** Questions of the article's own FAQ (each followed by an answer) become sub-headings. */
export function markFaq(slots: Slot[]): void {
  let inFaq = false;
  slots.forEach((s, i) => {
    if (s.rule !== null) return;
    const t = s.u.text;
    if (s.u.kind !== "item" && isFaqHeading(t) && !isQuestion(t)) {
      inFaq = true;
      return;
    }
    if (!(s.u.kind === "line" || s.u.kind === "heading") || !isQuestion(t) || wordCount(t) > 35) return;
    const n = next(slots, i);
    const answer = n >= 0 ? (slots[n] as Slot) : null;
    const answered = answer !== null && answer.u.kind !== "heading" && !isQuestion(answer.u.text);
    if (answered && (inFaq || /^(?:q|question|frage|pregunta)\s*[:.]/iu.test(t))) s.faq = true;
  });
}

/**
 * A caption whose credit the page prints on the next line ("The bridge at dusk." then "(Image: © Agency)"
 * or "Credit..." and a name): the short line right above a credit, with no blank line between, is its
 * caption. An article paragraph is longer, or stands apart.
 */
export function captionsAboveCredits(slots: Slot[]): void {
  for (let i = 1; i < slots.length; i++) {
    const c = slots[i] as Slot;
    if (c.u.blankBefore || !isCreditLine(c.u.text)) continue;
    if (c.rule !== null && c.rule !== "caption") continue;
    const p = slots[i - 1] as Slot;
    if (p.rule !== null || p.u.kind !== "line" || wordCount(p.u.text) > 30) continue;
    if ((p.u.text.match(/[.!?](?:\s|$)/gu) ?? []).length > 2) continue;
    p.rule = "caption";
    c.rule = "caption";
  }
}

/**
 * A block printed twice word for word is a caption shown with its thumbnail and its slide, a pull quote
 * or a teaser of the article itself: later copies go, and copies that follow each other all go.
 */
export function repeatedBlocks(slots: Slot[]): void {
  const seen = new Map<string, number>();
  slots.forEach((s, i) => {
    if (!textual(s) || s.u.kind === "heading" || wordCount(s.u.text) < 8) return;
    const key = s.u.text.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    if (s.rule === null) s.rule = "repeated-block";
    const prev = prevTextual(slots, i);
    if (
      prev >= 0 &&
      (slots[prev] as Slot).u.text.toLowerCase() === key &&
      (slots[prev] as Slot).rule === null
    )
      (slots[prev] as Slot).rule = "repeated-block";
  });
}

function prevTextual(slots: Slot[], i: number): number {
  for (let j = i - 1; j >= 0; j--) {
    const s = slots[j] as Slot;
    if (textual(s) && s.u.text !== "") return j;
  }
  return -1;
}

/**
 * The site's fine print (affiliate links, opinions not the paper's), wherever it stands: above the
 * headline it must not be taken for a dek. Text captures only: an HTML page's article was chosen from
 * its markup, and what the markup puts inside it stays.
 */
export function finePrint(slots: Slot[]): void {
  for (const s of slots)
    if (isOpen(s) && textual(s) && wordCount(s.u.text) <= 40 && DISCLAIMER.test(s.u.text))
      s.rule = "disclaimer";
}
