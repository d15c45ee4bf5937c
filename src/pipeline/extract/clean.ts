// Classification of units into article content and page chrome. Position-free line rules run first,
// then block rules (link lists, SEO question runs, author boxes), then the header is read around the
// headline (masthead, breadcrumb, alt text, title, dek, byline, dateline), then the footer.
import { parseMetaLine } from "./byline";
import {
  ALT_TEXT_CUES,
  isAuthorBoxHeading,
  isBreadcrumbLine,
  isFaqHeading,
  isHomeCrumb,
  isRelatedHeading,
  isSectionLabel,
  isSeoHeading,
  lineRule,
} from "./rules";
import { endsSentence, isHeadingLike, isHeadlineLike, isQuestion, key, overlap, wordCount } from "./text";
import type { Unit } from "./units";

export interface Slot {
  u: Unit;
  /** Why the unit is not article content; null while it is content. */
  rule: string | null;
  /** FAQ question: rendered as a sub-heading. */
  faq?: boolean;
}

export interface Problem {
  line: number;
  message: string;
  fix: string;
}

export interface Cleaned {
  slots: Slot[];
  title: string | null;
  subtitle: string | null;
  authors: string[];
  publisher: string | null;
  dateline: { date: string; line: number; text: string } | null;
  /** Text stripped from the start of a kept paragraph ("Example News - "). */
  prefixes: { line: number; text: string }[];
  problems: Problem[];
}

const PROSEISH = new Set(["line", "heading", "quote"]);
const isOpen = (s: Slot): boolean => s.rule === null;
const textual = (s: Slot): boolean => PROSEISH.has(s.u.kind) || s.u.kind === "item";

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
  markFaq(slots);
  return out;
}

function structuralChrome(slots: Slot[]): void {
  for (const s of slots) {
    const k = s.u.kind;
    if (k === "rule") s.rule = "separator";
    else if (k === "def") s.rule = "link-definition";
    else if (k === "html") s.rule = "html-comment";
    else if (s.u.image) s.rule = "image-placeholder";
    else if (textual(s) && s.u.text === "") s.rule = "empty";
  }
}

const next = (slots: Slot[], i: number, pred: (s: Slot) => boolean = isOpen): number => {
  for (let j = i + 1; j < slots.length; j++) if (pred(slots[j] as Slot)) return j;
  return -1;
};

