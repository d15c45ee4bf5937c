// The publisher: the name the page prints for itself. Candidates are the short lines and cells at the top
// of the page (the masthead), the names the page states ("© 2026 Name", "Name is part of ...", "Official
// website of the Name", the legal link row at the foot) and the site part of a "Headline | Site" title.
// Each is weighed by where it sits, whether the page prints it again, and whether the URL's host spells it;
// a confirmed name at the top wins. An all-caps masthead takes the casing the page writes it in elsewhere,
// a bare acronym the spelled-out name beside it. The URL's host is the last resort.
import { parseMetaLine } from "../byline";
import { isSectionLabel, lineRule } from "../rules";
import type { Slot } from "../slots";
import { collapse, endsSentence, hasInnerCapital, key, wordCount } from "../text";
import { type Scored, Tally } from "./evidence";
import { esc, pageText, printedAgain } from "./page-text";
import { selfNames } from "./selfname";
import { fold, hostName, isCallToAction, isPersonName, isReadout, isTagline } from "./shapes";

const BRAND_WORD =
  /\b(?:news|times|post|journal|daily|herald|tribune|gazette|weekly|review|magazine|media|today|wire|report|monitor|observer|chronicle|insider|brief|notes|digest|dispatch|press|gazzetta|zeitung|quotidien|diario|tribuna|courrier|nouvelles|nachrichten|noticias|notizie|blog|radio|tv|ledger|courier|mail|star|sun|globe|mirror|express|standard|telegraph|guardian|bulletin|register|sentinel|examiner|inquirer|record|voice|week|online|hub|insight|forums?)\b/iu;

const LATIN = /[A-Za-z]/u;
const AND_WORDS = ["", "and", "e", "et", "und", "y", "en"];

/** How the host spells the name: all of it (example-times.co.uk ~ "Example Times"), part of it, or not. */
function hostMatch(name: string, host: string): "full" | "partial" | null {
  const labels = host
    .split(".")
    .slice(0, -1)
    .filter((l) => !/^(?:www\d?|com|co|org|net|gov|edu|ac|blogs?|news|en|fr|de|es|it|sp|gob|gouv)$/u.test(l));
  const keys = AND_WORDS.map((w) => fold(key(name.replace(/\s*&\s*/gu, ` ${w} `))));
  // "Journal of Environmental Health Research" ~ jehr.example: the initials of its capitalised words.
  const initials = fold(
    name
      .split(/\s+/u)
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => w.charAt(0))
      .join(""),
  );
  if (initials.length >= 3 && labels.some((l) => l === initials)) return "full";
  let partial = false;
  for (const raw of labels) {
    const l = raw.replace(/[^a-z0-9]/gu, "");
    for (const k of keys) {
      if (k.length < 3 || l.length < 3) continue;
      if (
        l === k ||
        (k.length >= 4 && Math.abs(l.length - k.length) <= 3 && (l.includes(k) || k.includes(l)))
      )
        return "full";
      if (k.includes(l) || (k.length >= 4 && l.includes(k))) partial = true;
      if (raw.split("-").some((part) => part.length >= 5 && k.includes(part))) partial = true;
    }
  }
  return partial ? "partial" : null;
}

