// Paged article listings: the home page (`/`, `/page/2`, ...) and each tag page (`/tags/<slug>`,
// `/tags/<slug>/page/2`, ...). Pages hold settings.itemsPerFeed articles, newest first, like the feeds.

import { escapeHtml } from "../../../shared/escape";
import type { Article, Site, Tag } from "../../../shared/types";
import { lastChanged } from "../clock";
import type { RenderContext, RenderedRoute } from "../types";
import { plural } from "./format";
import { renderDocument } from "./layout";
import { type FeedSet, mainFeedSet, tagFeedSet, tagPath } from "./links";
import { countHtml, entryListHtml, type Index, pagerHtml, subscribeHtml } from "./parts";

export const HTML_TYPE = "text/html; charset=utf-8";

/** Last-Modified of a page showing (or counting) `articles`: the site's clock (render/clock.ts). */
export function newestArticleDate(site: Site, articles: readonly Article[], fallback: string): string {
  return lastChanged(site, articles, fallback);
}

/** `Link` header: the feeds of this listing and the neighbouring pages. */
function linkHeader(ctx: RenderContext, feeds: FeedSet, prev: string | null, next: string | null): string {
  const parts = feeds.feeds.map((f) => `<${ctx.origin}${f.path}>; rel="alternate"; type="${f.type}"`);
  if (prev !== null) parts.push(`<${ctx.origin}${prev}>; rel="prev"`);
  if (next !== null) parts.push(`<${ctx.origin}${next}>; rel="next"`);
  return parts.join(", ");
}

interface Listing {
  base: string;
  articles: readonly Article[];
  feeds: FeedSet;
  section: "home" | "tags";
  /** Page title (null on the front page: the site title alone). */
  title: (page: number, count: number) => string | null;
  description: string;
  intro: (page: number, count: number) => string;
}

function pagePath(base: string, page: number): string {
  if (page === 1) return base;
  return `${base === "/" ? "" : base}/page/${page}`;
}

function renderListing(ctx: RenderContext, index: Index, listing: Listing): RenderedRoute[] {
  const per = ctx.site.settings.itemsPerFeed;
  const count = Math.max(1, Math.ceil(listing.articles.length / per));
  const routes: RenderedRoute[] = [];
  for (let page = 1; page <= count; page++) {
    const shown = listing.articles.slice((page - 1) * per, page * per);
    const path = pagePath(listing.base, page);
    const pathOf = (p: number) => pagePath(listing.base, p);
    const main = `${listing.intro(page, count)}
${entryListHtml(ctx, index, shown)}
${pagerHtml(page, count, pathOf)}
${subscribeHtml(ctx, listing.feeds)}`;
    routes.push({
      path,
      body: renderDocument(ctx, {
        path,
        title: listing.title(page, count),
        description: listing.description,
        feeds: [listing.feeds],
        ogType: "website",
        section: listing.section,
        main,
      }),
      type: HTML_TYPE,
      kind: "html",
      // Every page of a listing counts and pages through all of its articles, so it changes with any.
      lastModified: newestArticleDate(ctx.site, listing.articles, ctx.site.updated),
      link: linkHeader(
        ctx,
        listing.feeds,
        page > 1 ? pathOf(page - 1) : null,
        page < count ? pathOf(page + 1) : null,
      ),
    });
  }
  return routes;
}

function pageNote(page: number, count: number): string {
  return count > 1 ? ` · Page ${page} of ${count}` : "";
}

export function renderHome(ctx: RenderContext, index: Index): RenderedRoute[] {
  const { settings } = ctx.site;
  return renderListing(ctx, index, {
    base: "/",
    articles: ctx.site.articles,
    feeds: mainFeedSet(ctx.site),
    section: "home",
    title: (page, count) => (page === 1 ? null : `Page ${page} of ${count}`),
    description: settings.description,
    intro: (page, count) => `<header class="intro">
<h1>${escapeHtml(settings.title)}</h1>
<p class="lede">${escapeHtml(settings.description)}</p>
<p class="intro-links">${countHtml(ctx.site.articles.length)} · ${plural(ctx.site.tags.length, "tag", "tags")}${pageNote(page, count)} · <a href="#subscribe-title">Subscribe</a></p>
</header>`,
  });
}

export function renderTagPage(ctx: RenderContext, index: Index, tag: Tag): RenderedRoute[] {
  const articles = index.articlesByTag.get(tag.slug) ?? [];
  return renderListing(ctx, index, {
    base: tagPath(tag),
    articles,
    feeds: tagFeedSet(ctx.site, tag),
    section: "tags",
    title: (page, count) => (page === 1 ? tag.name : `${tag.name}, page ${page} of ${count}`),
    description: tag.description,
    intro: (page, count) => `<header class="intro">
<p class="kicker"><a href="/tags">Tags</a></p>
<h1 dir="auto">${escapeHtml(tag.name)}</h1>
<p class="lede" dir="auto">${escapeHtml(tag.description)}</p>
<p class="intro-links">${countHtml(articles.length)}${pageNote(page, count)} · <a href="#subscribe-title">Subscribe to this tag</a></p>
</header>`,
  });
}
