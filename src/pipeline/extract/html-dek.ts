// A page's standfirst, as its markup names it: the class words sites use for a dek in several languages
// (chapô, entradilla, sommario, Vorspann...) or schema.org's alternativeHeadline. Read before Readability,
// which drops class names; the extractor then takes the printed copy out of the body as the dek.
import type { DomDocument } from "./html-dom";
import { collapse, wordCount } from "./text";

const DEK_CLASS =
  /(?:^|[\s_-])(?:standfirst|dek|deck|sub-?title|sub-?head(?:line)?|strapline|chapo|chapeau|entradilla|sumario|sommario|vorspann|intro-?text)(?:$|[\s_-])/iu;
// Teaser cards and lists carry subtitles of other articles.
const NOT_INSIDE = /(?:^|[\s_-])(?:card|teaser|related|promo|list|item|nav|menu|footer)(?:$|[\s_-])/iu;

export function markedDek(document: DomDocument): string | null {
  for (const e of Array.from(document.querySelectorAll("[class], [itemprop]"))) {
    const prop = (e.getAttribute("itemprop") ?? "").toLowerCase();
    const names = e.getAttribute("class") ?? "";
    if (prop !== "alternativeheadline" && !DEK_CLASS.test(names)) continue;
    if (NOT_INSIDE.test(names)) continue;
    const t = collapse(e.textContent ?? "");
    const n = wordCount(t);
    if (n >= 5 && n <= 60) return t;
  }
  return null;
}
