// Classification of units into article content and page chrome. Position-free line rules run first,
// then block rules (link lists, SEO question runs, author boxes), then the header is read around the
// headline (masthead, breadcrumb, alt text, title, dek, byline, dateline), then the footer.

import {
  authorBoxes,
  captionsAboveCredits,
  finePrint,
  footer,
  markFaq,
  questionRuns,
  relatedLists,
  repeatedBlocks,
  structuralChrome,
} from "./blocks";
import { classifyBlocks } from "./classify";
import { declaredDek } from "./fields/declared-dek";
import { explain } from "./fields/evidence";
import { choosePublisher } from "./fields/publisher";
import { slugWords } from "./fields/shapes";
import {
  findDek,
  findDekAbove,
  findTitle,
  preTitle,
  publisherEchoes,
  repeatedTitle,
  stripPrefix,
} from "./header";
import { detectLanguage } from "./language";
import { gluedDateline, type MetaContext, readMeta } from "./meta";
import { lineRule } from "./rules";
import { type Cleaned, isOpen, type Slot, textual } from "./slots";
import { stopwordsForText } from "./stopwords";
import { words } from "./text";
import type { Unit } from "./units";

export type { Cleaned, Problem, Slot } from "./slots";

export function clean(
  units: Unit[],
  opts: {
    title?: string;
    dek?: { text: string; marked: boolean };
    url?: string;
    meta: MetaContext;
    regionKnown?: boolean;
  },
): Cleaned {
  const slots: Slot[] = units.map((u) => ({ u, rule: null }));
  const out: Cleaned = {
    slots,
    title: null,
    subtitle: null,
    authors: [],
    publisher: null,
    dateline: null,
    prefixes: [],
    problems: [],
    evidence: {},
    titleScore: null,
  };

  structuralChrome(slots);
  for (const s of slots) if (isOpen(s) && textual(s)) s.rule = lineRule(s.u.text);
  relatedLists(slots);
  captionsAboveCredits(slots);
  if (!opts.regionKnown) finePrint(slots);
  questionRuns(slots);
  authorBoxes(slots);

  const choice = findTitle(slots, opts.title, slugWords(opts.url), opts.meta.dates);
  const anchor = choice?.index ?? null;
  out.title = opts.title ?? choice?.text ?? null;
  if (choice) {
    out.evidence.title = opts.title
      ? "front matter"
      : `line ${(slots[choice.index] as Slot).u.line}: ${explain(choice.cues)}`;
    if (!opts.title) out.titleScore = choice.score;
  } else if (opts.title) out.evidence.title = "front matter";
  if (anchor !== null) (slots[anchor] as Slot).rule = "title";
  const masthead = anchor !== null ? preTitle(slots, anchor, out.title ?? "") : null;
  const publisher = choosePublisher({ slots, masthead, title: out.title, url: opts.url });
  if (publisher) {
    out.publisher = publisher.value;
    out.evidence.publisher = explain(publisher.cues);
  }
  if (out.title !== null) repeatedTitle(slots, out.title, anchor);
  readMeta(slots, anchor, opts.meta, out);
  if (out.dateline === null && choice?.glued)
    out.dateline = gluedDateline(choice.glued, (slots[choice.index] as Slot).u.line, slots, opts.meta);
  if (anchor !== null && out.title !== null) {
    out.subtitle = findDek(slots, anchor, out.title, opts.meta.dates);
    if (out.subtitle !== null) out.evidence.subtitle = "the line under the headline";
    else {
      out.subtitle = findDekAbove(slots, anchor);
      if (out.subtitle !== null) out.evidence.subtitle = "a sentence right above the headline";
    }
  }
  if (out.subtitle === null && opts.dek) {
    out.subtitle = declaredDek(slots, anchor, opts.dek.text, opts.dek.marked);
    if (out.subtitle !== null)
      out.evidence.subtitle = "the dek the page declares, printed under the headline";
  }
  if (out.publisher !== null && publisher && publisher.cues[0]?.why !== "the source URL's host")
    publisherEchoes(slots, out.publisher);
  stripPrefix(slots, anchor, out);
  // After the headline is chosen: a headline printed twice (page title and article title) is its evidence.
  // Readability already chose an HTML page's blocks, and a summary above may repeat a paragraph of it.
  if (!opts.regionKnown) repeatedBlocks(slots);
  footer(slots);
  // An HTML page's article region was already chosen from its markup (Readability): the text
  // classifier's region choice would only cut what the markup says belongs (measured: -0.011 F1).
  if (!opts.regionKnown) classifyBlocks(slots, anchor, blockStopwords(slots), out.authors);
  markFaq(slots);
  return out;
}

/** Stopwords of the capture's language, judged on the text still open after the named rules. */
function blockStopwords(slots: readonly Slot[]): ReadonlySet<string> | null {
  const text = slots
    .filter((s) => isOpen(s) && textual(s))
    .map((s) => s.u.text)
    .join("\n");
  return stopwordsForText(
    detectLanguage(text),
    words(text).map((w) => w.toLowerCase()),
  );
}
