// Tagging: taxonomy rules run over the CLEANED title and body only, so site chrome (related-article
// lists, menus) can never tag an article.
import { aliasMatcher, type Span } from "./matchers";
import type { TagRule } from "./taxonomy";

export interface TagMatch {
  slug: string;
  count: number;
  /** Where the tag came from, for the build report. */
  source: "text" | "front-matter";
}

/**
 * Mentions of one tag: every alias and pattern hit that no veto covers. A veto ("FAIR data") covers a
 * hit when it starts at or before the hit and ends at or after it; hits are counted per matcher, as a
 * mention found by an alias and by a pattern counts twice.
 */
export function countTag(rule: TagRule, text: string): number {
  const hits: Span[] = [];
  // Loops, not push(...spans): spreading 100k hits overflows the call stack.
  for (const a of rule.aliases) for (const h of aliasMatcher(a, rule.caseSensitive).spans(text)) hits.push(h);
  for (const p of rule.patterns) for (const h of p.spans(text)) hits.push(h);
  if (hits.length === 0 || rule.vetoes.length === 0) return hits.length;
  const vetoes: Span[] = [];
  for (const m of rule.vetoes) for (const h of m.spans(text)) vetoes.push(h);
  if (vetoes.length === 0) return hits.length;
  // One sweep over both, sorted by start: a hit is covered iff the furthest end among vetoes starting
  // at or before it reaches its end. Linear after the sort, however many vetoes and hits.
  const byStart = (x: Span, y: Span) => x[0] - y[0];
  hits.sort(byStart);
  vetoes.sort(byStart);
  let n = 0;
  let v = 0;
  let reach = -1;
  for (const [s, e] of hits) {
    for (; v < vetoes.length && (vetoes[v] as Span)[0] <= s; v++)
      reach = Math.max(reach, (vetoes[v] as Span)[1]);
    if (reach < e) n++;
  }
  return n;
}

/**
 * Tags for one article, in taxonomy order: every rule that matches at least `minMatches` times in the
 * cleaned text, plus the front-matter tags (already resolved to slugs).
 */
export function matchTags(
  rules: readonly TagRule[],
  cleanedText: string,
  given: readonly string[],
): TagMatch[] {
  const out: TagMatch[] = [];
  for (const rule of rules) {
    const count = countTag(rule, cleanedText);
    if (given.includes(rule.slug)) out.push({ slug: rule.slug, count, source: "front-matter" });
    else if (count >= rule.minMatches) out.push({ slug: rule.slug, count, source: "text" });
  }
  return out;
}

/** Front-matter tags may name a tag by slug or by name; returns the slug or null when unknown. */
export function resolveTag(rules: readonly TagRule[], given: string): string | null {
  const g = given.trim().toLowerCase();
  const hit = rules.find((r) => r.slug === g || r.name.toLowerCase() === g);
  return hit ? hit.slug : null;
}
