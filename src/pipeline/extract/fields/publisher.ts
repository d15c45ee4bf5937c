// The publisher: the masthead printed above the headline when it has a brand's shape, the site part of a
// "Headline | Site" page title, or, failing both, the source URL's host. Never a navigation word.
import { isSectionLabel, lineRule } from "../rules";
import type { Slot } from "../slots";
import { collapse, hasInnerCapital, key, wordCount } from "../text";
import { type Scored, Tally } from "./evidence";
import { fold, hostName, isCallToAction, isPersonName, isReadout, isTagline } from "./shapes";

const BRAND_WORD =
  /\b(?:news|times|post|journal|daily|herald|tribune|gazette|weekly|review|magazine|media|today|wire|report|monitor|observer|chronicle|insider|brief|notes|digest|dispatch|press|gazzetta|zeitung|quotidien|diario|tribuna|courrier|nouvelles|nachrichten|noticias|notizie|blog|radio|tv|ledger|courier|mail|star|sun|globe|mirror|express|standard|telegraph|guardian|bulletin|register|sentinel|examiner|inquirer|dispatch|record|voice|week|online|hub|wire|insight|tribune)\b/iu;

/** "Example Times" ~ example-times.co.uk: the name spells one of the host's labels, give or take a word. */
function matchesHost(name: string, host: string): boolean {
  const k = fold(key(name));
  if (k.length < 3) return false;
  const labels = host
    .split(".")
    .slice(0, -1)
    .map((l) => l.replace(/[^a-z0-9]/gu, ""))
    .filter(
      (l) => l.length >= 3 && !/^(?:www\d?|com|co|org|net|gov|edu|ac|blogs?|news|en|fr|de|es|it)$/u.test(l),
    );
  return labels.some(
    (l) =>
      l === k || (k.length >= 4 && Math.abs(l.length - k.length) <= 3 && (l.includes(k) || k.includes(l))),
  );
}

/** Cues for a short line as the site's name. */
function mastheadCues(t: string, host: string | null): Tally {
  const tally = new Tally();
  const s = collapse(t);
  const n = wordCount(s);
  tally.add(1.5, "masthead above the headline");
  if (n > 5 || s.length > 50) tally.add(-5, "too long for a name");
  if (!/^[^\p{L}]*[\p{Lu}\p{N}]/u.test(s) && /\p{Ll}/u.test(s.replace(/[^\p{L}]/gu, "").charAt(0)))
    tally.add(-5, "starts in lowercase");
  if (/[_{}<>[\]@#]|\d{3,}/u.test(s)) tally.add(-5, "markup or digits");
  if (isReadout(s)) tally.add(-5, "readout");
  // "navegaçãoMenu": menu entries the copy glued together.
  const unglued = s.replace(/(\p{Ll}{2})(\p{Lu})/gu, "$1 $2");
  if (isCallToAction(s) || isCallToAction(unglued) || lineRule(s) !== null) tally.add(-5, "navigation word");
  if (isSectionLabel(s)) tally.add(-5, "section label");
  if (isPersonName(s) && !BRAND_WORD.test(s)) tally.add(-1, "a person's name");
  if (hasInnerCapital(s)) tally.add(1.5, "brand spelling");
  if (BRAND_WORD.test(s)) tally.add(1, "publication word");
  if (n === 1 && !hasInnerCapital(s)) tally.add(-1.5, "a single plain word");
  if (host !== null) {
    if (matchesHost(s, host)) tally.add(4, "matches the URL's host");
    else tally.add(-1.5, "not the URL's host");
  }
  return tally;
}

export interface PublisherInput {
  slots: Slot[];
  /** Index of the first short line above the headline (the masthead slot), or null. */
  masthead: number | null;
  title: string | null;
  url: string | undefined;
}

/** The name recurs as a site names itself: "© 2026 Name", "Name.com", "Name News - " opening a paragraph. */
function namedAgain(slots: Slot[], name: string, except: number): boolean {
  const n = collapse(name);
  if (n.length < 3) return false;
  const esc = n.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
  const own = new RegExp(
    `^${esc}(?:\\s+\\p{Lu}\\p{L}*)?\\s*[-–—:]\\s|©\\s*(?:\\d{4}\\s*)?${esc}\\b|\\b${esc}\\.(?:com|org|net|ai|io|co|news)\\b`,
    "iu",
  );
  return slots.some((s, j) => j !== except && own.test(s.u.text));
}

export function choosePublisher(input: PublisherInput): Scored<string> | null {
  const host = hostName(input.url);
  const cands: Scored<string>[] = [];
  if (input.masthead !== null) {
    const t = (input.slots[input.masthead] as Slot).u.text;
    const tally = mastheadCues(t, host);
    // A site's name is printed at the top; a short line deep in the menus is a menu entry.
    const rank = input.slots.slice(0, input.masthead).filter((x) => x.u.text.trim() !== "").length;
    if (rank > 3) tally.add(-1.5, "deep in the menus");
    if (namedAgain(input.slots, t, input.masthead)) tally.add(1.5, "the page names itself so");
    const under = input.slots.slice(input.masthead + 1).find((s) => s.u.text !== "");
    if (under && isTagline(under.u.text)) tally.add(1.5, "above the site's tagline");
    cands.push({ value: collapse(t), score: tally.score, cues: tally.cues });
  }
  // "Headline | Site" or "Site - Headline": the page title names the site.
  const tk = input.title === null ? "" : key(input.title);
  if (tk !== "") {
    for (const s of input.slots) {
      const parts = s.u.text.split(/\s+[|–—-]\s+|\s+::\s+/u);
      if (parts.length < 2) continue;
      const first = parts[0] ?? "";
      const last = parts.at(-1) ?? "";
      const site =
        key(parts.slice(0, -1).join(" ")) === tk ? last : key(parts.slice(1).join(" ")) === tk ? first : null;
      if (site === null || wordCount(site) > 5) continue;
      const tally = mastheadCues(site, host);
      tally.add(1.5, "the page title names it");
      cands.push({ value: collapse(site), score: tally.score, cues: tally.cues });
    }
  }
  const best = cands.sort((a, b) => b.score - a.score)[0];
  if (best && best.score >= 1.5) return best;
  if (host !== null) return { value: host, score: 1, cues: [{ why: "the source URL's host", weight: 1 }] };
  return null;
}
