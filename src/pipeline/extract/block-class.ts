// The context-free class of one block (jusText's first stage) and the record the classifier keeps per
// block: good prose, near-good, short, or bad, from length, stopword density and punctuation.
import type { Features } from "./features";

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
  /** Named chrome that stands inside articles too: the context stage looks past it. */
  inline?: boolean;
  /** Weaker evidence of the article's end. */
  soft?: boolean;
}

/** Context-free class of one open block; `high` is the page's stopword share for prose. */
export function initialClass(f: Features, high = LIMITS.stopHigh): BlockClass {
  // Bare numbers are engagement counters; a bare clock time may stamp a live-blog entry: context decides.
  if (f.counter) return f.clock ? "short" : "bad";
  if (f.countTail) return "bad";
  // A verse or a name quoted in another script: its neighbours tell whether the article quotes it.
  if (f.foreign) return "short";
  // A complete sentence of several words is prose-shaped even when short or crowded with names.
  const sentence = f.sentenceEnd && f.words >= 5;
  if (f.length < LIMITS.lengthLow) return sentence ? "neargood" : "short";
  // Title Case without a full stop is a headline: a sub-heading between paragraphs, or a teaser.
  const headline = f.stopDensity === null || f.stopDensity >= 0.1;
  if (!f.sentenceEnd && f.capitalised >= 0.5 && f.words >= 3 && f.length < LIMITS.lengthHigh && headline)
    return "short";
  const long = f.length >= LIMITS.lengthHigh || (f.sentenceEnd && f.length >= LIMITS.sentenceLength);
  if (f.stopDensity !== null) {
    if (f.stopDensity >= high && long) return "good";
    if (f.stopDensity >= high * (LIMITS.stopLow / LIMITS.stopHigh) || sentence) return "neargood";
    return "bad";
  }
  if (f.sentenceEnd && long) return "good";
  return f.sentences > 0 ? "neargood" : "bad";
}

/**
 * The stopword share that marks prose on this page: the fixed threshold, lowered when the page's own
 * long blocks run thinner in stopwords (a shorter list, a language that writes fewer function words).
 */
export function proseDensity(fs: readonly Features[]): number {
  const ds = fs
    .filter((f) => f.stopDensity !== null && f.length >= LIMITS.lengthHigh && f.sentences > 0)
    .map((f) => f.stopDensity as number)
    .sort((a, b) => a - b);
  if (ds.length < 3) return LIMITS.stopHigh;
  const median = ds[Math.floor(ds.length / 2)] as number;
  return Math.min(LIMITS.stopHigh, Math.max(0.15, median * 0.8));
}
