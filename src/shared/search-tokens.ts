// The one tokenizer for full-text search. The build indexes with it and the Worker splits queries with
// it, so both sides always agree on what a "term" is (lowercase, accents folded, letters and digits).

const COMBINING = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** Folds case and accents: "Modèle" -> "modele", "LeCun" -> "lecun". */
export function foldText(text: string): string {
  return text.normalize("NFKD").replace(COMBINING, "").toLowerCase();
}

/** Search tokens of a text, in order of appearance (duplicates kept). */
export function tokenize(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}
