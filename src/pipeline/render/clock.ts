// When each article entered or last changed in the corpus, as one deterministic clock that every
// response's Last-Modified (and Atom `updated`, RSS `lastBuildDate`) is read from.
//
// Publication dates cannot serve: an article published long ago but added today would leave every
// Last-Modified where it was, and a client sending only If-Modified-Since would get 304 forever. So
// articles are taken in the order they entered the corpus (`captured`, else their date; ties by file
// name, which numbered captures keep in arrival order, then id), and each gets the latest of its own
// dates (captured, published, updated), pushed to at least one second after the article before it.
// Every arrival at the end of that order therefore gets a clock value later than every other, even one
// captured the same day as the rest: the newest clock value of a response moves forward whenever an
// article enters it. Same corpus, same values; never the wall clock.
import type { Article, Site } from "../../shared/types";

type Dated = Pick<Article, "id" | "file" | "date" | "published" | "updated" | "captured">;

const ms = (rfc3339: string) => Date.parse(rfc3339);

/** When the article entered the corpus: the day it was captured, else (unknown) its date. */
export function enteredAt(a: Dated): number {
  return ms(a.captured ?? a.date);
}

function compareEntry(x: Dated, y: Dated): number {
  return enteredAt(x) - enteredAt(y) || cmp(x.file, y.file) || cmp(x.id, y.id);
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Oldest entry first: the order archives are cut in, so late arrivals always land at the newest end. */
export function entryOrder<T extends Dated>(articles: readonly T[]): T[] {
  return [...articles].sort(compareEntry);
}

/** The latest time the article itself says it entered or changed, in whole seconds. */
function changedAt(a: Dated): number {
  let best = Number.NEGATIVE_INFINITY;
  // A malformed date is the renderers' to report (with the file); here it only does not count.
  for (const d of [a.date, a.published, a.updated, a.captured]) {
    const t = d === null ? Number.NaN : ms(d);
    if (Number.isFinite(t)) best = Math.max(best, t);
  }
  return Math.floor(best / 1000) * 1000;
}

/** Clock value (ms) of every article of `articles`, by id: strictly increasing along entry order. */
export function corpusClock(articles: readonly Dated[]): Map<string, number> {
  const clock = new Map<string, number>();
  let last = Number.NEGATIVE_INFINITY;
  for (const a of entryOrder(articles)) {
    last = Math.max(changedAt(a), last + 1000);
    clock.set(a.id, last);
  }
  return clock;
}

const memo = new WeakMap<readonly Article[], Map<string, number>>();

/** The site's clock, computed once per site (every renderer asks for it). */
export function siteClock(site: Pick<Site, "articles">): Map<string, number> {
  let clock = memo.get(site.articles);
  if (clock === undefined) {
    clock = corpusClock(site.articles);
    memo.set(site.articles, clock);
  }
  return clock;
}

/** RFC 3339 (UTC, whole seconds) of a clock value. */
export function clockDate(value: number): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const newestMemo = new WeakMap<readonly Article[], WeakMap<readonly Dated[], number>>();

/** The newest clock value among `articles` as RFC 3339, or `fallback` when there are none. */
export function lastChanged(
  site: Pick<Site, "articles">,
  articles: readonly Dated[],
  fallback: string,
): string {
  // Every article page and API document asks for the whole site's newest value: scanning the site
  // each time made rendering quadratic in the corpus. The lists are readonly, so a memo per list holds.
  let known = newestMemo.get(site.articles);
  if (known === undefined) {
    known = new WeakMap();
    newestMemo.set(site.articles, known);
  }
  let best = known.get(articles);
  if (best === undefined) {
    const clock = siteClock(site);
    best = Number.NEGATIVE_INFINITY;
    for (const a of articles) best = Math.max(best, clock.get(a.id) ?? changedAt(a));
    known.set(articles, best);
  }
  return Number.isFinite(best) ? clockDate(best) : fallback;
}
