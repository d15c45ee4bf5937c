// Which feed documents exist and how they link to each other: one logical feed for the site and one
// per tag, each split into a subscription document and RFC 5005 archive pages. Membership follows the
// order articles ENTERED the corpus (render/clock.ts), not their publication dates: the subscription
// document holds the N latest arrivals and archive pages are cut from the oldest end, so an article that
// arrives late, whatever its date, lands in the subscription document, and a full archive page that is
// not the newest one (the only kind marked cacheable for a day) never changes again. Within a document,
// items keep the site's one order (date, newest first, then id).

import type { Article, Site, Tag } from "../../../shared/types";
import { clockDate, entryOrder, siteClock } from "../clock";
import { parseDate } from "./dates";
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
  /** RFC 3339, from the site's clock (render/clock.ts): moves forward whenever the document changes. */
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

/**
 * Splits one logical feed's articles (newest first) into its subscription and archive documents.
 * `clock` is the site's (render/clock.ts); `siteUpdated` dates a feed with no article at all.
 */
export function paginate(
  scope: FeedScope,
  articles: readonly Article[],
  perPage: number,
  siteUpdated: string,
  clock: ReadonlyMap<string, number>,
): FeedPage[] {
  const entered = entryOrder(articles);
  const archived = Math.max(0, entered.length - perPage);
  const archiveCount = Math.ceil(archived / perPage);
  // Newest first, as given: each document lists its members in the site's order.
  const pageOf = new Map<Article, number | null>();
  entered.forEach((a, i) => {
    pageOf.set(a, i >= archived ? null : Math.floor(i / perPage) + 1);
  });
  const members = (k: number | null) => articles.filter((a) => pageOf.get(a) === k);
  const clockAt = (i: number) => {
    const a = entered[i];
    return a === undefined ? siteUpdated : clockDate(clock.get(a.id) ?? Date.parse(a.date));
  };
  // A document that can still change is as new as the feed's latest arrival. Page k froze when page
  // k + 1 appeared, i.e. when entry (k + 1) * perPage (0-based) arrived: that clock value is its date for
  // good, and is later than anything the page said while it was still live.
  const live = clockAt(entered.length - 1);
  const pages: FeedPage[] = [
    { scope, archive: null, archiveCount, articles: members(null), lastModified: live },
  ];
  for (let k = 1; k <= archiveCount; k++) {
    const items = members(k);
    const frozen = items.length === perPage && k < archiveCount;
    pages.push({
      scope,
      archive: k,
      archiveCount,
      articles: items,
      lastModified: frozen ? clockAt((k + 1) * perPage) : live,
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
  const clock = siteClock(site);
  return feedScopes(site).flatMap((scope) => {
    const slug = scope.tag?.slug;
    const articles = slug === undefined ? site.articles : site.articles.filter((a) => a.tags.includes(slug));
    return paginate(scope, articles, perPage, site.updated, clock);
  });
}
