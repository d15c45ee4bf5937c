// Photo captions and their credits: a caption is a short description whose last part credits the
// picture (a label and a name, a copyright sign, an agency in capitals), or a line right above a credit.
import { collapse, fewWords, wordCount } from "./text";

const CREDIT_AGENCIES =
  "getty images|getty|afp|ap photo|ap|reuters|shutterstock|istock(?:photo)?|alamy|epa(?:-efe)?|bloomberg|unsplash|pexels|dpa|picture alliance|picture-alliance|sipa|abaca|anadolu|xinhua|imago|wikimedia commons|courtesy of [^)]+|handout";

const CAPTION_TESTS: RegExp[] = [
  /^(?:editorial |featured |cover |header |hero |lead |main )?(?:illustration|image|photo|photograph|picture|graphic|artwork|rendering|screenshot|video|foto|bild|imagen|ilustración|illustrazione)\s+(?:for|of|by|from|showing|depicting|credit|courtesy|pour|de|du|von|zu|zum|zur|para|per|di)\s/iu,
  /^\(?(?:photo|image|picture|photograph|credit|credits|photo credit|image credit|crédit|crédits|crédit photo|foto|fotos|bild|bildquelle|imagen|illustration|ilustración|source image)\s*:\s*\S/iu,
  /\((?:photo|image|credit|picture|foto|crédit|photograph|illustration|bild)s?\s*(?::|by|credit|de|von)[^)]*\)[.\s]*$/iu,
  new RegExp(
    `(?:/\\s*|\\bvia\\s+|\\bphoto:?\\s+|\\bfoto:?\\s+|©\\s*)(?:${CREDIT_AGENCIES})\\)?[.\\s]*$`,
    "iu",
  ),
];

// What a credit says after the caption's last sentence: a label and a name, a copyright sign, a
// "by" line, an agency in capitals, or photographer and outlet in brackets.
const CREDIT_LABEL =
  "photo|photos|foto|fotos|fotografía|fotografia|photograph|picture|pic|image|imagen|immagine|afbeelding|illustration|ilustración|illustrazione|bild|bilder|bildrechte|bildquelle|symbolbild|archivbild|credit|credits|crédit|crédits|crédito|фото|иллюстрация";
const CREDIT_TAIL = [
  new RegExp(
    `^\\(?(?:${CREDIT_LABEL})(?:\\s*(?::|：|by|par|von|de|di|door)\\s*|\\s+(?=\\p{Lu}))\\S.{0,80}$`,
    "iu",
  ),
  /^\(?©\s*\S.{0,80}$/u,
  // "(Marcus Lee for The Daily)": a photographer credited for an outlet, in brackets.
  /^\((?:[\p{Lu}][\p{L}.'’-]*\s){1,3}(?:for|pour|für|para|per|voor)\s[^()]{2,60}\)$/u,
  // "Agency/Photographer/File Photo": names joined by slashes.
  /^(?:[\p{Lu}][\p{L}.'’-]*\s?){1,4}(?:\/\s?(?:[\p{Lu}][\p{L}.'’-]*\s?){1,4}){1,3}(?:\s.{0,50})?$/u,
];
// An outlet in capitals after a short caption ("MARCADOR", "ILLUSTRATION THE DAILY"); a wire's initials
// closing a long paragraph ("... the US. PTI") sign the article instead.
const CAPS_CREDIT = /^[\p{Lu}\d][\p{Lu}\d\s.'’&/-]{5,60}$/u;
const SENTENCE_BREAK = /[.!?…»”"]\s+/gu;
/** Words that say a line describes a picture, so a bracketed source after it credits the picture. */
const PICTURED = /\b(?:image|photo|picture|pictured|foto|bild|imagen|immagine|illustration)s?\b/iu;

/** A caption whose last part is its credit: "The bridge at dusk. Photo: Jane Roe / The Daily". */
export function hasCreditTail(t: string): boolean {
  if (!fewWords(t, 60)) return false;
  for (const m of t.matchAll(SENTENCE_BREAK)) {
    const rest = t.slice((m.index ?? 0) + m[0].length).trim();
    if (rest === "" || wordCount(rest) > 12) continue;
    if (CREDIT_TAIL.some((re) => re.test(rest)) && /\p{L}/u.test(rest)) return true;
    const head = t.slice(0, m.index ?? 0);
    if (CAPS_CREDIT.test(rest) && /\p{Ll}/u.test(head) && wordCount(head) <= 30) return true;
    if (/^\((?:source|quelle|fuente|fonte|bron|источник)\s*:[^()]{1,60}\)$/iu.test(rest) && PICTURED.test(t))
      return true;
  }
  return false;
}

/** A credit alone on its line, as printed under a caption: "(Image: © Agency)", "Credit...", "Photo: X". */
export function isCreditLine(t: string): boolean {
  const c = collapse(t);
  if (wordCount(c) > 12) return false;
  return (
    /^\(?(?:image|photo|picture|foto|bild|imagen|credit|crédit|source)s?\s*(?::|\.\.\.|…)/iu.test(c) ||
    /^\(?©/u.test(c) ||
    /^(?:credit|crédit|crédito|foto|photo)s?$/iu.test(c)
  );
}

/** "Image caption The singer on stage": the label a player or a photo box prints before its caption. */
const CAPTION_LABEL =
  /^(?:image|photo|media|video|picture)\s+caption\b|^(?:caption|légende|bildunterschrift|pie de foto|didascalia|legenda)\s*[:\s]\s*\S/iu;

export function isCaption(t: string): boolean {
  // Bounds read no further than the word after them (fewWords): a paragraph is not counted to its end.
  if (CAPTION_LABEL.test(t) && fewWords(t, 60)) return true;
  if (!fewWords(t, 45)) return hasCreditTail(t);
  return CAPTION_TESTS.some((re) => re.test(t)) || hasCreditTail(t);
}
