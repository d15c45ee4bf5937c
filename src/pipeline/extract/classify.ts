// Chrome versus article for every block, the way jusText and boilerpipe decide it on plain text: each
// block first gets a class from its own features (good prose, near-good, short, bad), short and
// near-good blocks then take the class their neighbours suggest (a short line between two article
// paragraphs stays article), and finally the main article region is the run of blocks with the most
// article evidence, around the headline when one is known. What lies outside it, and bad blocks inside
// it, are removed. The named rules of rules.ts and blocks.ts come in as strong evidence of chrome.
import { type Features, features } from "./features";
import type { Slot } from "./slots";
import { isHeadingLike } from "./text";
import { vocabularyKind } from "./vocab";

export type BlockClass = "good" | "neargood" | "short" | "bad";

/** Thresholds, in Latin-equivalent characters and stopword shares (stopwords-iso lists are long). */
export const LIMITS = {
  lengthLow: 70,
  lengthHigh: 200,
  /** A complete sentence this long, dense in stopwords, is prose even alone on its line. */
  sentenceLength: 100,
  stopLow: 0.3,
  stopHigh: 0.42,
  headingReach: 200,
  /** More short blocks than this in a row are a list of links, not lines of an article. */
  shortRun: 4,
};

/** Rules that neither help nor break the article's flow: header fields, captions, separators. */
const TRANSPARENT = new Set([
  "empty",
  "separator",
  "image-placeholder",
  "caption",
  "ad-label",
  "dek",
  "byline",
  "dateline",
  "reading-time",
  "repeated-title",
  "link-definition",
  "html-comment",
  "logo-glyph",
]);

/** Named rules for headings after which a page's chrome starts: strong evidence the article has ended. */
const SECTION_END_RULES = new Set(["comments", "author-box", "newsletter", "copyright", "tags-list"]);

/** Rules whose guess the structure may overturn: they were decided by position alone. */
const WEAK = new Set(["pre-title"]);

export interface Judged {
  slot: number;
  cls: BlockClass;
  f: Features | null;
  /** The block's text, for the shape tests that need it. */
  text?: string;
  /** A named rule decided it: the class is fixed. */
  fixed: boolean;
  /** The rule to record when the block is removed. */
  mark?: string;
  /** The list (run of items) the block belongs to, judged as one. */
  list?: number;
  /** The block ends the article's run unless much article text follows it. */
  barrier?: boolean;
}

/** Context-free class of one open block; `high` is the page's stopword share for prose. */
export function initialClass(f: Features, high = LIMITS.stopHigh): BlockClass {
  if (f.counter || f.countTail) return "bad";
  // A complete sentence of several words is prose-shaped even when short or crowded with names.
  const sentence = f.sentenceEnd && f.words >= 5;
  if (f.length < LIMITS.lengthLow) return sentence ? "neargood" : "short";
  // Title Case without a full stop is a headline: a sub-heading between paragraphs, or a teaser.
  if (!f.sentenceEnd && f.capitalised >= 0.5 && f.words >= 3 && f.length < LIMITS.lengthHigh) return "short";
  const long = f.length >= LIMITS.lengthHigh || (f.sentenceEnd && f.length >= LIMITS.sentenceLength);
  if (f.stopDensity !== null) {
    if (f.stopDensity >= high && long) return "good";
    if (f.stopDensity >= high * (LIMITS.stopLow / LIMITS.stopHigh) || sentence) return "neargood";
    return "bad";
  }
  if (f.sentenceEnd && f.length >= LIMITS.lengthHigh) return "good";
  return f.sentences > 0 ? "neargood" : "bad";
}

/**
 * The stopword share that marks prose on this page: the fixed threshold, lowered when the page's own
 * long blocks run thinner in stopwords (a shorter list, a language that writes fewer function words).
 */
function proseDensity(fs: readonly Features[]): number {
  const ds = fs
    .filter((f) => f.stopDensity !== null && f.length >= LIMITS.lengthHigh && f.sentences > 0)
    .map((f) => f.stopDensity as number)
    .sort((a, b) => a - b);
  if (ds.length < 3) return LIMITS.stopHigh;
  const median = ds[Math.floor(ds.length / 2)] as number;
  return Math.min(LIMITS.stopHigh, Math.max(0.15, median * 0.8));
}

