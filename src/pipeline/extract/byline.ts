// Bylines and header meta lines: "By Jane Doe", "Par Jean Dupont | 12 mars 2026", "Jane Doe · March 11,
// 2026 · 5 min read", "Summarized by Example AI". A line is meta only when every segment is recognised.
import {
  type DateContext,
  type ImpossibleDate,
  isReadingTime,
  isUpdateTime,
  type ParsedDate,
  parseDateline,
} from "./dates";
import { cjkByline, isCountSegment, isSerialSegment } from "./segments";
import { collapse, wordCount } from "./text";

const PREFIX =
  /^(?:(?:written|reported|posted|words|story|text|article|summari[sz]ed|compiled|edited|curated|produced|reporting|interview|analysis|hosted|presented)\s+by|propos\s+recueillis\s+par|entretien\s+réalisé\s+par|un\s+article\s+de|geschreven\s+door|a\s+cura\s+di|escrito\s+por|texto\s+de|by|par|von|por|di|door|av|af|de|author|authors|auteur|auteurs|autor|autorin|autores|autore|texte|text|texto|автор|текст)\s*[:\s]\s*/iu;

// A second role on the byline ("Reviewed by", "Edited by", "Photos by"): part of the meta line, but the
// people named are not the article's authors.
const SECOND_ROLE =
  /^(?:(?:medically|clinically|fact[- ]?checked\s+and)\s+)?(?:reviewed|fact[- ]?checked|checked|edited|illustrated|illustrations?|photographed|photos?|photography|graphics|video|translated|translation|additional\s+reporting|relue?|révisée?|vérifiée?|corrigée?|éditée?|revisad[oa]|revist[oa]|verificad[oa]|editad[oa]|geprüft|redigiert|lektoriert|bearbeitet|rivist[oa]|verificat[oa]|revisionat[oa]|nagekeken|gecontroleerd|bewerkt)\s+(?:by|par|von|por|da|di|door)\s+/iu;

/** Honorifics and credentials around a name: "Dr. Ann Lee, MD" names Ann Lee. */
const HONORIFIC = /^(?:dr|prof|mr|mrs|ms|mx|sir|dame|me|mme|m|herr|frau|sr|sra|dott)\.?\s+/iu;

const PARTICLES = new Set(
  "de da del della der den di du dos das van von le la al bin ibn y e ten ter zu".split(" "),
);
const ROLE =
  /^(?:staff|staff writer|staff reporter|senior (?:writer|reporter|editor|correspondent)|writer|reporter|editor|editors|correspondent|contributor|columnist|journalist|journaliste|rédaction|la rédaction|redaktion|redakteur|redakteurin|analyst|chief .+|.+ correspondent|.+ editor|.+ reporter|the .+ team|team|newsroom)$/iu;

function titleCase(w: string): string {
  return /^\p{Lu}{2,}$/u.test(w) ? w.charAt(0) + w.slice(1).toLowerCase() : w;
}

/** A person's (or a named AI's) name: 1-5 capitalised words, particles and initials allowed. */
export function cleanName(raw: string): string | null {
  let s = collapse(raw)
    .replace(/^(?:and|&|et|und|y|e)\s+/iu, "")
    .replace(/\s+(?:in|à|aus|en|from)\s+\p{Lu}[\p{L} -]*$/u, "")
    .replace(/^@/, "")
    .replace(/[.,;:]+$/u, "");
  if (s.includes("@") || /https?:|www\./iu.test(s)) return null;
  s = s.trim();
  const parts = s.split(" ").filter(Boolean);
  if (parts.length === 0 || parts.length > 5) return null;
  const ok = parts.every(
    (p, i) =>
      /^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(p) ||
      (i > 0 && PARTICLES.has(p.toLowerCase())) ||
      /^\p{Lu}\.$/u.test(p),
  );
  if (!ok) return null;
  // "JANE DOE" reads as shouting, "DataWire AI" as a brand: only an all-capitals name is recased.
  const shouting = parts.every((p) => !/\p{Ll}/u.test(p)) && parts.some((p) => p.length > 3);
  return shouting ? parts.map(titleCase).join(" ") : parts.join(" ");
}

