// Which chrome vocabulary a whole line belongs to (vocab-data.ts holds the words, per language), and
// the labelled date stamps a page prints around its article.
import { longerCollapsed, memo } from "./text";
import { CHROME, type ChromeVocabulary } from "./vocab-data";

export type VocabularyKind = "line" | "section-end" | "comment-mark" | "teaser-mark";

const TRAIL = /[\s.:!?…»›→↗]+$/u;

function compile(entries: readonly string[], keepColon: boolean): RegExp {
  const alts = entries.map((e) => {
    const base = keepColon ? e : e.replace(TRAIL, "");
    return base
      .replace(/[.+?^${}()|[\]\\]/gu, "\\$&")
      .replace(/\*/gu, "(?:[^.!?;,]|(?<=\\d)[.,](?=\\d)){1,40}?")
      .replace(/\s+/gu, "\\s+");
  });
  return new RegExp(`^(?:${alts.join("|")})$`, "iu");
}

const all = (pick: (v: ChromeVocabulary) => readonly string[]): string[] =>
  Object.values(CHROME).flatMap(pick);
const LINES = compile(
  all((v) => v.lines),
  false,
);
const ENDS = compile(
  all((v) => v.sectionEnds),
  false,
);
const TEASERS = compile(
  all((v) => v.teaserMarks ?? []),
  false,
);
const MARKS = compile(
  all((v) => v.commentMarks),
  true,
);

/** Which vocabulary a whole line belongs to, in any language: a page mixes languages in its chrome. */
export function vocabularyKind(text: string): VocabularyKind | null {
  return longerCollapsed(text, 90) ? null : shortKind(text);
}

// Chrome lines repeat from capture to capture (a site prints the same menus and footers on every
// page): a short line's answer is remembered.
const shortKind = memo((text: string): VocabularyKind | null => {
  const t = text.replace(/\s+/gu, " ").replace(/[’‘]/gu, "'").trim();
  if (t === "" || t.length > 90) return null;
  // A sentence is prose, whatever words it opens with.
  if (/[.!?]["'”’»)]*$/u.test(t) && t.split(" ").length > 6) return null;
  if (MARKS.test(t)) return "comment-mark";
  const bare = t.replace(TRAIL, "");
  if (ENDS.test(bare)) return "section-end";
  if (TEASERS.test(bare)) return "teaser-mark";
  // "Listen (5 min.)", "Beitrag anhören (3 Min.)": a length or count in brackets adds nothing.
  const unbracketed = bare.replace(/\s*\([^()]{0,24}\)$/u, "").replace(TRAIL, "");
  if (LINES.test(bare) || (unbracketed !== "" && LINES.test(unbracketed))) return "line";
  return null;
});

const STAMP_LABEL =
  "updated|posted|published|last updated|last modified|first published|modified|mis à jour|publié|aktualisiert|veröffentlicht|actualizado|publicado|aggiornato|pubblicato|bijgewerkt|gepubliceerd|opublikowano|zaktualizowano|обновлено|опубликовано";
const LABEL_HEAD = new RegExp(`^(?:${STAMP_LABEL})(?:\\s+(?:on|at|le|am|el|il|em|op))?\\s*:?\\s*`, "iu");
const STAMP = new RegExp(
  `^(?:${STAMP_LABEL})(?![\\p{L}])(?:\\s+(?:on|at|le|am|el|il|em|op))?\\s*:?\\s*(?=[\\p{N}\\p{Lu}])(?=[^\\n]*\\d)[^!?]{3,90}$`,
  "iu",
);

// Longer than any line STAMP matches: the longest label, " on : " and 90 characters.
const STAMP_MAX = Math.max(...STAMP_LABEL.split("|").map((l) => l.length)) + 8 + 90;

/**
 * "Updated 5:27 am CST, Wednesday, November 20, 2019": a line of labelled stamps. Judged once the
 * article's date was read, so it only removes what is left of such lines; a byline ("Posted by ...")
 * is not one.
 */
export function isDateStamp(text: string): boolean {
  // STAMP allows a label, its connector and 90 characters: a paragraph is never a stamp.
  if (longerCollapsed(text, STAMP_MAX)) return false;
  const t = text.replace(/\s+/gu, " ").trim();
  if (t.split(" ").length > 16 || !STAMP.test(t)) return false;
  if (/(?<![\p{L}])(?:by|par|von|por|di|door)(?![\p{L}])/iu.test(t)) return false;
  // What follows the label is a date or a time ("Updated 5:27 am", "Updated: Tue."), not a sentence.
  return /^[\p{N}\p{Lu}]/u.test(t.replace(LABEL_HEAD, ""));
}
