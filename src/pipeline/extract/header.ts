// The header around the headline: which line is the headline, what is printed above it (masthead,
// breadcrumb, kicker), its repeats, the dek under it, the publisher's echoes and a dateline prefix.
import { parseMetaLine } from "./byline";
import type { DateContext } from "./dates";
import { dekAbove, dekBelow } from "./fields/dek";
import { type HeadlineChoice, scoreHeadlines } from "./fields/headline";
import { ALT_TEXT_CUES, isBreadcrumbLine, isHomeCrumb, isSectionLabel } from "./rules";
import type { Cleaned, Slot } from "./slots";
import { textual } from "./slots";
import { asciiAlnumCount, endsSentence, key, wordCount } from "./text";

/** The headline: the line a front-matter title names, or the best-scored headline-shaped line. */
export function findTitle(
  slots: Slot[],
  given: string | undefined,
  slug: readonly string[],
  dates: DateContext | boolean = false,
): HeadlineChoice | null {
  if (given !== undefined) {
    const k = key(given);
    const i = slots.findIndex(
      (s) => s.u.kind !== "item" && s.u.kind !== "table" && k !== "" && key(s.u.text) === k,
    );
    return i >= 0
      ? { index: i, text: given, glued: null, score: 10, cues: [{ why: "front matter", weight: 10 }] }
      : null;
  }
  return scoreHeadlines(slots, slug, dates)[0] ?? null;
}

/** Classifies what is printed above the headline. Returns the masthead's index if there is one. */
export function preTitle(slots: Slot[], anchor: number, title: string): number | null {
  let masthead: number | null = null;
  const tk = key(title);
  // Lists above the headline: breadcrumbs ("Home", ..., the headline) or navigation.
  let i = 0;
  while (i < anchor) {
    const s = slots[i] as Slot;
    if (s.u.kind === "item" && (s.rule === null || s.rule === "menu")) {
      let j = i;
      while (j < anchor && (slots[j] as Slot).u.kind === "item") j++;
      const run = slots.slice(i, j);
      const crumb = isHomeCrumb(run[0]?.u.text ?? "") || key(run.at(-1)?.u.text ?? "") === tk;
      for (const r of run) if (r.rule === null || r.rule === "menu") r.rule = crumb ? "breadcrumb" : "menu";
      i = j;
      continue;
    }
    i++;
  }
  let shortRun = 0;
  for (let j = 0; j < anchor; j++) {
    const s = slots[j] as Slot;
    if (s.rule !== null) continue;
    const t = s.u.text;
    if (parseMetaLine(t) !== null) continue;
    const visible = t.replace(/\s/gu, "");
    if ([...visible].length <= 2) s.rule = "logo-glyph";
    else if (isBreadcrumbLine(t)) s.rule = "breadcrumb";
    else if (isSectionLabel(t)) s.rule = "section-label";
    else if (wordCount(t) <= 4 && !endsSentence(t)) {
      if (masthead === null && shortRun === 0) {
        s.rule = "masthead";
        masthead = j;
      } else s.rule = "menu";
      shortRun++;
    } else if (endsSentence(t) && ALT_TEXT_CUES.test(t)) s.rule = "alt-text";
    else s.rule = "pre-title";
  }
  return masthead;
}

// What isBreadcrumbLine splits on (a line without one is no crumb trail), and a page title's bar.
const CRUMB_SEP = /\s+[>›»/|→]\s+|\s*[›»→]\s*/u;
const TITLE_SEP = /\s[|–—-]\s/u;

export function repeatedTitle(slots: Slot[], title: string, anchor: number | null): void {
  const tk = key(title);
  if (tk === "") return;
  slots.forEach((s, i) => {
    if (i === anchor || s.rule !== null || s.u.kind === "table" || s.u.kind === "code") return;
    const t = s.u.text;
    // Keyed only when one of the three could hold: a paragraph is neither the title nor a crumb trail.
    if (asciiAlnumCount(t) > tk.length && !CRUMB_SEP.test(t) && !TITLE_SEP.test(t)) return;
    const k = key(t);
    if (k === tk) s.rule = "repeated-title";
    else if (k.endsWith(tk) && isBreadcrumbLine(s.u.text)) s.rule = "breadcrumb";
    // "Headline | Site" or "Headline - Site": the page title.
    else if (k.startsWith(tk) && TITLE_SEP.test(s.u.text) && wordCount(s.u.text) - wordCount(title) <= 4)
      s.rule = "repeated-title";
  });
}

/** The standfirst right under the headline; the line is marked as the dek. */
export function findDek(
  slots: Slot[],
  anchor: number,
  title: string,
  dates: DateContext | boolean = false,
): string | null {
  const d = dekBelow(slots, anchor, title, dates);
  if (d === null) return null;
  (slots[d.index] as Slot).rule = "dek";
  return d.text;
}

/** A standfirst printed above the headline; the line is marked as the dek. */
export function findDekAbove(slots: Slot[], anchor: number): string | null {
  const d = dekAbove(slots, anchor);
  if (d === null) return null;
  (slots[d.index] as Slot).rule = "dek";
  return d.text;
}

/** The masthead again further down: "SiteSite" (a doubled logo), "Site.com", "Site News". */
export function publisherEchoes(slots: Slot[], publisher: string): void {
  const pk = key(publisher);
  if (pk.length < 3) return;
  for (const s of slots) {
    if (s.rule !== null || !textual(s) || wordCount(s.u.text) > 4) continue;
    const k = key(s.u.text);
    if (k === pk || k === pk.repeat(2) || (k.startsWith(pk) && k.length - pk.length <= 4))
      s.rule = "masthead";
  }
}

/** "Site News - In a move..." / "PARIS (Wire) - ...": a dateline-style prefix on the first paragraph. */
export function stripPrefix(slots: Slot[], anchor: number | null, out: Cleaned): void {
  const first = slots.find(
    (s, j) => j > (anchor ?? -1) && s.rule === null && s.u.kind === "line" && wordCount(s.u.text) >= 12,
  );
  if (!first) return;
  const t = first.u.text;
  const pats: RegExp[] = [
    /^\p{Lu}[\p{L}\d.&'’]*(?:\s\p{Lu}[\p{L}\d.&'’]*){0,2}\s+News\s*[-–—]+\s+/u,
    /^\p{Lu}[\p{Lu} .'’-]{1,30}(?:,\s*\p{Lu}[\p{L}.]*(?:\s\d{1,2})?)?\s*\([\p{L} .&-]{2,25}\)\s*[-–—]+\s+/u,
  ];
  if (out.publisher !== null) {
    const escaped = out.publisher.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
    pats.unshift(new RegExp(`^${escaped}(?:\\s+\\p{L}+)?\\s*[-–—:]+\\s+`, "u"));
  }
  for (const re of pats) {
    const m = re.exec(t);
    if (m && wordCount(t.slice(m[0].length)) >= 8) {
      out.prefixes.push({ line: first.u.line, text: m[0].trim() });
      first.u = { ...first.u, text: t.slice(m[0].length), html: undefined };
      return;
    }
  }
}
