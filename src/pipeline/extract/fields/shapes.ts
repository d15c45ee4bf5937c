// Line shapes the field scorers weigh: what a headline, a navigation row, a call to action, a tagline,
// an alt text or a person's name looks like, independent of any one site's wording.
import { collapse, fewWords, wordCount, words } from "../text";

// Hangul is written with spaces between words, so it is counted by them, like Latin and Cyrillic.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;

/** Mostly written without spaces (Japanese, Chinese, Thai): lengths are measured in characters. */
export const isCjk = (t: string): boolean =>
  (t.match(CJK)?.length ?? 0) >= Math.max(2, t.replace(/\s/gu, "").length / 3);

/** Words, counting scripts written without spaces (Japanese, Chinese) by about two characters a word. */
export function wordsOf(t: string): number {
  const n = wordCount(t);
  const cjk = t.match(CJK)?.length ?? 0;
  return cjk >= 4 ? Math.max(n, Math.round(cjk / 2)) : n;
}

/** Scripts without letter case: title-case and capital-letter cues say nothing about them. */
export const uncased = (t: string): boolean =>
  // Three Latin letters in a row are the common answer, told before copying the line without them.
  !/[A-Za-z]{3}/u.test(t) && !/[\p{Lu}\p{Ll}]/u.test(t.replace(/[A-Za-z]+/gu, ""));

/** The first letter, after any markup, quotes or symbols in front of it. */
export function firstLetter(t: string): string {
  return /\p{L}|\p{N}/u.exec(t)?.[0] ?? "";
}

/**
 * A navigation row: several short capitalised words spread by wide spaces or tabs ("NEWS    WORLD    SPORT"),
 * or menu entries glued together by the copy ("WorldBusinessMarketsTech"). Read on the raw source line.
 */
export function isNavRow(raw: string): boolean {
  const parts = raw
    .trim()
    .split(/\t+|\s{3,}/u)
    .filter((p) => p.trim() !== "");
  if (parts.length >= 3 && parts.every((p) => wordCount(p) <= 3 && /^\P{Ll}/u.test(p.trim()))) return true;
  const glued = raw.match(/\p{Ll}\p{Lu}/gu)?.length ?? 0;
  return glued >= 3;
}