/** Names in "Jane Doe and John Smith", "Jane Doe, John Smith", "Jane Doe, Reuters" (a lone word after a comma is an outlet). */
export function splitNames(s: string): string[] | null {
  const pieces = s
    .split(/\s*(?:,|;|\s&\s|\s+and\s+|\s+et\s+|\s+und\s+|\s+y\s+|\s+e\s+|\s+en\s+)\s*/iu)
    .map((p) => p.trim())
    .filter(Boolean);
  if (pieces.length === 0) return null;
  const names: string[] = [];
  let others = false;
  pieces.forEach((piece, i) => {
    let p = piece.replace(HONORIFIC, "");
    // "Jane Doe, reviewed by John Smith, MD": everyone from the second role on is not an author.
    if (others || SECOND_ROLE.test(p)) {
      others = true;
      return;
    }
    if (ROLE.test(p) || /^(?:editing|edited|compiled|graphics|photos?|fact-checking)\s+by\s/iu.test(p))
      return;
    p = p.replace(/^(?:additional\s+)?(?:reporting|writing)\s+by\s+/iu, "");
    if (i > 0 && !/\s/u.test(p) && names.length > 0) return;
    const n = cleanName(p);
    if (n !== null) names.push(n);
    else names.push("\u0000");
  });
  if (names.includes("\u0000") || names.length === 0) return null;
  return names;
}

export interface MetaLine {
  authors: string[];
  dates: (ParsedDate | ImpossibleDate)[];
  readingTime: boolean;
  /** A labelled byline ("By ...") was present: strong evidence even outside the header. */
  labelled: boolean;
}

const UPDATED_WORD =
  /\s(?:last\s+updated|updated|mis\s+à\s+jour|aktualisiert|actualizado|aggiornato|atualizado|bijgewerkt|수정)/iu;
const UPDATED_INSIDE =
  /(?<=\d[^|·]*)\s+(?=(?:last\s+updated|updated|mis\s+à\s+jour|aktualisiert|actualizado|aggiornato|atualizado|bijgewerkt|수정)(?!\p{L}))/giu;
const SEP = /\s+[|·•—–/]\s+|\s*[|·•]\s*|\s+-\s+/u;

/**
 * Parses a header meta line. Null when any segment is neither a byline, a date nor a reading time, so a
 * sentence that starts with "By 2028, ..." is never mistaken for a byline.
 */
