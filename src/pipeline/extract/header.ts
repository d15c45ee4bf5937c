// The header around the headline: which line is the headline, what is printed above it (masthead,
// breadcrumb, kicker), its repeats, the dek under it, the publisher's echoes and a dateline prefix.
import { parseMetaLine } from "./byline";
import { type HeadlineChoice, scoreHeadlines } from "./fields/headline";
import { ALT_TEXT_CUES, isBreadcrumbLine, isFaqHeading, isHomeCrumb, isSectionLabel } from "./rules";
import type { Cleaned, Slot } from "./slots";
import { textual } from "./slots";
import { endsSentence, isHeadingLike, key, overlap, wordCount } from "./text";

/** The headline: the line a front-matter title names, or the best-scored headline-shaped line. */
export function findTitle(
  slots: Slot[],
  given: string | undefined,
  slug: readonly string[],
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
  return scoreHeadlines(slots, slug)[0] ?? null;
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

export function repeatedTitle(slots: Slot[], title: string, anchor: number | null): void {
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

const META_RULES = new Set(["repeated-title", "byline", "dateline", "reading-time"]);

/** The standfirst right under the headline. Conservative: a first body paragraph must never vanish. */
export function findDek(slots: Slot[], anchor: number, title: string): string | null {
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

/**
 * A standfirst printed above the headline (some layouts put it first): a sentence right above it, when the
 * line under the headline is a byline, a date or the article itself rather than another dek.
 */
export function findDekAbove(slots: Slot[], anchor: number): string | null {
  let j = anchor - 1;
  while (
    j >= 0 &&
    ["image-placeholder", "caption", "empty", "separator"].includes((slots[j] as Slot).rule ?? "")
  )
    j--;
  const s = slots[j];
  if (s?.rule !== "pre-title" || s.u.kind !== "line") return null;
  const t = s.u.text;
  const n = wordCount(t);
  if (!endsSentence(t) || n < 8 || n > 45 || /:$/u.test(t) || ALT_TEXT_CUES.test(t)) return null;
  const above = slots[j - 1];
  if (above && above.u.kind === "line" && wordCount(above.u.text) >= 20 && endsSentence(above.u.text))
    return null;
  s.rule = "dek";
  return t;
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
