// The furniture that closes an article without a heading to announce it: the author's bio, reporting
// credits, the site's pitch (subscribe, support, join), its fine print (affiliate links, opinions not the
// paper's) and the company boilerplate under "About X". Each is a shape of one block plus its place: most
// count only once the article's prose is over, so a sentence of the same words inside the story stays.
import { type Judged, LIMITS } from "./block-class";
import type { Slot } from "./slots";
import { aboutName, BIO_VERB, CREDIT, DISCLAIMER, PITCH, PRICE } from "./tail-vocab";
import { isHeadingLike, wordCount } from "./text";

/** Article prose after this much text is not the tail. */
const TAIL_REACH = 300;

const PARTICLE = "(?:de|van|von|der|den|da|di|del|della|dos|du|le|la|ter|bin|al)";
const NAME = new RegExp(
  `^(\\p{Lu}[\\p{L}.-]*(?:['’]\\p{Lu}[\\p{L}.-]*)?(?:\\s(?:${PARTICLE}\\s)?\\p{Lu}[\\p{L}.-]*){0,3})(?:\\s\\([^()]{1,60}\\))?`,
  "u",
);

/** "Jane Roe is a reporter ...", "Jane Roe (@jroe) covers ...": a name, then what a bio says of it. */
export function isBio(t: string, authors: readonly string[] = []): "named" | "author" | null {
  const n = wordCount(t);
  if (n < 5 || n > 90) return null;
  const m = NAME.exec(t);
  if (!m) return null;
  const name = m[1] ?? "";
  const rest = t.slice(m[0].length).replace(/^['’]s\b/u, " 's");
  if (!BIO_VERB.test(rest.replace(/^\s*'s/u, "'s"))) return null;
  const lower = name.toLowerCase();
  const known = authors.some((a) => {
    const al = a.toLowerCase();
    return al === lower || al.split(/\s+/u).at(-1) === lower.split(/\s+/u).at(-1);
  });
  if (known) return "author";
  // One capitalised word could open any sentence ("Critics say ..."): only a known author's surname counts.
  return /\s/u.test(name) ? "named" : null;
}

/**
 * How many calls to act a block makes, with a price, an address or a link as one more each; a price or
 * a link alone is no pitch (articles quote prices and sources).
 */
export function pitchCues(t: string): number {
  const n = (t.match(PITCH) ?? []).length;
  if (n === 0) return 0;
  return n + (PRICE.test(t) ? 1 : 0) + (/\S@\S+\.\p{L}{2,}|https?:\/\/|www\./iu.test(t) ? 1 : 0);
}

type Tail = "author-bio" | "credit-line" | "pitch" | "disclaimer" | "about";

function shapeOf(t: string, authors: readonly string[], inTail: boolean, afterArticle: boolean): Tail | null {
  const words = wordCount(t);
  if (words <= 60 && DISCLAIMER.test(t)) return "disclaimer";
  if (words <= 60) {
    const cues = pitchCues(t);
    if (cues >= 2 || (cues >= 1 && inTail && words <= 40)) return "pitch";
  }
  if (!afterArticle) return null;
  const bio = isBio(t, authors);
  if (bio === "author" || (bio === "named" && inTail)) return "author-bio";
  if (!inTail) return null;
  if (words <= 50 && CREDIT.test(t)) return "credit-line";
  if (isHeadingLike(t, 8) && aboutName(t)) return "about";
  return null;
}

/** Marks the closing furniture; "about" headings end the article like a named section heading. */
export function tailChrome(js: Judged[], slots: readonly Slot[], authors: readonly string[]): void {
  const firstGood = js.findIndex((j) => j.cls === "good");
  if (firstGood < 0) return;
  let rest = 0;
  // Prose after each block; an "About" heading is judged by what follows the bio it introduces.
  const restAt: number[] = [];
  const found = new Map<number, Tail>();
  for (let n = js.length - 1; n > firstGood; n--) {
    const j = js[n] as Judged;
    restAt[n] = rest;
    if (j.fixed) continue;
    const t = (slots[j.slot] as Slot).u.text;
    const past = restAt[Math.min(n + 3, js.length - 1)] ?? 0;
    const kind =
      isHeadingLike(t, 8) && aboutName(t) && past < TAIL_REACH
        ? "about"
        : shapeOf(t, authors, rest < TAIL_REACH, true);
    if (kind !== null) found.set(n, kind);
    else if (j.cls === "good") rest += j.f?.length ?? 0;
  }
  // Before the article's first paragraph only the context-free shapes count (a pitch, fine print).
  for (let n = 0; n <= firstGood; n++) {
    const j = js[n] as Judged;
    if (j.fixed || n === firstGood) continue;
    const kind = shapeOf((slots[j.slot] as Slot).u.text, authors, false, false);
    if (kind !== null) found.set(n, kind);
  }
  for (const [n, kind] of found) {
    Object.assign(js[n] as Judged, {
      cls: "bad",
      fixed: true,
      mark: kind,
      ...(kind === "about" ? { barrier: true } : {}),
    });
    // The bio or boilerplate under an "About" heading: its paragraphs up to the next heading.
    if (kind !== "about") continue;
    for (let m = n + 1; m < js.length && m <= n + 3; m++) {
      const x = js[m] as Judged;
      if (x.fixed || isHeadingLike((slots[x.slot] as Slot).u.text)) break;
      if ((x.f?.length ?? 0) > LIMITS.lengthHigh * 4) break;
      Object.assign(x, { cls: "bad", fixed: true, mark: "about" });
    }
  }
}