/** Cues for a short piece of text as the site's name, wherever it is printed. */
function nameCues(t: string, host: string | null, tally: Tally): void {
  const s = collapse(t);
  const n = wordCount(s);
  if (n > 6 || s.length > 50) tally.add(-5, "too long for a name");
  if (!/^[^\p{L}]*[\p{Lu}\p{N}]/u.test(s) && /\p{Ll}/u.test(s.replace(/[^\p{L}]/gu, "").charAt(0)))
    tally.add(-5, "starts in lowercase");
  if (/[_{}<>[\]@#]|\d{3,}|[.!?]$/u.test(s)) tally.add(-5, "markup, digits or a sentence");
  if (isReadout(s) || parseMetaLine(s) !== null) tally.add(-5, "a readout, date or byline");
  const match = host === null ? null : hostMatch(s, host);
  // "navegaçãoMenu": menu entries the copy glued together.
  const unglued = s.replace(/(\p{Ll}{2})(\p{Lu})/gu, "$1 $2");
  // "LocalCompute Forums": a brand the host spells may contain a menu word.
  const spelledByHost = match === "full" || (match === "partial" && hasInnerCapital(s));
  if (isCallToAction(s) || isCallToAction(unglued) || lineRule(s) !== null)
    tally.add(spelledByHost ? -1 : -5, "navigation word");
  if (isSectionLabel(s)) tally.add(-5, "section label");
  if (isPersonName(s) && !BRAND_WORD.test(s)) tally.add(-1, "a person's name");
  if (hasInnerCapital(s)) tally.add(1.5, "brand spelling");
  if (BRAND_WORD.test(s)) tally.add(1, "publication word");
  if (n === 1 && !hasInnerCapital(s) && LATIN.test(s)) tally.add(-1.5, "a single plain word");
  if (host !== null) {
    if (s.toLowerCase() === host) tally.add(4, "the URL's host, printed");
    else if (match === "full") tally.add(4, "matches the URL's host");
    else if (match === "partial") tally.add(2, "part of the URL's host");
    // A name in another script cannot spell a Latin host.
    else if (LATIN.test(s)) tally.add(-1.5, "not the URL's host");
  }
}

const hosted = (t: Tally): boolean => t.cues.some((c) => /URL's host/u.test(c.why) && c.weight > 0);

export interface PublisherInput {
  slots: Slot[];
  /** Index of the first short line above the headline (the masthead slot), or null. */
  masthead: number | null;
  title: string | null;
  url: string | undefined;
}

interface Cand extends Scored<string> {
  at: number;
  top: boolean;
  /** The URL's host spells it, in whole or in part. */
  hosted: boolean;
  /** Read from a line the block classifier may still return to the article (a long line over the headline). */
  weak?: boolean;
}

/** Short lines and the cells of short rows in the first lines of the page. */
function topCandidates(slots: Slot[], input: PublisherInput, host: string | null): Cand[] {
  const out: Cand[] = [];
  const tk = input.title === null ? "" : key(input.title);
  // Above the headline, or above the first sentence when no headline was found: further down, a short
  // line is the article's or its furniture, not the site's name.
  const title = slots.findIndex((s) => s.rule === "title");
  const sentence = slots.findIndex((s) => endsSentence(s.u.text) && wordCount(s.u.text) >= 6);
  const limit = title >= 0 ? title : sentence >= 0 ? sentence : slots.length;
  let rank = 0;
  for (let j = 0; j < limit && rank < 8; j++) {
    const s = slots[j] as Slot;
    if (s.u.text.trim() === "" || s.u.kind === "table" || s.u.kind === "code") continue;
    // A line the header reader kept as content is the article's, not the site's name (its echoes of a
    // short name are removed later, so a short line may still name it when no headline was found).
    if (s.rule === null && (title >= 0 || wordCount(s.u.text) > 4)) {
      rank++;
      continue;
    }
    const raw = s.u.src.map((l) => l.text).join(" ");
    const cells = raw
      .split(/\s{2,}|\t+|\s+\|\s+/u)
      .map((c) => collapse(c))
      .filter((c) => c !== "");
    for (const cell of cells.length > 0 ? cells : [s.u.text]) {
      if (key(cell) === tk) continue;
      const tally = new Tally();
      // A row of several cells is a menu; a cell of it is the site's name only if the host spells it.
      if (cells.length > 3 && !(host && hostMatch(cell, host))) continue;
      tally.add(
        rank === 0 ? 1.5 : rank <= 2 ? 1 : 0.5,
        rank === 0 ? "the page's first line" : "at the top of the page",
      );
      if (j === input.masthead) tally.add(1, "masthead above the headline");
      nameCues(cell, host, tally);
      if (rank === 0 && wordCount(cell) === 1) tally.add(1, "alone on the first line");
      const under = slots.slice(j + 1).find((x) => x.u.text.trim() !== "");
      if (cells.length === 1 && under && isTagline(under.u.text)) tally.add(1.5, "above the site's tagline");
      out.push({
        value: cell,
        score: tally.score,
        cues: tally.cues,
        at: j,
        top: true,
        hosted: hosted(tally),
        weak: s.rule === null || s.rule === "pre-title",
      });
    }
    rank++;
  }
  if (input.masthead !== null && !out.some((c) => c.at === input.masthead)) {
    const t = collapse((slots[input.masthead] as Slot).u.text);
    const tally = new Tally();
    tally.add(1.5, "masthead above the headline");
    nameCues(t, host, tally);
    out.push({
      value: t,
      score: tally.score,
      cues: tally.cues,
      at: input.masthead,
      top: true,
      hosted: hosted(tally),
    });
  }
  return out;
}

/** "Headline | Site" or "Site - Headline": the page title names the site. */
function titleCandidates(slots: Slot[], title: string | null, host: string | null): Cand[] {
  const tk = title === null ? "" : key(title);
  if (tk === "") return [];
  const out: Cand[] = [];
  slots.forEach((s, j) => {
    const parts = s.u.text.split(/\s+[|–—-]\s+|\s+::\s+/u);
    if (parts.length < 2) return;
    const first = parts[0] ?? "";
    const last = parts.at(-1) ?? "";
    const site =
      key(parts.slice(0, -1).join(" ")) === tk ? last : key(parts.slice(1).join(" ")) === tk ? first : null;
    if (site === null || wordCount(site) > 5) return;
    const tally = new Tally();
    tally.add(1.5, "the page title names it");
    nameCues(site, host, tally);
    out.push({
      value: collapse(site),
      score: tally.score,
      cues: tally.cues,
      at: j,
      top: false,
      hosted: hosted(tally),
    });
  });
  return out;
}

export function choosePublisher(input: PublisherInput): Scored<string> | null {
  const { slots } = input;
  const host = hostName(input.url);
  const stated = selfNames(slots);
  const cands = [...topCandidates(slots, input, host), ...titleCandidates(slots, input.title, host)];
  for (const n of stated) {
    const tally = new Tally();
    tally.add(2, n.why);
    nameCues(n.name, host, tally);
    cands.push({
      value: n.name,
      score: tally.score,
      cues: tally.cues,
      at: n.at,
      top: false,
      hosted: hosted(tally),
    });
  }
  const page = pageText(slots);
  for (const c of cands) {
    const k = key(c.value);
    if (k.length < 2) continue;
    // Named again by the page in a statement ("© 2026 Name", "Name Media is part of"), or printed again.
    const st = stated.find((n) => n.at !== c.at && key(n.name).startsWith(k));
    if (st) {
      c.score += 2;
      c.cues.push({ why: `the page names itself so (${st.why})`, weight: 2 });
    } else if (printedAgain(page, c.value, c.at)) {
      c.score += 1;
      c.cues.push({ why: "printed again on the page", weight: 1 });
    }
  }
  // Against a known host, a name the host does not spell needs more of the page's word for it: the first
  // line of a page copied with its menus is often a section ("World", "Training").
  // A weak line needs the host or the page's own statement behind it.
  const ok = (c: Cand): boolean =>
    c.score >= (host !== null && !c.hosted ? 3 : 1.5) &&
    (!c.weak || c.hosted || c.cues.some((x) => x.why.startsWith("the page names itself so")));
  const order = (a: Cand, b: Cand) => b.score - a.score || a.at - b.at;
  const top = cands.filter((c) => c.top && ok(c) && c.score >= 2).sort(order)[0];
  const best = top ?? cands.filter(ok).sort(order)[0];
  if (best)
    return { value: spelled(slots, best.at, recased(slots, best.value)), score: best.score, cues: best.cues };
  if (host !== null) return { value: host, score: 1, cues: [{ why: "the source URL's host", weight: 1 }] };
  return null;
}

/** "THE NORTHERN LEDGER" -> "The Northern Ledger" when the page writes it so elsewhere; else as printed. */
function recased(slots: Slot[], name: string): string {
  const letters = name.replace(/[^\p{L}]/gu, "");
  if (letters.length < 2 || /\p{Ll}/u.test(letters) || !/\p{Lu}/u.test(letters)) return name;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${esc(collapse(name))}(?![\\p{L}\\p{N}])`, "iu");
  for (const s of slots) {
    const m = re.exec(s.u.text)?.[0];
    if (m && /\p{Ll}/u.test(m)) return m;
  }
  return name;
}

/** "СИА" over "Сибирское информационное агентство": a bare acronym's spelled-out name beside it. */
function spelled(slots: Slot[], at: number, name: string): string {
  if (!/^\p{Lu}{2,6}$/u.test(name)) return name;
  for (const j of [at + 1, at + 2, at - 1]) {
    const t = collapse(slots[j]?.u.text ?? "");
    const ws = t.split(" ").filter((w) => /^\p{L}/u.test(w));
    if (ws.length >= 2 && ws.length <= 8 && ws.map((w) => w.charAt(0).toUpperCase()).join("") === name)
      return t;
  }
  return name;
}
