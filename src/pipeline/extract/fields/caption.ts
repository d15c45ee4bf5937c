// Caption and photo-credit shapes: a picture's caption is printed near the headline on most news pages,
// often with the headline's words, and must never win the headline or dek. A caption is told by its
// credit (a labelled one, "Photo: X", or a bracketed one, "[사진=X 제공]"), not by any site's wording.
import { collapse, wordCount } from "../text";

/**
 * Words that label a picture's credit or source, per language: data, not rules. A label alone ("Photo")
 * is no caption; a label followed by a colon, an equals sign or "by" and a name is.
 */
export const CREDIT_LABELS: Readonly<Record<string, readonly string[]>> = {
  en: [
    "photo",
    "photos",
    "photograph",
    "photography",
    "picture",
    "image",
    "images",
    "credit",
    "illustration",
    "artwork",
    "graphic",
    "courtesy",
    "pictured",
  ],
  fr: ["photo", "crédit", "crédits", "illustration", "image", "dessin", "infographie"],
  de: ["foto", "fotos", "bild", "bildrechte", "bildquelle", "grafik", "illustration", "symbolbild"],
  es: ["foto", "fotografía", "imagen", "ilustración", "gráfico"],
  it: ["foto", "immagine", "illustrazione"],
  pt: ["foto", "fotografia", "imagem", "ilustração", "crédito"],
  nl: ["foto", "beeld", "afbeelding", "illustratie"],
  ru: ["фото", "фотография", "иллюстрация", "изображение", "кадр"],
  ja: ["写真", "画像", "撮影", "提供", "出典"],
  ko: ["사진", "이미지", "제공", "자료", "그래픽", "출처"],
  zh: ["图", "图片", "摄", "照片", "来源"],
};

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
const LABEL = Object.values(CREDIT_LABELS)
  .flat()
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join("|");

// "Photo: X", "Фото: X", "Foto/X", "사진=X": a label and its credit, at the start of a line or of a segment
// (after a sentence, a bracket or a separator), never inside a sentence.
const LABELLED = new RegExp(
  `(?:^|[.!?。]["'”’]?\\s*|[(\\[［【|/·•]\\s*|\\s[-–—]\\s)(?:${LABEL})\\s*(?:[:：=/]|by\\b|von\\b|par\\b|de\\b|di\\b|por\\b)`,
  "iu",
);
// "[사진=X 제공]", "(Photo: X)", "（写真提供：X）": a bracketed credit anywhere.
const BRACKETED = new RegExp(
  `[(\\[［【（](?:[^()\\[\\]［］【】（）]{0,30}\\s)?(?:${LABEL})[^()\\[\\]［］【】（）]{0,60}[)\\]］】）]`,
  "iu",
);
// "... on Tuesday. (Jane Doe for The Daily Ledger)": a photographer's credit for a publication.
const FOR_PUBLICATION =
  /[.!?]["'”’]?\s*\(\p{Lu}[\p{L}.'’-]+(?:\s\p{Lu}[\p{L}.'’-]+){0,3}\s+(?:for|pour|für|para|per|voor)\s+[^()]{2,50}\)$/u;
// "... in Paris, in 2025. AGENCIA ATLAS" / "... ILLUSTRATION L'OBSERVATEUR": a shouted credit after a sentence.
const CAPS_TAIL = /[.!?]["'”’]?\s+(?:[\p{Lu}\d][\p{Lu}\d'’&./-]*)(?:\s+[\p{Lu}\d'’&./-]+){0,5}$/u;
// "... Private collection. Photo press office": a label and a short credit after the last sentence.
const CREDIT_TAIL = new RegExp(
  `[.!?]["'”’»)]?\\s+(?:${LABEL})\\s+[\\p{L}'’.&-]+(?:\\s+[\\p{L}'’.&/-]+){0,3}$`,
  "iu",
);
// "Agency/Jane Doe", "Wire/Jane Doe/File Photo": a wire photo credit, agency and photographer.
const SLASH_CREDIT = /\p{Lu}[\p{L}.'’-]+(?:\s\p{Lu}[\p{L}.'’-]+)*\/\p{Lu}\p{Ll}+(?:\s\p{Lu}[\p{L}.'’-]+)+/u;
// "© Jane Doe", "Copyright X" at the end of a line.
const COPYRIGHT = /(?:©|\(c\)|copyright\b)\s*[\p{L}\d][^.!?]{0,60}$/iu;

/** A caption or photo credit: a labelled, bracketed, "for publication", shouted or copyright credit. */
export function isCaption(t: string): boolean {
  const s = collapse(t);
  if (s === "" || wordCount(s) > 80) return false;
  if (
    LABELLED.test(s) ||
    BRACKETED.test(s) ||
    CREDIT_TAIL.test(s) ||
    SLASH_CREDIT.test(s) ||
    FOR_PUBLICATION.test(s) ||
    COPYRIGHT.test(s)
  )
    return true;
  const tail = CAPS_TAIL.exec(s);
  // The shouted tail is a credit only when it is letters (not a ticker or a number) and the rest is prose.
  return tail !== null && /\p{Lu}{3}/u.test(tail[0]) && wordCount(s) - wordCount(tail[0]) >= 4;
}
