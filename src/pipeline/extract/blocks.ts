// Block rules: which runs of units are page chrome (separators, related-link lists, SEO question runs,
// author boxes, footers), decided over the whole capture rather than around the headline.
import { isAuthorBoxHeading, isFaqHeading, isRelatedHeading, isSeoHeading } from "./rules";
import { next, prevOpen, type Slot, textual } from "./slots";
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
