// Rows of page machinery that look like short headlines: vote and comment counters, profile stats,
// stock tickers, labelled bylines and "last modified" stamps. Label words are per-language data.
import { collapse, wordCount } from "../text";

/** Words that label a byline, per language, including second roles ("Reviewed by", "Relu par"). */
export const BYLINE_LABELS: Readonly<Record<string, readonly string[]>> = {
  en: [
    "by",
    "written by",
    "words by",
    "reported by",
    "interview by",
    "reviewed by",
    "edited by",
    "author",
    "authors",
    "posted by",
  ],
  fr: ["par", "relu par", "propos recueillis par", "auteur", "autrice", "rédigé par"],
  de: ["von", "autor", "autorin", "text"],
  es: ["por", "autor", "autora", "redacción"],
  it: ["di", "autore", "autrice", "a cura di"],
  pt: ["por", "autor", "autora"],
  nl: ["door", "auteur"],
  ru: ["автор", "текст"],
  ja: ["文", "記者", "執筆"],
  ko: ["기자명", "글"],
};

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
const LABEL = Object.values(BYLINE_LABELS)
  .flat()
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join("|");
const BYLINE = new RegExp(`^(?:${LABEL})\\s*[:：]?\\s+(.+)$`, "iu");
// "X · Relu par Y", "X | Reviewed by Y": a second credited role later on the line.
const SECOND_ROLE = new RegExp(`[·|•,]\\s*(?:${LABEL})\\s+\\p{Lu}`, "iu");
const PARTICLE =
  /^(?:de|da|del|della|der|den|di|du|dos|das|van|von|le|la|al|bin|ibn|ten|ter|zu|and|und|et|y|e|en|i|och|og)$/u;

/** One to four name-like words: capitalised, or in a script without case. */
const nameLike = (seg: string): boolean => {
  const ws = seg.trim().split(/\s+/u);
  return (
    ws.length >= 1 &&
    ws.length <= 6 &&
    !/[:;!?]/u.test(seg) &&
    ws.every((w) => /^["“«]?[\p{Lu}\p{Lo}]/u.test(w) || PARTICLE.test(w)) &&
    ws.filter((w) => !PARTICLE.test(w)).length <= 4
  );
};

/** A labelled byline: "By X", "Par X · Relu par Y", "Autor: X", "Propos recueillis par X". */
export function isLabelledByline(t: string): boolean {
  const s = collapse(t);
  if (wordCount(s) > 16 || /[.!?]$/u.test(s)) return false;
  const m = BYLINE.exec(s);
  if (m) return nameLike((m[1] ?? "").split(/\s*[·|•,]\s*|\s+(?:on|le|am|el|il)\s+\d/u)[0] ?? "");
  return wordCount(s) <= 12 && SECOND_ROLE.test(s) && nameLike(s.split(/\s*[·|•,]\s*/u)[0] ?? "");
}

// Units a counter counts, per language: votes, comments, views, reactions, members.
const COUNTED =
  /\b(?:points?|votes?|comments?|replies|views?|likes?|shares?|reactions?|messages?|posts?|followers?|members?|score|karma|kommentare?|commentaires?|comentarios?|commenti|comentários|reacties)\b|комментари|просмотр|댓글|좋아요|조회|コメント|いいね/iu;
// "2 days ago", "il y a 3 heures", "vor 2 Tagen", "hace 5 horas", "3 ore fa", "2 дня назад".
const AGO =
  /\b\d+\s*(?:s|m|h|d|min|mins|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b|\bil y a \d+|\bvor \d+\s+\p{L}+|\bhace \d+|\b\d+\s+\p{L}+\s+fa\b|\d+\s+\p{L}+\s+назад|\d+\s*(?:분|시간|일)\s*전/iu;

// A count, not a date or a version: "1,031", "1.3K", "412" (never "11.18.19").
const COUNT = String.raw`\d{1,3}(?:[.,\u00a0]\d{3})*(?:[.,]\d)?\s*[KkMm]?`;
const LABEL_COUNT = new RegExp(String.raw`^(?:[\p{L}'’]+\s+){1,3}${COUNT}$|^${COUNT}\s+[\p{L}'’]+$`, "u");

/**
 * A counter or meta row: "214 points by x 2 days ago | hide | 87 comments", "Reaction score 1,031",
 * "댓글 0 좋아요 12". Numbers that count things, or a relative age, in a short line.
 */
export function isMetaRow(t: string): boolean {
  const s = collapse(t);
  const n = wordCount(s);
  if (n === 0 || n > 24) return false;
  const segments = s.split(/\s+[|·•]\s+/u).filter((x) => x !== "");
  // Several short segments after a separator: a row of links and counts rather than a sentence.
  if (segments.length >= 3 && segments.every((x) => wordCount(x) <= 5)) return true;
  if (AGO.test(s) && n <= 14) return true;
  // "Messages 412", "Reaction score 1,031", "1.3K claps": a label and a count.
  if (n <= 5 && LABEL_COUNT.test(s)) return true;
  return (
    n <= 10 && COUNTED.test(s) && /\d/u.test(s) && (s.match(/\d+/gu)?.length ?? 0) >= 1 && !/[.!?]$/u.test(s)
  );
}

/** A stock ticker and its move: "META +7.9%", "AAPL ▲ 1.2%", "DAX −0,4 %". */
export const isTicker = (t: string): boolean =>
  /^(?:[\p{Lu}.^]{1,8}\s*(?:[▲▼△▽↑↓]\s*)?[+−–-]?\s*\d[\d.,]*\s*%\s*)+$/u.test(collapse(t));

// Labels of a modification stamp not covered by the plain "Updated" family ("Last modified on Sun 3 May").
const MODIFIED =
  /^(?:last\s+(?:modified|edited|changed|reviewed)|ultima\s+modifica|modifié|dernière\s+(?:mise\s+à\s+jour|modification)|zuletzt\s+(?:geändert|aktualisiert)|stand|última\s+(?:modificación|actualización)|atualizado|laatst\s+gewijzigd|обновлено|изменено|更新|수정|입력)\b/iu;

/** A stamp whose label says when the page changed: a date follows, however it is spelled. */
export const isModifiedStamp = (t: string): boolean => wordCount(t) <= 14 && MODIFIED.test(collapse(t));
