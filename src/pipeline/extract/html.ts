// A saved web page -> what it declares about itself and its article as units. Mozilla's Readability
// finds the article (measured against defuddle on ../shared/eval/pages: see corpus/README.md, HTML
// pages); linkedom is the DOM it runs on, sanitize-html the allow-list its output passes through.
import { isProbablyReaderable, Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { markedDek } from "./html-dek";
import type { DomDocument } from "./html-dom";
import { type Declared, readDeclared } from "./html-meta";
import { htmlUnits, sanitizeArticle } from "./html-units";
import type { Unit } from "./units";

export interface HtmlRead {
  declared: Declared;
  /** Readability's title, when the page declares none. */
  title: string | null;
  /** The standfirst the markup names (class words, alternativeHeadline), if any. */
  dek: string | null;
  units: Unit[];
  problem: { line: number; message: string; fix: string } | null;
  /** Readability's own doubt: the page may not be an article. */
  doubt: { line: number; message: string; fix: string } | null;
}

const NO_ARTICLE_FIX =
  "save the article's own page (not a home page, search result or login wall), or save it as text (.txt)";

export function readHtml(source: string): HtmlRead {
  const { document } = parseHTML(source);
  const declared = readDeclared(document as unknown as DomDocument, source);
  const dek = markedDek(document as unknown as DomDocument);
  const readerable = isProbablyReaderable(document as never);
  dropChrome(document as unknown as DomDocument);
  // Readability rewrites the tree it reads; metadata has been taken first.
  const got = new Readability(document as never, { keepClasses: false }).parse();
  const clean = sanitizeArticle(got?.content ?? "");
  const units = htmlUnits(clean, declared.url ?? null, source);
  const bodyLine = lineOfBody(source);
  if (units.length === 0) {
    return {
      declared,
      title: null,
      dek,
      units,
      problem: { line: bodyLine, message: "is an HTML page with no article in it", fix: NO_ARTICLE_FIX },
      doubt: null,
    };
  }
  return {
    declared,
    title: got?.title?.trim() || null,
    dek,
    units,
    problem: null,
    doubt: readerable
      ? null
      : {
          line: bodyLine,
          message: "may not be an article page (little connected text); check what was kept",
          fix: NO_ARTICLE_FIX,
        },
  };
}

// Class and id words that name page furniture rather than article text, on any site: photo captions and
// credits, galleries, share and follow bars, related and recommended lists, newsletters, comments, ads.
const CHROME =
  /(?:^|[\s_-])(?:breadcrumbs?|caption|credits?|gallery|slideshow|carousel|related|recommended|newsletter|share|sharing|social|comments?|cookies?|consent|promo|advert|advertisement|sponsored|outbrain|taboola)(?:$|[\s_-])/i;

/** Removes furniture named as such; never an element holding most of the page's text (a body class). */
function dropChrome(document: DomDocument): void {
  const total = (document.body?.textContent ?? "").length;
  for (const e of Array.from(document.querySelectorAll("[class], [id]"))) {
    const names = `${e.getAttribute("class") ?? ""} ${e.getAttribute("id") ?? ""}`;
    if (!CHROME.test(names)) continue;
    if (/^(?:html|body|main|article)$/i.test(e.tagName)) continue;
    if ((e.textContent ?? "").length > total * 0.5) continue;
    e.remove();
  }
}

function lineOfBody(source: string): number {
  const i = source.search(/<body\b/i);
  return i < 0 ? 1 : source.slice(0, i).split("\n").length;
}
