// Tagging: taxonomy rules run over the CLEANED title and body only, so site chrome (related-article
// lists, menus) can never tag an article.
import type { TagRule } from "./taxonomy";

export interface TagMatch {
  slug: string;
  count: number;
  /** Where the tag came from, for the build report. */
  source: "text" | "front-matter";
}

const aliasCache = new Map<string, RegExp>();

/** Whole-word, case-insensitive, whitespace-tolerant matcher for a literal alias. */
export function aliasRegExp(alias: string): RegExp {
  let re = aliasCache.get(alias);
  if (!re) {
    const body = alias
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[\\s\\u00a0-]+");
    re = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, "giu");
    aliasCache.set(alias, re);
  }
  return re;
}

function countMatches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

export function countTag(rule: TagRule, text: string): number {
  let n = 0;
  for (const a of rule.aliases) n += countMatches(aliasRegExp(a), text);
  for (const p of rule.patterns) n += countMatches(p, text);
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