// Interface verbs and nouns: a short line made of them is a button or a link, not a headline.
const UI_START =
  /^(?:continue|keep|back|return|go|sign|log|subscribe|accept|agree|allow|close|open|skip|jump|search|share|follow|contact|place|post|download|install|get|shop|buy|order|donate|support|watch|listen|click|tap|see|view|show|load|read|switch|sort|filter|register|join|try|start|write|reply|print|save|edit|manage|change|choose|select|browse|explore|learn|find|submit|send|upload|enter|visit|call|email|leave|add|remove|toggle|expand|collapse|hide|refresh|retour|continuer|lire|voir|suivre|partager|s['’]abonner|connexion|zurück|weiter|anmelden|abonnieren|teilen|volver|leer|ver|seguir|compartir|suscr[ií]bete|torna|leggi|accedi|iscriviti)\b/iu;
const UI_WORDS =
  /\b(?:menu|navigation|nav|cart|basket|checkout|login|log-?in|sign-?in|sign-?up|account|password|newsletters?|emails?|alerts?|cookies?|rss|sitemap|classifieds?|shop|store|app|apps|weather|horoscopes?|crosswords?|puzzles?|games|podcasts?|videos|photos|galleries|obituaries|e-?edition|subscriptions?|subscribers?|accessibility|links|site|sites|edition|editions|settings|preferences|notifications|caring|connection|sections|topics|index|archives?|forums?|tickets?|events?|jobs|careers|deals|coupons|marketplace)\b/iu;

/** A button or link label: an interface verb or noun heading a short line. */
export function isCallToAction(t: string): boolean {
  const s = collapse(t).replace(/^[^\p{L}\p{N}]+/u, "");
  const n = wordCount(s);
  if (n === 0) return false;
  if (n <= 6 && UI_START.test(s)) return true;
  if (n <= 5 && UI_WORDS.test(s)) return true;
  // "On Example.com: ...": a link to another page.
  if (/^(?:on|at|from|via|sur|auf|en|su)\s+[\p{L}\d-]+\.[a-z]{2,6}(?:\.[a-z]{2})?\s*:/iu.test(s)) return true;
  // "Sharing is caring!", "Don't miss out!": a short exclamation is a pitch, not a headline.
  return n <= 4 && /!$/u.test(s);
}

/** An event banner or a sales pitch: tickets, registration, offers. */
export const isPitch = (t: string): boolean =>
  wordCount(t) <= 30 &&
  /\b(?:tickets?|register\s+(?:now|today|here)|on\s+sale|book\s+(?:now|your)|early[- ]bird|save\s+the\s+date|join\s+us|limited[- ]time|\d+\s?%\s+off|discount|promo\s+code|free\s+trial|webinar|billets?|inscri(?:vez|ption)|entradas|biglietti|anmelden)\b/iu.test(
    t,
  );

/** A shouted short line: a masthead, a section name or a button. */
export function isAllCapsShort(t: string): boolean {
  const letters = t.replace(/[^\p{L}]/gu, "");
  return letters.length >= 2 && !/\p{Ll}/u.test(letters) && /\p{Lu}/u.test(letters) && wordCount(t) <= 6;
}

/** A site's motto: who it serves or what it is, rather than what happened. */
export function isTagline(t: string): boolean {
  const s = collapse(t);
  return (
    /\b(?:for|of)\s+(?:business|professionals|leaders|everyone|developers|executives|investors|the\s+curious|curious\s+minds|people\s+who)\b/iu.test(
      s,
    ) ||
    /^(?:your|the)\s+(?:daily|weekly|trusted|independent|leading|number one|#1|best|home of|source|guide|voice)\b/iu.test(
      s,
    ) ||
    /\b(?:since\s+\d{4}|est\.?\s+\d{4}|news\s+(?:and|&)\s+views|all the news)\b/iu.test(s) ||
    // "Official website of the X", "A publication of X", "Site officiel de X": the page names its owner.
    /^(?:an?\s+|the\s+)?(?:official\s+(?:web\s*)?site|(?:publication|service|website|site|member|part)\s+of\s+the|site\s+officiel|offizielle\s+(?:web)?seite|(?:sitio|portal|página)\s+oficial|sito\s+ufficiale|site\s+oficial|officiële\s+(?:web)?site)\b/iu.test(
      s,
    )
  );
}

/** The description of a picture (alt text): "Headshot of ...", "Portrait of ...", "A photo showing ...",
 * or a caption's label ("Media caption", "Image copyright"), often glued to the caption by the copy. */
export function isAltTextShape(t: string): boolean {
  const s = collapse(t);
  return (
    /^(?:an?\s+)?(?:headshot|portrait|photo|photograph|picture|image|illustration|screenshot|close-up|closeup|rendering|logo)\s+(?:of|showing|depicting|from|for)\b/iu.test(
      s,
    ) ||
    /^(?:media|image|video|photo|picture)\s*(?:caption|copyright|source|credit)|^(?:caption|copyright|légende|bildunterschrift|pie de foto)\b/iu.test(
      s,
    )
  );
}

/** A message of the page's machinery: errors, loading, browser requirements. */
export const isInterfaceMessage = (t: string): boolean =>
  wordCount(t) <= 14 &&
  /^(?:oops|error|sorry|something went wrong|an error (?:has )?occurred|please (?:try again|wait|enable|update)|loading|page not found|(?:please )?enable javascript|javascript is (?:disabled|required)|your browser|you are (?:signed|logged) in|you have (?:\d+|no) (?:free )?(?:articles?|stories))/iu.test(
    collapse(t),
  );

/** A byline written without its "By": a name then a role ("Jane Doe, Staff Writer"), or names joined by "and". */
export function isBylineShape(t: string): boolean {
  const s = collapse(t);
  const role = /^(\p{Lu}[\p{L}.'’-]+(?:\s\p{Lu}[\p{L}.'’-]*){1,3}),\s+(.+)$/u.exec(s);
  if (role && isPersonName(role[1] ?? "") && ROLE_WORD.test(role[2] ?? "")) return true;
  const two = /^(\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}.'’-]*){1,2})\s+(?:and|&|et|und|y|e)\s+\p{Lu}/u.exec(s);
  return two !== null && isPersonName(two[1] ?? "") && wordCount(s) <= 14 && !/[.!?]$/u.test(s);
}

const ROLE_WORD =
  /\b(?:writer|reporter|editor|correspondent|contributor|columnist|journalist|staff|producer|critic|analyst|rédactrice|rédacteur|journaliste|redakteur(?:in)?|periodista|redactor(?:a)?|giornalista)s?\b/iu;

/** Weather, clocks and counters: digits and units rather than words. */
export function isReadout(t: string): boolean {
  const s = collapse(t);
  if (/\d\s*°\s*[CF]?\b/u.test(s)) return true;
  const letters = s.replace(/[^\p{L}]/gu, "").length;
  const digits = s.replace(/[^\p{N}]/gu, "").length;
  return digits > 0 && digits >= letters;
}

const STAMP_LABEL =
  /^(?:published|updated|posted|last\s+updated|modified|created|uploaded|publié|mis\s+à\s+jour|veröffentlicht|aktualisiert|publicado|actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt)\b/iu;

/** A timestamp line: labelled ("Updated ...") or a clock time ("10:01 pm PST"), even when no full date parses. */
export function isStamp(t: string): boolean {
  // Collapsing spaces changes no word: count first, on the raw line, and stop early on a long one.
  if (!fewWords(t, 12)) return false;
  const s = collapse(t);
  return STAMP_LABEL.test(s) || /\b\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?|uhr|h\b|[A-Z]{2,4}\b)/iu.test(s);
}

