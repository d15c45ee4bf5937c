// Chrome shapes that show over several blocks at once: repeated labels, lists judged whole, comment
// threads, teaser lists, headings above prose and columns of short links. Each adjusts the classes the
// context-free stage gave, before the neighbours smooth them.
import { initialClass, type Judged, LIMITS } from "./block-class";
import { features } from "./features";
import type { Slot } from "./slots";
import { isHeadingLike } from "./text";

/**
 * A short label printed three times or more (a teaser list's kicker, a repeated button) is chrome; so
 * is a summary cut off with an ellipsis, unless its neighbours say otherwise.
 */
export function repeats(js: Judged[], slots: readonly Slot[]): void {
  const count = new Map<string, number>();
  const keyOf = (j: Judged): string => (slots[j.slot] as Slot).u.text.toLowerCase();
  for (const j of js)
    if (!j.fixed && (j.f?.length ?? 0) < LIMITS.lengthLow)
      count.set(keyOf(j), (count.get(keyOf(j)) ?? 0) + 1);
  for (const j of js) {
    if (j.fixed) continue;
    if ((count.get(keyOf(j)) ?? 0) >= 3 && !(j.f?.sentenceEnd ?? false))
      Object.assign(j, { cls: "bad", fixed: true, mark: "repeated-label" });
    else if (/(?:\.\.\.|…)$/u.test((slots[j.slot] as Slot).u.text) && j.cls !== "bad") j.cls = "short";
  }
}

/** "Turnout: 64 %", "2026: first flight": an item of figures or of a label and its value. */
export const dataItem = (t: string): boolean =>
  /\d[\d.,]*\s?%?$/u.test(t) ||
  /^[^:]{1,40}:\s+\S/u.test(t) ||
  /^\d[\d.,/½¼¾]*\s?\p{L}{0,6}\s+\p{L}/u.test(t);

/**
 * A list is judged as one block: its items share the class of their joined text, so three long bullets
 * of an article's summary stand together and twenty one-word menu entries fall together.
 */
export function listRuns(
  js: Judged[],
  slots: readonly Slot[],
  stop: ReadonlySet<string> | null,
  high: number,
): void {
  let n = 0;
  while (n < js.length) {
    const isItem = (m: number): boolean => {
      const j = js[m];
      return j !== undefined && !j.fixed && (slots[j.slot] as Slot).u.kind === "item";
    };
    if (!isItem(n)) {
      n++;
      continue;
    }
    let m = n;
    while (isItem(m + 1) && (js[m + 1] as Judged).slot === (js[m] as Judged).slot + 1) m++;
    if (m > n) {
      const run = js.slice(n, m + 1);
      const text = run.map((j) => (slots[j.slot] as Slot).u.text).join(" ");
      let cls = initialClass(features(text, stop), high);
      // Items that state figures or "label: value" pairs are the article's data, thin in stopwords as
      // data is: their neighbours decide, as for a short line.
      if (cls === "bad" && run.every((j) => dataItem((slots[j.slot] as Slot).u.text))) cls = "short";
      for (const j of run) Object.assign(j, { cls, list: n });
    }
    n = m + 1;
  }
}

/**
 * Comments signed "name says:" (two or more signatures, after some article text): from the first one on,
 * prose is reader comments, however well written.
 */
export function commentThread(js: Judged[]): void {
  const marks = js.flatMap((j, n) => (j.mark === "comment-thread" ? [n] : []));
  if (marks.length < 2) return;
  const first = marks.find((n) => js.slice(0, n).some((j) => j.cls === "good"));
  if (first === undefined) return;
  for (const j of js.slice(first + 1))
    if (!j.fixed) Object.assign(j, { cls: "bad", fixed: true, mark: "comment-thread" });
}

/**
 * Teaser lists (headline, author, timestamp, summary, again and again): prose that follows a timestamp
 * printed below the article's start is a summary of another story, once the shape repeats.
 */
