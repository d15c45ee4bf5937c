// Where a page names its publisher in words: "© 2026 Name", "Copyright Name", "Name is part of ...",
// "An official website of the Name", "저작권자 © Name", the first entry of the legal link row at the foot.
// Each gives a candidate name; publisher.ts weighs them against the masthead and the URL's host.
import { collapse, wordCount } from "../text";

export interface Named {
  name: string;
  /** 0-based slot index of the line that names it. */
  at: number;
  why: string;
}

const RESERVED =
  /\s*(?:[.,;|·]\s*)?(?:all\s+rights\s+reserved|tous\s+droits\s+réservés|alle\s+rechte\s+vorbehalten|todos\s+los\s+derechos\s+reservados|tutti\s+i\s+diritti\s+riservati|todos\s+os\s+direitos\s+reservados|alle\s+rechten\s+voorbehouden|все\s+права\s+защищены|무단전재.*|all\s+right\s+reserved).*$/iu;

/** "Journal X. Published by Y." -> "Journal X"; legal forms and trailing punctuation off. */
export function trimName(raw: string): string {
  let s = collapse(raw).replace(RESERVED, "");
  s = s.split(/\s+[·|•]\s+|\.\s+(?=\p{Lu})|\s{2,}/u)[0] ?? s;
  return s
    .replace(
      /,?\s+(?:ltd|limited|inc|llc|plc|gmbh|ag|s\.?\s?a\.?|s\.?\s?l\.?|sas|sarl|b\.?v\.?|n\.?v\.?|co\.,?\s*ltd)\.?$/iu,
      "",
    )
    .replace(/\s+\d{4}$/u, "")
    .replace(/[\s.,;:–—-]+$/u, "")
    .trim();
}

const COPYRIGHT =
  /(?:^|\s)(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?:by\s+)?(\p{L}[^©]{1,60})/iu;
const STATEMENT =
  /^(\p{Lu}[\p{L}\p{N}&'’.\s-]{1,50}?)\s+(?:is\s+(?:part\s+of|a\s+member\s+of|a\s+(?:publication|service|brand|product|division)\s+of|published\s+by|produced\s+by|not\s+responsible)|est\s+(?:édité|une\s+publication)|ist\s+ein(?:e)?\s+(?:Angebot|Marke|Publikation)|es\s+una\s+publicación|è\s+una\s+testata|é\s+uma\s+publicação)\b/u;
const OFFICIAL =
  /^(?:an?\s+)?official\s+(?:website|site|web\s+site)\s+of\s+(?:the\s+)?(\p{Lu}[\p{L}\p{N}&'’.\s-]{2,60})$/iu;
const LEGAL_WORD =
  /^(?:impressum|datenschutz|privacy(?:\s+policy)?|terms(?:\s+of\s+(?:use|service))?|contact(?:o|e|ez-nous)?|aviso\s+legal|política\s+de\s+(?:privacidad|cookies|privacidade)|mentions\s+légales|cgu|cookies?|kontakt|privacidad|privacidade|expediente|fale\s+conosco|colofon|disclaimer|회사소개|개인정보처리방침|プライバシーポリシー|sitemap|about(?:\s+us)?|qui\s+sommes-nous|chi\s+siamo|quiénes\s+somos|staff|advertise|anuncie|publicidad|publicité)$/iu;

/** The page's own statements of its name, from the foot up. */
export function selfNames(slots: readonly { u: { text: string; src: { text: string }[] } }[]): Named[] {
  const out: Named[] = [];
  slots.forEach((s, at) => {
    const t = collapse(s.u.text);
    if (t.length > 240) return;
    const c = COPYRIGHT.exec(t);
    if (c?.[1]) {
      const name = trimName(c[1]);
      if (name !== "" && wordCount(name) <= 6) out.push({ name, at, why: "the copyright line names it" });
    }
    const st = STATEMENT.exec(t);
    if (st?.[1] && wordCount(st[1]) <= 6)
      out.push({ name: trimName(st[1]), at, why: "the page says what it is" });
    const off = OFFICIAL.exec(t);
    if (off?.[1]) out.push({ name: trimName(off[1]), at, why: "an official website of it" });
    // "Name    Impressum    Datenschutz": a legal link row led by the site's name.
    const raw = s.u.src.map((l) => l.text).join(" ");
    const cells = raw
      .split(/\s{3,}|\t+|\s+[·|]\s+/u)
      .map((c) => c.trim())
      .filter(Boolean);
    if (cells.length >= 3 && cells.slice(1).filter((c) => LEGAL_WORD.test(c)).length >= 1) {
      const first = trimName(cells[0] ?? "");
      if (first !== "" && wordCount(first) <= 6 && !LEGAL_WORD.test(first) && !/^©/u.test(cells[0] ?? ""))
        out.push({ name: first, at, why: "it leads the legal links at the foot" });
    }
  });
  return out.filter((n) => n.name.length >= 2);
}