function judge(slots: readonly Slot[], stop: ReadonlySet<string> | null): Judged[] {
  const out: Judged[] = [];
  const fs = new Map<number, Features>();
  slots.forEach((s, i) => {
    if (s.rule === null || WEAK.has(s.rule)) fs.set(i, features(s.u.text, stop));
  });
  const high = proseDensity([...fs.values()]);
  slots.forEach((s, i) => {
    const rule = s.rule;
    // The headline is article context for its neighbours (it adds nothing to the region's text).
    if (rule === "title") {
      out.push({ slot: i, cls: "good", f: null, fixed: true, mark: "title" });
      return;
    }
    if (rule !== null && !WEAK.has(rule)) {
      if (!TRANSPARENT.has(rule))
        out.push({ slot: i, cls: "bad", f: null, fixed: true, barrier: SECTION_END_RULES.has(rule) });
      return;
    }
    const k = s.u.kind;
    if (k === "table" || k === "code") {
      out.push({ slot: i, cls: "good", f: null, fixed: true });
      return;
    }
    if (k !== "line" && k !== "item" && k !== "heading" && k !== "quote") return;
    const f = fs.get(i) ?? features(s.u.text, stop);
    const vocab = vocabularyKind(s.u.text);
    if (vocab === null) out.push({ slot: i, cls: initialClass(f, high), f, fixed: false, text: s.u.text });
    else
      out.push({
        slot: i,
        cls: "bad",
        f,
        fixed: true,
        mark:
          vocab === "line" ? "chrome-phrase" : vocab === "comment-mark" ? "comment-thread" : "section-end",
        barrier: vocab !== "line",
      });
  });
  return out;
}

/**
 * A short label printed three times or more (a teaser list's kicker, a repeated button) is chrome; so
 * is a summary cut off with an ellipsis, unless its neighbours say otherwise.
 */
function repeats(js: Judged[], slots: readonly Slot[]): void {
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

/**
 * A list is judged as one block: its items share the class of their joined text, so three long bullets
 * of an article's summary stand together and twenty one-word menu entries fall together.
 */
function listRuns(
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
      const cls = initialClass(features(text, stop), high);
      for (const j of run) Object.assign(j, { cls, list: n });
    }
    n = m + 1;
  }
}

/**
 * Comments signed "name says:" (two or more signatures, after some article text): from the first one on,
 * prose is reader comments, however well written.
 */