export function teasers(js: Judged[], slots: readonly Slot[]): void {
  const after: number[] = [];
  let seenGood = false;
  let stamp = false;
  js.forEach((j, n) => {
    const rule = (slots[j.slot] as Slot).rule;
    if (rule === "timestamp") stamp = seenGood;
    else if (!j.fixed && (j.cls === "good" || j.cls === "neargood")) {
      if (stamp && (j.f?.length ?? 0) >= LIMITS.lengthLow) after.push(n);
      seenGood ||= j.cls === "good";
      stamp = false;
    }
  });
  if (after.length < 2) return;
  for (const n of after) Object.assign(js[n] as Judged, { cls: "bad", fixed: true, mark: "teaser" });
}

/**
 * Kicker teasers: an ALL-CAPS kicker, a headline, then a one-paragraph summary, three times or more.
 * An article's own capitalised sub-heading is followed by its paragraphs directly, not by a headline.
 */
export function kickers(js: Judged[]): void {
  const kicker = (j: Judged | undefined): boolean =>
    j !== undefined &&
    !j.fixed &&
    (j.f?.allCaps ?? false) &&
    (j.f?.digits ?? 1) === 0 &&
    (j.f?.length ?? 0) < LIMITS.lengthLow &&
    !/^[[(]/u.test(j.text ?? "");
  const head = (j: Judged | undefined): boolean =>
    j !== undefined && !j.fixed && j.cls !== "good" && !(j.f?.sentenceEnd ?? false) && !kicker(j);
  const found: number[][] = [];
  js.forEach((j, n) => {
    if (j.fixed || (j.cls !== "good" && j.cls !== "neargood")) return;
    if (head(js[n - 1]) && kicker(js[n - 2])) found.push([n - 2, n - 1, n]);
    else if (head(js[n - 1]) && head(js[n - 2]) && kicker(js[n - 3])) found.push([n - 3, n - 2, n - 1, n]);
  });
  if (found.length < 3) return;
  for (const group of found)
    for (const n of group) Object.assign(js[n] as Judged, { cls: "bad", fixed: true, mark: "teaser" });
}

/** A short heading shortly followed by good prose introduces it (jusText's heading rule). */
export function promoteHeadings(js: Judged[], slots: readonly Slot[]): void {
  js.forEach((j, n) => {
    if (j.fixed || j.cls !== "short") return;
    const s = slots[j.slot] as Slot;
    if (s.u.kind !== "heading" && !isHeadingLike(s.u.text)) return;
    // One heading above prose, not the last entry of a column of short links.
    if (js[n - 1]?.cls === "short" && !js[n - 1]?.fixed) return;
    let reach = 0;
    for (let m = n + 1; m < js.length && reach <= LIMITS.headingReach; m++) {
      const x = js[m] as Judged;
      if (x.cls === "good") {
        j.cls = "neargood";
        return;
      }
      if (x.cls === "short" && !x.fixed) return;
      reach += x.f?.length ?? 0;
    }
  });
}

/** Many short lines in a row are a menu or a link column, wherever they stand (a list counts once). */
export function shortRuns(js: Judged[]): void {
  let n = 0;
  while (n < js.length) {
    if ((js[n] as Judged).cls !== "short") {
      n++;
      continue;
    }
    let m = n;
    while (js[m + 1]?.cls === "short") m++;
    const run = js.slice(n, m + 1);
    const units = new Set(run.map((j, k) => j.list ?? `b${k}`)).size;
    // Link labels are Title Case or a word or two; the lines of an article's own list read as phrases.
    const linkish = run.filter((j) => (j.f?.capitalised ?? 1) >= 0.5 || (j.f?.length ?? 0) < 25).length;
    // Rows of figures ("Party 9 5") are a table the capture flattened, not links.
    const rows = run.filter(
      (j) => /\p{L}.*\s\d[\d.,%]*$/u.test(j.text ?? "") || dataItem(j.text ?? ""),
    ).length;
    if (units > LIMITS.shortRun && linkish >= run.length * 0.6 && rows < run.length * 0.6)
      for (const j of run) j.cls = "bad";
    n = m + 1;
  }
}
