// Classification of units into article content and page chrome. Position-free line rules run first,
// then block rules (link lists, SEO question runs, author boxes), then the header is read around the
// headline (masthead, breadcrumb, alt text, title, dek, byline, dateline), then the footer.

import { authorBoxes, footer, markFaq, questionRuns, relatedLists, structuralChrome } from "./blocks";
import { classifyBlocks } from "./classify";
import { findDek, findTitle, preTitle, publisherEchoes, repeatedTitle, stripPrefix } from "./header";
import { detectLanguage } from "./language";
import { readMeta } from "./meta";
import { lineRule } from "./rules";
import { type Cleaned, isOpen, type Slot, textual } from "./slots";
import { stopwordsForText } from "./stopwords";
import { words } from "./text";
import type { Unit } from "./units";

export type { Cleaned, Problem, Slot } from "./slots";

export function clean(units: Unit[], opts: { title?: string; dayFirst: boolean }): Cleaned {
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
  };

  structuralChrome(slots);
  for (const s of slots) if (isOpen(s) && textual(s)) s.rule = lineRule(s.u.text);
  relatedLists(slots);
  questionRuns(slots);
  authorBoxes(slots);

  const anchor = findTitle(slots, opts.title);
  out.title = opts.title ?? (anchor === null ? null : (slots[anchor] as Slot).u.text);
  if (anchor !== null) (slots[anchor] as Slot).rule = "title";
  if (anchor !== null) out.publisher = preTitle(slots, anchor, out.title ?? "");
  if (out.title !== null) repeatedTitle(slots, out.title, anchor);
  readMeta(slots, anchor, opts.dayFirst, out);
  if (anchor !== null && out.title !== null) out.subtitle = findDek(slots, anchor, out.title);
  if (out.publisher !== null) publisherEchoes(slots, out.publisher);
  stripPrefix(slots, anchor, out);
  footer(slots);
  out.verdicts = classifyBlocks(slots, anchor, blockStopwords(slots));
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