function commentThread(js: Judged[]): void {
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
function teasers(js: Judged[], slots: readonly Slot[]): void {
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
function kickers(js: Judged[]): void {
  const kicker = (j: Judged | undefined): boolean =>
    j !== undefined &&
    !j.fixed &&
    (j.f?.allCaps ?? false) &&
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
function promoteHeadings(js: Judged[], slots: readonly Slot[]): void {
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
function shortRuns(js: Judged[]): void {
  let n = 0;
  while (n < js.length) {
    if ((js[n] as Judged).cls !== "short") {
      n++;
      continue;
    }
    let m = n;
    while (js[m + 1]?.cls === "short") m++;
    const units = new Set(js.slice(n, m + 1).map((j, k) => j.list ?? `b${k}`)).size;
    if (units > LIMITS.shortRun) for (let k = n; k <= m; k++) (js[k] as Judged).cls = "bad";
    n = m + 1;
  }
}

/** The nearest class in one direction, or null at the capture's edge. */
function neighbour(js: readonly Judged[], n: number, step: 1 | -1, skipNear: boolean): BlockClass | null {
  for (let m = n + step; m >= 0 && m < js.length; m += step) {
    const c = (js[m] as Judged).cls;
    if (c === "short" || (skipNear && c === "neargood")) continue;
    return c;
  }
  return null;
}

/**
 * jusText's context stage: short blocks, then near-good ones, take their neighbours' class. The edge
 * of the capture is no evidence: a block there follows its one neighbour (a list closing the article).
 */
export function smooth(js: Judged[]): BlockClass[] {
  const out = js.map((j) => j.cls);
  const sides = (n: number, skipNear: boolean): [BlockClass, BlockClass] => {
    const p = neighbour(js, n, -1, skipNear);
    const q = neighbour(js, n, 1, skipNear);
    return [p ?? q ?? "bad", q ?? p ?? "bad"];
  };
  js.forEach((j, n) => {
    if (j.cls !== "short") return;
    const [p, q] = sides(n, true);
    const [pn, qn] = sides(n, false);
    if (p === "good" && q === "good") out[n] = "good";
    else if (p === "bad" && q === "bad") out[n] = "bad";
    else if ((p === "bad" && pn === "neargood") || (q === "bad" && qn === "neargood")) out[n] = "good";
    else out[n] = "bad";
  });
  js.forEach((j, n) => {
    if (j.cls !== "neargood") return;
    const [p, q] = sides(n, true);
    out[n] = p === "bad" && q === "bad" ? "bad" : "good";
  });
  return out;
}

/** Article evidence a block adds to a region it is part of (negative: chrome). */
function value(j: Judged, final: BlockClass): number {
  const len = j.f?.length ?? 0;
  if (j.mark === "title") return 4;
  if (j.fixed) return j.cls === "good" ? 2 : j.barrier ? -6 : -0.5;
  if (j.cls === "good") return len / 40;
  if (final === "good") return j.cls === "neargood" ? len / 80 : 0.5;
  return -1 - len / 200;
}

function opensOnHeading(j: Judged, slots: readonly Slot[]): boolean {
  if (j.fixed) return true;
  const s = slots[j.slot] as Slot;
  return s.u.kind !== "item" && isHeadingLike(s.u.text) && !(j.f?.sentenceEnd ?? false);
}

/** The run of judged blocks with the greatest total value (Kadane), as indexes into `js`. */
export function bestRun(values: readonly number[]): [number, number] | null {
  let best = 0;
  let at: [number, number] | null = null;
  let sum = 0;
  let start = 0;
  values.forEach((v, n) => {
    if (sum <= 0) {
      sum = 0;
      start = n;
    }
    sum += v;
    if (sum > best) {
      best = sum;
      at = [start, n];
    }
  });
  return at;
}

/** Marks chrome found by structure: "outside-article" around the main region, "boilerplate" inside it. */
export interface Verdict {
  slot: number;
  initial: BlockClass;
  final: BlockClass;
  value: number;
}

export function classifyBlocks(
  slots: Slot[],
  anchor: number | null,
  stop: ReadonlySet<string> | null,
): Verdict[] {
  const js = judge(slots, stop);
  repeats(js, slots);
  listRuns(js, slots, stop, proseDensity(js.flatMap((j) => (j.f ? [j.f] : []))));
  commentThread(js);
  teasers(js, slots);
  kickers(js);
  promoteHeadings(js, slots);
  shortRuns(js);
  const final = smooth(js);
  const values = js.map((j, n) => value(j, final[n] as BlockClass));
  const verdicts = js.map((j, n) => ({
    slot: j.slot,
    initial: j.cls,
    final: final[n] as BlockClass,
    value: values[n] as number,
  }));
  const run = bestRun(values);
  if (run === null) return verdicts;
  let [from, to] = run;
  if (anchor !== null) {
    // The headline opens the article: what the run holds before it is teasers, unless it is most of it.
    const after = js.findIndex((j) => j.slot > anchor);
    if (after > from && after <= to) {
      const before = values.slice(from, after).reduce((a, b) => a + b, 0);
      const rest = values.slice(after, to + 1).reduce((a, b) => a + b, 0);
      if (before < rest) from = after;
    }
    // The lead under the headline belongs to the article even when chrome separates it from the rest:
    // take back article-like blocks between the headline and the run, stopping at chrome by structure.
    const head = js.findIndex((j) => j.slot === anchor);
    if (head >= 0 && head < from) {
      for (let m = from - 1; m > head; m--) {
        const j = js[m] as Judged;
        if (j.fixed) continue;
        if (final[m] !== "good") break;
        from = m;
      }
    }
  }
  // A heading introduces what follows it: the article never opens on one when the run starts after a cut.
  const headAt = anchor === null ? -1 : js.findIndex((j) => j.slot === anchor);
  const cut = js.slice(headAt + 1, from).some((j) => !j.fixed);
  while (cut && from < to && opensOnHeading(js[from] as Judged, slots)) from++;
  js.forEach((j, n) => {
    const s = slots[j.slot] as Slot;
    if (j.fixed) {
      if (j.mark !== undefined && s.rule === null) s.rule = j.mark;
      return;
    }
    if (n < from || n > to) s.rule = "outside-article";
    else if (final[n] === "bad") s.rule = "boilerplate";
    else if (s.rule !== null && WEAK.has(s.rule)) s.rule = null;
  });
  return verdicts;
}