/** "Related Reading" / "À lire aussi" and the list after it (bulleted, one per line, or flattened). */
function relatedLists(slots: Slot[]): void {
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
function questionRuns(slots: Slot[]): void {
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

function prevOpen(slots: Slot[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (isOpen(slots[j] as Slot)) return j;
  return -1;
}

/** "About the author" and the short bio under it. */
function authorBoxes(slots: Slot[]): void {
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

const HEAD_WINDOW = 15;

/** Index of the headline unit, or null. */
function findTitle(slots: Slot[], given: string | undefined): number | null {
  if (given !== undefined) {
    const k = key(given);
    const i = slots.findIndex(
      (s) => s.u.kind !== "item" && s.u.kind !== "table" && k !== "" && key(s.u.text) === k,
    );
    return i >= 0 ? i : null;
  }
  const open: number[] = [];
  for (let i = 0; i < slots.length && open.length < HEAD_WINDOW; i++) {
    const s = slots[i] as Slot;
    if (s.rule === null && s.u.kind !== "code" && s.u.kind !== "table") open.push(i);
  }
  const candidate = (i: number): boolean => {
    const s = slots[i] as Slot;
    return (
      (s.u.kind === "line" || s.u.kind === "heading") &&
      isHeadlineLike(s.u.text) &&
      parseMetaLine(s.u.text) === null
    );
  };
  // A headline printed twice (page title + article title, or breadcrumb + heading) is the strongest cue.
  // Keys and breadcrumb shapes are computed once per slot, not once per candidate and slot.
  const keys: (string | undefined)[] = [];
  const keyAt = (j: number): string => (keys[j] ??= key((slots[j] as Slot).u.text));
  const crumbs: (boolean | undefined)[] = [];
  const isCrumb = (j: number): boolean => (crumbs[j] ??= isBreadcrumbLine((slots[j] as Slot).u.text));
  for (const i of open) {
    if (!candidate(i) || wordCount((slots[i] as Slot).u.text) < 3) continue;
    const k = keyAt(i);
    let copied = false;
    for (let j = 0; j < slots.length && !copied; j++)
      copied = j !== i && (keyAt(j) === k || (isCrumb(j) && keyAt(j).endsWith(k)));
    if (copied) return i;
  }
  const h1 = open.find((i) => (slots[i] as Slot).u.kind === "heading" && (slots[i] as Slot).u.level === 1);
  if (h1 !== undefined) return h1;
  for (let n = 0; n < open.length; n++) {
    const i = open[n] as number;
    const s = slots[i] as Slot;
    const t = s.u.text;
    if (candidate(i) && !isSectionLabel(t) && !isHomeCrumb(t) && !isBreadcrumbLine(t)) {
      // A one-to-three word line right above a longer headline is a masthead or kicker.
      const short = wordCount(t) <= 3;
      const nextOpen = open[n + 1];
      const later =
        nextOpen !== undefined &&
        candidate(nextOpen) &&
        wordCount((slots[nextOpen] as Slot).u.text) > wordCount(t);
      if (!(short && later)) return i;
      continue;
    }
    // Only chrome-like material may precede a headline; prose means the capture starts with its body.
    const proseBefore = s.u.kind === "line" && endsSentence(t) && wordCount(t) > 60;
    if (proseBefore || s.u.kind === "quote") return null;
  }
  return null;
}

/** Classifies what is printed above the headline. Returns the publisher (masthead) if there is one. */
function preTitle(slots: Slot[], anchor: number, title: string): string | null {
  let publisher: string | null = null;
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
      if (publisher === null && shortRun === 0) {
        s.rule = "masthead";
        publisher = t;
      } else s.rule = "menu";
      shortRun++;
    } else if (endsSentence(t) && ALT_TEXT_CUES.test(t)) s.rule = "alt-text";
    else s.rule = "pre-title";
  }
  return publisher;
}

function repeatedTitle(slots: Slot[], title: string, anchor: number | null): void {
  const tk = key(title);
  if (tk === "") return;
  slots.forEach((s, i) => {
    if (i === anchor || s.rule !== null || s.u.kind === "table" || s.u.kind === "code") return;
    const k = key(s.u.text);
    if (k === tk) s.rule = "repeated-title";
    else if (k.endsWith(tk) && isBreadcrumbLine(s.u.text)) s.rule = "breadcrumb";
    // "Headline | Site" or "Headline - Site": the page title.
    else if (k.startsWith(tk) && /\s[|–—-]\s/u.test(s.u.text) && wordCount(s.u.text) - wordCount(title) <= 4)
      s.rule = "repeated-title";
  });
}

const HEADER_SPAN = 10;

/** Bylines, datelines and reading times: in the header (around the headline) they are the capture's own. */
function readMeta(slots: Slot[], anchor: number | null, dayFirst: boolean, out: Cleaned): void {
  const start = anchor ?? -1;
  let zoneEnd = Math.min(slots.length, start + 1 + HEADER_SPAN);
  for (let j = start + 2; j < zoneEnd; j++) {
    const s = slots[j] as Slot;
    if (s.rule === null && s.u.kind === "line" && wordCount(s.u.text) >= 25) {
      zoneEnd = j;
      break;
    }
  }
  if (anchor === null) {
    const firstBody = slots.findIndex(
      (s) => s.rule === null && (s.u.kind === "line" || s.u.kind === "item") && wordCount(s.u.text) >= 12,
    );
    zoneEnd = firstBody < 0 ? Math.min(slots.length, 6) : Math.min(firstBody, 6);
  }
  let published: { date: string; line: number; text: string } | null = null;
  let updated: { date: string; line: number; text: string } | null = null;
  slots.forEach((s, j) => {
    if (s.rule !== null || !(s.u.kind === "line" || s.u.kind === "heading")) return;
    const meta = parseMetaLine(s.u.text, dayFirst);
    if (!meta) return;
    const inHeader = j < zoneEnd;
    if (!inHeader) {
      if (meta.labelled && meta.authors.length > 0) {
        s.rule = "byline";
        for (const a of meta.authors) if (!out.authors.includes(a)) out.authors.push(a);
      } else if (meta.authors.length === 0) s.rule = "timestamp";
      return;
    }
    s.rule = meta.authors.length > 0 ? "byline" : meta.dates.length > 0 ? "dateline" : "reading-time";
    for (const a of meta.authors) if (!out.authors.includes(a)) out.authors.push(a);
    for (const d of meta.dates) {
      if ("impossible" in d) {
        out.problems.push({
          line: s.u.line,
          message: `The dateline "${s.u.text}" names a date that does not exist (${d.impossible}).`,
          fix: "Correct the date in the capture, or set `published` in the front matter.",
        });
        continue;
      }
      const entry = { date: d.date, line: s.u.line, text: s.u.text };
      if (d.kind === "published" && published === null) published = entry;
      if (d.kind === "updated" && updated === null) updated = entry;
    }
  });
  out.dateline = published ?? updated;
}

const META_RULES = new Set(["repeated-title", "byline", "dateline", "reading-time"]);

/** The standfirst right under the headline. Conservative: a first body paragraph must never vanish. */
function findDek(slots: Slot[], anchor: number, title: string): string | null {
  let c = anchor + 1;
  while (c < slots.length && (slots[c] as Slot).rule !== null) {
    const r = (slots[c] as Slot).rule ?? "";
    if (r !== "repeated-title" && !META_RULES.has(r) && r !== "caption" && r !== "image-placeholder") break;
    c++;
  }
  const s = slots[c];
  if (!s || s.rule !== null || !(s.u.kind === "line" || (s.u.kind === "heading" && (s.u.level ?? 2) > 1)))
    return null;
  const t = s.u.text;
  const after = slots.slice(c + 1).find((x) => x.rule === null || META_RULES.has(x.rule));
  let dek = false;
  if (s.u.html && /^<em>[\s\S]*<\/em>$/u.test(s.u.html) && wordCount(t) <= 60) dek = true;
  else if (endsSentence(t) && wordCount(t) <= 60 && !/:$/u.test(t)) {
    dek = after !== undefined && after.rule !== null && META_RULES.has(after.rule);
  } else if (isHeadingLike(t, 30) && after !== undefined && after.rule === null && !isFaqHeading(t)) {
    const otherHeadings = slots.some(
      (x, j) =>
        j > c &&
        x.rule === null &&
        ((x.u.kind === "heading" && (x.u.level ?? 2) > 1) ||
          (x.u.kind === "line" && isHeadingLike(x.u.text))) &&
        !isFaqHeading(x.u.text) &&
        slots.slice(j + 1).some((y) => y.rule === null),
    );
    dek = overlap(t, title) >= 0.5 || !otherHeadings;
  }
  if (!dek) return null;
  s.rule = "dek";
  return t;
}

/** The masthead again further down: "SiteSite" (a doubled logo), "Site.com", "Site News". */
function publisherEchoes(slots: Slot[], publisher: string): void {
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
function stripPrefix(slots: Slot[], anchor: number | null, out: Cleaned): void {
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

/** Short lines after the article's last real content, once chrome has started, are footer furniture. */
function footer(slots: Slot[]): void {
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
function markFaq(slots: Slot[]): void {
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
