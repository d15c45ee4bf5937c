// Titles the build found itself (the extractor's headline, a page's declared title) get the limit a title
// given in front matter has (LIMITS.titleChars): readers show one line, and an overlong "headline" is
// almost always a paragraph taken for one. Cut, not refused: the extractor's doubt is never an error.
import { LIMITS } from "../read/limits";

const ELLIPSIS = "…";

/** `title` cut to at most `max` characters (code points) at a word boundary, with an ellipsis; null when it fits. */
export function trimTitle(title: string, max: number = LIMITS.titleChars): string | null {
  const chars = [...title];
  if (chars.length <= max) return null;
  const head = chars.slice(0, max - ELLIPSIS.length + 1).join("");
  // The last whitespace that leaves at least half the room: scripts written without spaces (or one
  // enormous word) are cut at the limit instead.
  const space = head.search(/\s\S*$/u);
  const cut =
    space >= head.length / 2 ? head.slice(0, space) : chars.slice(0, max - ELLIPSIS.length).join("");
  return `${cut.replace(/[\s,;:.\-–—]+$/u, "")}${ELLIPSIS}`;
}