/** A gallery or pager counter: "Image 1 of 23", "1 / 23". */
export const isCounter = (t: string): boolean =>
  /(?:^|\s)\d{1,3}\s*(?:of|\/|von|de|sur|di)\s*\/?\s*\d{1,3}(?:\s|$)/iu.test(t);

/** A caption whose credit the copy glued on: "... in Austria.Jane Smith" (no space after the stop). */
export const hasGluedCredit = (t: string): boolean =>
  /\p{Ll}[.!?]["'”’)]?\p{Lu}\p{Ll}+(?:\s\p{Lu}[\p{Ll}.]*){0,3}(?:\/[\p{L} ]+)?$/u.test(collapse(t));

/** Share of a line's longer words that start with a capital: a title-cased headline is high. */
export function titleCaseShare(t: string): number {
  const ws = words(t).filter((w) => w.length >= 4 && /^\p{L}/u.test(w));
  if (ws.length < 3) return 0;
  return ws.filter((w) => /^\p{Lu}/u.test(w)).length / ws.length;
}

const NOT_NAME = new Set(
  "the a an and or of in on at to for with from by questions answers frequently asked explained guide summary overview introduction conclusion contents key takeaways highlights background methods results research report reports data labs lab inc ltd llc gmbh group team media studio studios company corp university institute foundation ai agency capital partners ventures discussion references notes sources update updates breaking exclusive news opinion columnist contributor staff editor editors writer reporter correspondent updated published posted share menu home read more latest live video photo photos image images watch listen subscribe sign log search advertisement sponsored related comments comment reply follow contact about team desk newsroom press release media world business politics technology tech science health sports sport culture markets economy analysis review reviews features feature guest blog weekly daily today monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december".split(
    " ",
  ),
);

const NOUNISH =
  /\p{L}{3}(?:ly|tion|tions|sion|sions|ment|ments|ness|ity|ities|ism|isms|ship|ance|ances|ence|ences|ics|ogy|ions|ives|ures|ages|ards|ists|ologies|ung|ungen|heit|keit|ción|ciones|mente|zione|zioni|tät|ité|ités|eur|eurs)$/iu;

/** A person's name written alone: two to four capitalised words, no digits, none a common header word. */
export function isPersonName(t: string): boolean {
  const s = collapse(t);
  if (/[\d@#:|/\\()[\]{}!?<>]/u.test(s) || s.length > 60) return false;
  const parts = s.split(" ");
  if (parts.length < 2 || parts.length > 4) return false;
  if (new Set(parts.map((p) => p.toLowerCase())).size < parts.length) return false;
  // Adverbs and abstract nouns ("Frequently Asked Questions", "Market Assessment") are not names.
  if (parts.some((p) => NOUNISH.test(p))) return false;
  const particle = /^(?:de|da|del|della|der|den|di|du|dos|das|van|von|le|la|al|bin|ibn|ten|ter|zu)$/u;
  return parts.every(
    (p, i) =>
      !NOT_NAME.has(p.toLowerCase()) &&
      ((/^\p{Lu}[\p{Ll}\p{M}'’-]+$/u.test(p) && p.length >= 2) ||
        /^\p{Lu}\.$/u.test(p) ||
        (i > 0 && i < parts.length - 1 && particle.test(p))),
  );
}

/** Content words of a URL's path ("/2019/11/19/opinion/big-news-today.html" -> big, news, today). */
export function slugWords(url: string | undefined): string[] {
  if (!url) return [];
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return [];
  }
  const segs = path.split("/").filter((s) => /[-_]/u.test(s) && /\p{L}{2}/u.test(s));
  const seg = segs.sort((a, b) => b.length - a.length)[0] ?? "";
  return seg
    .replace(/\.[a-z]{2,5}$/iu, "")
    .split(/[-_+.]+/u)
    .map(fold)
    .filter((w) => w.length >= 2 && !/^\d+$/u.test(w) && !/^[0-9a-f]{6,}$/u.test(w));
}

/** Lowercase without accents, for comparing a line with a URL. */
export const fold = (s: string): string => s.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");

/** Share of the slug's words that the line contains (prefix matches count: "leave" ~ "leaves"). */
export function slugSimilarity(line: string, slug: readonly string[]): number {
  if (slug.length < 2) return 0;
  const ws = words(fold(line)).map((w) => w.replace(/['’]s$/u, ""));
  let hit = 0;
  for (const s of slug)
    if (ws.some((w) => w === s || (s.length >= 4 && (w.startsWith(s) || s.startsWith(w)) && w.length >= 4)))
      hit++;
  return hit / slug.length;
}

/** The site's name as its address spells it: "www.example-news.co.uk" -> "example-news.co.uk". */
export function hostName(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const h = new URL(url).hostname.toLowerCase().replace(/^(?:www\d?|m|amp|mobile)\./u, "");
    return h.includes(".") ? h : null;
  } catch {
    return null;
  }
}
