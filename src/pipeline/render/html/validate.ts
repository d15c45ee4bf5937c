// The pages trust the Site contract but check the parts that would otherwise produce broken links or
// silently wrong pages, and fail with a message that names the offending article or tag.

import type { Site } from "../../../shared/types";

// Slugs become URL path segments verbatim, so they must need no percent-encoding.
const SLUG = /^[A-Za-z0-9][A-Za-z0-9._~-]*$/;

function checkDate(value: string, where: string): void {
  if (typeof value !== "string" || Number.isNaN(Date.parse(value))) {
    throw new Error(`pages: ${where} is not an RFC 3339 date: ${JSON.stringify(value)}`);
  }
}

export function checkSite(site: Site): void {
  const { itemsPerFeed } = site.settings;
  if (!Number.isInteger(itemsPerFeed) || itemsPerFeed < 1) {
    throw new Error(
      `pages: settings.itemsPerFeed must be a positive integer, got ${JSON.stringify(itemsPerFeed)}`,
    );
  }
  checkDate(site.updated, "site.updated");

  const tagSlugs = new Set<string>();
  for (const tag of site.tags) {
    if (!SLUG.test(tag.slug)) throw new Error(`pages: tag slug ${JSON.stringify(tag.slug)} is not URL-safe`);
    if (tagSlugs.has(tag.slug)) throw new Error(`pages: tag slug ${JSON.stringify(tag.slug)} appears twice`);
    tagSlugs.add(tag.slug);
  }

  const ids = new Set(site.articles.map((a) => a.id));
  const slugs = new Set<string>();
  for (const a of site.articles) {
    const name = `article ${JSON.stringify(a.slug)} (${a.file})`;
    if (!SLUG.test(a.slug)) throw new Error(`pages: ${name} has a slug that is not URL-safe`);
    if (slugs.has(a.slug)) throw new Error(`pages: ${name} has a slug used by another article`);
    slugs.add(a.slug);
    checkDate(a.date, `${name} date`);
    if (a.updated !== null) checkDate(a.updated, `${name} updated`);
    for (const t of a.tags) {
      if (!tagSlugs.has(t))
        throw new Error(`pages: ${name} has tag ${JSON.stringify(t)} that is not in the taxonomy`);
    }
    for (const r of a.related) {
      if (!ids.has(r))
        throw new Error(`pages: ${name} lists related id ${JSON.stringify(r)} that is not in the site`);
    }
  }
}

/** Only http(s) addresses become links: a `javascript:` URL in metadata must never be clickable. */
export function safeHttpUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}