export function parseMetaLine(line: string, dates: DateContext | boolean = false): MetaLine | null {
  const ctx: DateContext = typeof dates === "boolean" ? { dayFirst: dates } : dates;
  const t = collapse(line);
  if (t === "" || wordCount(t) > 24) return null;
  const out: MetaLine = { authors: [], dates: [], readingTime: false, labelled: false };
  // "March 12, 2026 5:04 AM GMT+1 Updated 2 hours ago": a second, labelled date with no separator.
  let segments = (UPDATED_WORD.test(t) ? t.replace(UPDATED_INSIDE, " | ") : t)
    .split(SEP)
    .filter((s) => s.trim() !== "");
  // "By Jane Doe on March 11, 2026" / "Par Jean Dupont le 12 mars 2026" / "Posted on 2026-02-03 by Jane Doe"
  segments = segments.flatMap((s) => {
    // "By Jane Doe 2019-11-18T20:51:19Z Science": a machine timestamp glued between the byline and a
    // short section label, which is dropped.
    const stamp =
      /^(.+?)\s+(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2}))(?:\s+(.*))?$/u.exec(s);
    if (
      stamp &&
      PREFIX.test(s) &&
      (stamp[3] === undefined || (wordCount(stamp[3]) <= 4 && !/\d/u.test(stamp[3])))
    )
      return [stamp[1] ?? "", stamp[2] ?? ""];
    const dateBy = /^(.*\d{4}.*?)\s+(by|par|von|por|di)\s+(.+)$/iu.exec(s);
    if (dateBy && parseDateline(dateBy[1] ?? "", ctx)) return [dateBy[1] ?? "", `${dateBy[2]} ${dateBy[3]}`];
    // "By Jane Doe, Wednesday, 20 November 2019 08:05 GMT": the first comma ends the name.
    const m = /^(.+?)(?:\s+(?:on|le|am|el|il)|\s*,)\s+(.*\d{4}.*)$/iu.exec(s);
    if (m && PREFIX.test(s) && parseDateline(m[2] ?? "", ctx)) return [m[1] ?? "", m[2] ?? ""];
    return [s];
  });
  let unlabelled: string | null = null;
  let lastDate: string | null = null;
  let role = false;
  for (const seg of segments) {
    const date = parseDateline(seg, ctx);
    if (date) {
      out.dates.push(date);
      lastDate = seg;
      continue;
    }
    // "27 nov 2025 - 06:30 CET", "21/11/2025 - 15:00": the time is its own segment.
    if (lastDate !== null && /^\d/u.test(seg)) {
      const joined = parseDateline(`${lastDate} ${seg}`, ctx);
      if (joined && !("impossible" in joined)) {
        out.dates[out.dates.length - 1] = joined;
        lastDate = `${lastDate} ${seg}`;
        continue;
      }
    }
    // "mis à jour à 12h02", "Updated 16:05": a later time on the day just given; nothing to keep.
    if (lastDate !== null && isUpdateTime(seg)) continue;
    if (isReadingTime(seg)) {
      out.readingTime = true;
      continue;
    }
    // "7 reacties", "Issue #212": counters and serial numbers ride along, but are no evidence by themselves.
    if (isCountSegment(seg) || isSerialSegment(seg)) continue;
    const cjk = cjkByline(seg);
    if (cjk !== null) {
      out.authors.push(cjk);
      out.labelled = true;
      continue;
    }
    const second = SECOND_ROLE.exec(seg);
    if (second) {
      if (!splitNames(seg.slice(second[0].length))) return null;
      role = true;
      out.labelled = true;
      continue;
    }
    if (ROLE.test(seg.trim())) {
      role = true;
      continue;
    }
    const m = PREFIX.exec(seg);
    if (m) {
      const names = splitNames(seg.slice(m[0].length));
      if (!names) return null;
      out.authors.push(...names);
      out.labelled = true;
      continue;
    }
    if (unlabelled === null && segments.length > 1) {
      unlabelled = seg;
      continue;
    }
    return null;
  }
  // An unlabelled segment counts only next to a date or reading time. "Jane Doe · March 11, 2026" names an
  // author; "Lyon, France – March 18, 2026" or "PARIS - ..." is a place dateline: no author.
  if (unlabelled !== null) {
    if (out.dates.length === 0 && !out.readingTime && !role) return null;
    // One bare word beside a reading time or date is a place or the outlet ("Madrid - 27 nov 2025",
    // "4 min read · Wired"), not an author: names have two words or more.
    if (!/\s/u.test(unlabelled.trim())) return out.dates.length > 0 || out.readingTime ? out : null;
    const place = unlabelled.includes(",") || /^[\p{Lu}\s.'’-]+$/u.test(unlabelled);
    if (place) {
      if (!/^\p{Lu}/u.test(unlabelled) || wordCount(unlabelled) > 6) return null;
    } else {
      const names = splitNames(unlabelled);
      if (!names) return null;
      out.authors.push(...names);
    }
  }
  if (out.authors.length === 0 && out.dates.length === 0 && !out.readingTime && !(role && out.labelled))
    return null;
  return out;
}
