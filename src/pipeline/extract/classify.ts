// Chrome versus article for every block, the way jusText and boilerpipe decide it on plain text: each
// block first gets a class from its own features (good prose, near-good, short, bad), short and
// near-good blocks then take the class their neighbours suggest (a short line between two article
// paragraphs stays article), and finally the main article region is the run of blocks with the most
// article evidence, around the headline when one is known. What lies outside it, and bad blocks inside
// it, are removed. The named rules of rules.ts and blocks.ts come in as strong evidence of chrome.
import { type BlockClass, initialClass, type Judged, proseDensity } from "./block-class";
import { type Features, features } from "./features";
import { commentThread, kickers, listRuns, promoteHeadings, repeats, shortRuns, teasers } from "./shapes";
import type { Slot } from "./slots";
import { tailChrome } from "./tail";
import { isHeadingLike } from "./text";
import { isDateStamp, vocabularyKind } from "./vocab";

export { type BlockClass, initialClass, LIMITS } from "./block-class";

/** Rules that neither help nor break the article's flow: header fields, captions, separators. */
const TRANSPARENT = new Set([
  "empty",
  "separator",
  "image-placeholder",
  "caption",
  "repeated-block",
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
const SECTION_END_RULES = new Set(["comments", "author-box", "copyright", "tags-list"]);
/** Named rules that often, not always, close the article: a sign-up pitch may also stand inside it. */
const SOFT_END_RULES = new Set(["newsletter"]);

/** Rules whose guess the structure may overturn: they were decided by position alone. */
const WEAK = new Set(["pre-title"]);

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
        out.push({
          slot: i,
          cls: "bad",
          f: null,
          fixed: true,
          ...(INLINE.has(rule) ? { inline: true } : {}),
          barrier: SECTION_END_RULES.has(rule),
          ...(SOFT_END_RULES.has(rule) ? { soft: true } : {}),
        });
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
    // The headline under "More information" links to another story: a title, not a sentence.
    const prev = out.at(-1);
    if (vocab === null && isDateStamp(s.u.text))
      out.push({ slot: i, cls: "bad", f, fixed: true, mark: "date-stamp", inline: true });
    else if (
      vocab === null &&
      prev?.mark === "teaser-mark" &&
      prev.slot === i - 1 &&
      !f.sentenceEnd &&
      f.words <= 25
    )
      out.push({ slot: i, cls: "bad", f, fixed: true, mark: "teaser", inline: true });
    else if (vocab === null)
      out.push({ slot: i, cls: initialClass(f, high), f, fixed: false, text: s.u.text });
    else if (vocab === "teaser-mark")
      out.push({ slot: i, cls: "bad", f, fixed: true, mark: "teaser-mark", inline: true });
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
 * Named chrome that sits inside an article as often as around it (a "Read also" link, a link that opens
 * a new tab): no evidence about the blocks beside it, so the context stage looks past it.
 */
const INLINE = new Set(["teaser-mark", "teaser", "related-links", "link-label"]);

/** The nearest class in one direction, or null at the capture's edge. */
function neighbour(js: readonly Judged[], n: number, step: 1 | -1, skipNear: boolean): BlockClass | null {
  for (let m = n + step; m >= 0 && m < js.length; m += step) {
    const j = js[m] as Judged;
    const c = j.cls;
    if (c === "short" || (skipNear && c === "neargood") || j.inline) continue;
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
    // "The key points:" introduces what follows it, whatever stands before it.
    if (/:$/u.test(j.text ?? "") && (qn === "good" || qn === "neargood")) out[n] = "good";
    else if (p === "good" && q === "good") out[n] = "good";
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
  if (j.fixed) return j.cls === "good" ? 2 : j.barrier ? -6 : j.soft ? -4 : -0.5;
  if (j.cls === "good") return len / 40;
  if (final === "good") return j.cls === "neargood" ? len / 80 : 0.5;
  return -1 - len / 200;
}

function opensOnHeading(j: Judged, slots: readonly Slot[]): boolean {
  if (j.fixed) return true;
  const s = slots[j.slot] as Slot;
  return s.u.kind !== "item" && isHeadingLike(s.u.text) && !(j.f?.sentenceEnd ?? false);
}

/** Share of the run's prose that must follow a section-end heading for the article to go on past it. */
const PAST_BARRIER = 0.3;

/**
 * The run ends at a heading after which the page's chrome starts ("More stories", "About the author")
 * unless much of the article's prose still follows it: a long bio or a site's footer paragraph after a
 * link list must not pull the region past the list.
 */
export function cutAtBarrier(
  js: readonly Judged[],
  final: readonly BlockClass[],
  from: number,
  to: number,
): number {
  const prose = (n: number): number => {
    const j = js[n] as Judged;
    return !j.fixed && final[n] === "good" ? (j.f?.length ?? 0) : 0;
  };
  let before = 0;
  for (let m = from; m <= to; m++) {
    const j = js[m] as Judged;
    if (j.barrier && !j.soft && m > from && before > 0) {
      let after = 0;
      for (let k = m + 1; k <= to; k++) after += prose(k);
      if (after < before * PAST_BARRIER) return m - 1;
    }
    before += prose(m);
  }
  return to;
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
export function classifyBlocks(
  slots: Slot[],
  anchor: number | null,
  stop: ReadonlySet<string> | null,
  authors: readonly string[] = [],
): void {
  const js = judge(slots, stop);
  repeats(js, slots);
  listRuns(js, slots, stop, proseDensity(js.flatMap((j) => (j.f ? [j.f] : []))));
  commentThread(js);
  teasers(js, slots);
  kickers(js);
  tailChrome(js, slots, authors);
  promoteHeadings(js, slots);
  shortRuns(js);
  const final = smooth(js);
  const values = js.map((j, n) => value(j, final[n] as BlockClass));
  const run = bestRun(values);
  if (run === null) return;
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
  to = cutAtBarrier(js, final, from, to);
  // A heading introduces what follows it: the article never opens on one when the run starts after a cut.
  const headAt = anchor === null ? -1 : js.findIndex((j) => j.slot === anchor);
  const cut = js.slice(headAt + 1, from).some((j) => !j.fixed);
  while (cut && from < to && opensOnHeading(js[from] as Judged, slots)) from++;
  const rules = js.map((j, n): string | null => {
    const s = slots[j.slot] as Slot;
    if (j.fixed) return j.mark !== undefined && s.rule === null ? j.mark : s.rule;
    if (n < from || n > to) return "outside-article";
    if (final[n] === "bad") return "boilerplate";
    return s.rule !== null && WEAK.has(s.rule) ? null : s.rule;
  });
  // The classifier's doubt never empties an article: if nothing would be left, the named rules stand.
  const left = js.some((j, n) => rules[n] === null && (slots[j.slot] as Slot).u.text.trim() !== "");
  if (!left) return;
  js.forEach((j, n) => {
    (slots[j.slot] as Slot).rule = rules[n] ?? null;
  });
}
