// Which feed documents exist and how they link to each other: one logical feed for the site and one
// per tag, each split into a subscription document (newest N items) and RFC 5005 archive pages. The
// archive pages are cut from the OLDEST end, so adding a newer article never moves an item between
// earlier pages: a full page that is not the newest archive page never changes again.

import type { Article, Site, Tag } from "../../../shared/types";
import { latest, parseDate } from "./dates";
import { FeedInputError } from "./errors";

export type FeedFormat = "rss" | "atom" | "json";

export const FORMATS: readonly FeedFormat[] = ["rss", "atom", "json"];

export const FORMAT_INFO: Record<FeedFormat, { file: string; mediaType: string }> = {
  rss: { file: "feed.xml", mediaType: "application/rss+xml" },
  atom: { file: "atom.xml", mediaType: "application/atom+xml" },
  json: { file: "feed.json", mediaType: "application/feed+json" },
};

export const DEFAULT_ITEMS_PER_FEED = 50;

/** Archive pages that can no longer change may be cached for a long time. */
export const FROZEN_CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=604800";

/** One logical feed: the whole site or one tag. */
export interface FeedScope {
  /** Path prefix: "" for the site, `/tags/<slug>` for a tag. */
  base: string;
  title: string;
  description: string;
  /** The HTML page this feed mirrors (`/` or `/tags/<slug>`). */
  htmlPath: string;
  tag: Tag | null;
}

/** One feed document (in every format). */
export interface FeedPage {
  scope: FeedScope;
  /** null for the subscription document, else the archive page number (1 = oldest items). */
  archive: number | null;
  /** How many archive pages this logical feed has. */
  archiveCount: number;
  /** Newest first. */
  articles: Article[];
  /** RFC 3339: the newest date or update among `articles` (the site's date when there are none). */
  lastModified: string;
  /** Set only on archive pages that can no longer change. */
  cacheControl?: string;
}

/** Paging neighbours of a page, as page selectors (null archive = subscription document). */
export interface PageLinks {
  current: number | null | undefined;
  prevArchive: number | undefined;
  nextArchive: number | undefined;
}

export function pagePath(scope: FeedScope, archive: number | null, format: FeedFormat): string {
  const dir = archive === null ? "" : `/archive/${archive}`;
  return `${scope.base}${dir}/${FORMAT_INFO[format].file}`;
}

/**
 * RFC 5005 relations: the subscription document points at the newest archive page; every archive page
 * points at the subscription document ("current") and at its older/newer neighbours where they exist.
 * `current` is undefined on the subscription document itself.
 */
export function pageLinks(page: FeedPage): PageLinks {
  const { archive, archiveCount } = page;
  if (archive === null) {
    return {
      current: undefined,
      prevArchive: archiveCount > 0 ? archiveCount : undefined,
      nextArchive: undefined,
    };
  }
  return {
    current: null,
    prevArchive: archive > 1 ? archive - 1 : undefined,
    nextArchive: archive < archiveCount ? archive + 1 : undefined,
  };
}

export function itemsPerFeed(site: Site): number {
  const n = site.settings.itemsPerFeed ?? DEFAULT_ITEMS_PER_FEED;
  if (!Number.isInteger(n) || n < 1) {
    throw new FeedInputError(`settings.itemsPerFeed is ${JSON.stringify(n)}: it must be a whole number >= 1`);
  }
  return n;
}

/** The site feed first, then one per tag in taxonomy order. */
export function feedScopes(site: Site): FeedScope[] {
  const scopes: FeedScope[] = [
    {
      base: "",
      title: site.settings.title,
      description: site.settings.description,
      htmlPath: "/",
      tag: null,
    },
  ];
  for (const tag of site.tags) {
    scopes.push({
      base: `/tags/${tag.slug}`,
      title: `${site.settings.title}: ${tag.name}`,
      description: tag.description,
      htmlPath: `/tags/${tag.slug}`,
      tag,
    });
  }
  return scopes;
}

function newestDate(articles: readonly Article[], fallback: string): string {
  return latest(
    articles.flatMap((a) => (a.updated === null ? [a.date] : [a.date, a.updated])),
    fallback,
  );
}

/** Splits one logical feed's articles (newest first) into its subscription and archive documents. */
export function paginate(
  scope: FeedScope,
  articles: readonly Article[],
  perPage: number,
  siteUpdated: string,
): FeedPage[] {
  const current = articles.slice(0, perPage);
  // Oldest first, so page k always holds the same items once it is full.
  const older = articles.slice(perPage).reverse();
  const archiveCount = Math.ceil(older.length / perPage);
  const pages: FeedPage[] = [
    { scope, archive: null, archiveCount, articles: current, lastModified: newestDate(current, siteUpdated) },
  ];
  for (let k = 1; k <= archiveCount; k++) {
    const items = older.slice((k - 1) * perPage, k * perPage).reverse();
    const frozen = items.length === perPage && k < archiveCount;
    pages.push({
      scope,
      archive: k,
      archiveCount,
      articles: items,
      lastModified: newestDate(items, siteUpdated),
      ...(frozen ? { cacheControl: FROZEN_CACHE_CONTROL } : {}),
    });
  }
  return pages;
}

/** Articles must arrive newest first: paging depends on it, so a wrong order is an error, not a guess. */
export function assertNewestFirst(articles: readonly Article[]): void {
  for (let i = 1; i < articles.length; i++) {
    const prev = articles[i - 1] as Article;
    const cur = articles[i] as Article;
    if (Date.parse(prev.date) < Date.parse(cur.date)) {
      throw new FeedInputError(
        `articles are not sorted newest first: ${prev.file} (${prev.date}) comes before ${cur.file} (${cur.date})`,
      );
    }
  }
}

/** Checked up front so the error names the article, not whichever feed first used the date. */
function checkDates(a: Article): void {
  parseDate(a.date, `${a.file} date`);
  for (const field of ["published", "updated", "captured"] as const) {
    const v = a[field];
    if (v !== null) parseDate(v, `${a.file} ${field}`);
  }
}

/** Every feed document of the site: site feed pages, then each tag's. */
export function planFeeds(site: Site): FeedPage[] {
  for (const a of site.articles) checkDates(a);
  parseDate(site.updated, "site.updated");
  assertNewestFirst(site.articles);
  const perPage = itemsPerFeed(site);
  const known = new Set(site.tags.map((t) => t.slug));
  for (const a of site.articles) {
    for (const slug of a.tags) {
      if (!known.has(slug))
        throw new FeedInputError(`${a.file}: tag "${slug}" is not in the site's tag list`);
    }
  }
  return feedScopes(site).flatMap((scope) => {
    const slug = scope.tag?.slug;
    const articles = slug === undefined ? site.articles : site.articles.filter((a) => a.tags.includes(slug));
    return paginate(scope, articles, perPage, site.updated);
  });
}
