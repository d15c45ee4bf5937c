// Building blocks shared by several pages. Every string from the data goes through escapeHtml exactly
// once, here or in the page modules; `contentHtml` is the only pre-rendered HTML and is inserted as is.

import { escapeHtml } from "../../../shared/escape";
import type { Article, ArticleSource, Site, Tag } from "../../../shared/types";
import type { RenderContext } from "../types";
import { formatDay, listNames, plural } from "./format";
import { articlePath, type FeedSet, mainFeedSet, OPML_EXPLAIN, OPML_PATH, tagPath } from "./links";
import { safeHttpUrl } from "./validate";

/** Lookups the pages need more than once, built once per render. */
export interface Index {
  tagsBySlug: Map<string, Tag>;
  articlesById: Map<string, Article>;
  articlesByTag: Map<string, Article[]>;
}

export function buildIndex(site: Site): Index {
  const tagsBySlug = new Map(site.tags.map((t) => [t.slug, t]));
  const articlesById = new Map(site.articles.map((a) => [a.id, a]));
  const articlesByTag = new Map<string, Article[]>(site.tags.map((t) => [t.slug, []]));
  for (const a of site.articles) for (const t of a.tags) articlesByTag.get(t)?.push(a);
  return { tagsBySlug, articlesById, articlesByTag };
}

/** ` lang="fr"` when the article is not in the site's language, so screen readers switch voice. */
export function langAttr(ctx: RenderContext, article: Article): string {
  const site = ctx.site.settings.language.toLowerCase();
  const own = article.language.toLowerCase();
  if (own === "" || own === site || site.startsWith(`${own}-`)) return "";
  return ` lang="${escapeHtml(article.language)}"`;
}

/** The date as readers should understand it: a capture date is never passed off as publication. */
export function dateHtml(article: Article): string {
  const time = `<time datetime="${escapeHtml(article.date)}">${formatDay(article.date)}</time>`;
  if (article.dateSource === "captured") {
    return `<span class="date date-captured">Captured ${time} · publication date unknown</span>`;
  }
  return `<span class="date">${time}</span>`;
}

/** Publisher name, linked to the original when its address is known (host name if no publisher). */
export function sourceHtml(article: Article): string {
  const url = safeHttpUrl(article.url);
  const name = article.publisher ?? (url === null ? null : new URL(url).host);
  if (name === null) return "";
  const label = `<bdi>${escapeHtml(name)}</bdi>`;
  return url === null
    ? `<span class="source">${label}</span>`
    : `<span class="source"><a href="${escapeHtml(url)}" rel="external noopener">${label}</a></span>`;
}

const KIND_LABEL: Record<ArticleSource["kind"], string> = {
  feed: "feed",
  page: "saved page",
  capture: "capture",
};

/**
 * The article page's "from" line: every source it was built from (several when copies of one article
 * were merged), each linked to that copy's own address, else its site, and said to be a feed, a saved
 * page or a capture.
 */
export function fromHtml(article: Article): string {
  const seen = new Set<string>();
  const items = article.sources.flatMap((s) => {
    const href = safeHttpUrl(s.url) ?? safeHttpUrl(s.link);
    const name = s.title !== "" ? s.title : href === null ? null : new URL(href).host;
    if (name === null) return [];
    const key = `${s.kind}\n${name}\n${href ?? ""}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const label = `<bdi>${escapeHtml(name)}</bdi>`;
    const linked =
      href === null ? label : `<a href="${escapeHtml(href)}" rel="external noopener">${label}</a>`;
    return [`<span class="source">${linked} <span class="kind">(${KIND_LABEL[s.kind]})</span></span>`];
  });
  if (items.length === 0) return "";
  return `<p class="from">From ${listNames(items)}</p>`;
}

export function tagListHtml(index: Index, slugs: readonly string[]): string {
  const items = slugs.flatMap((slug) => {
    const tag = index.tagsBySlug.get(slug);
    return tag === undefined ? [] : [`<li><a href="${tagPath(tag)}">${escapeHtml(tag.name)}</a></li>`];
  });
  return items.length === 0 ? "" : `<ul class="tags" aria-label="Tags">${items.join("")}</ul>`;
}

/** One article in a listing (home, tag pages); `level` is the heading level inside the listing. */
export function entryHtml(ctx: RenderContext, index: Index, article: Article, level: 2 | 3 = 2): string {
  const lang = langAttr(ctx, article);
  const meta = [dateHtml(article), sourceHtml(article)].filter((s) => s !== "").join("");
  const summary = article.summary.trim();
  return `<li class="entry">
<article>
<h${level} class="entry-title" dir="auto"${lang}><a href="${articlePath(article.slug)}">${escapeHtml(article.title)}</a></h${level}>
<p class="meta">${meta}</p>
${summary === "" ? "" : `<p class="summary" dir="auto"${lang}>${escapeHtml(summary)}</p>\n`}${tagListHtml(index, article.tags)}
</article>
</li>`;
}

export function entryListHtml(ctx: RenderContext, index: Index, articles: readonly Article[]): string {
  if (articles.length === 0) return `<p class="empty">No articles here yet.</p>`;
  return `<ol class="entries" role="list">\n${articles.map((a) => entryHtml(ctx, index, a)).join("\n")}\n</ol>`;
}

function feedRow(ctx: RenderContext, path: string, label: string, explain: string, fmt: string): string {
  return `<li class="feed feed-${fmt}">
<a class="feed-name" href="${path}">${escapeHtml(label)}</a>
<span class="feed-explain">${escapeHtml(explain)}</span>
<code class="feed-url">${escapeHtml(ctx.origin + path)}</code>
</li>`;
}

/**
 * The subscribe box: every format of `set` with a line about each, and the OPML. For a tag, the
 * site-wide feeds follow so a visitor can still take everything.
 */
export function subscribeHtml(ctx: RenderContext, set: FeedSet): string {
  const main = mainFeedSet(ctx.site);
  const isMain = set.htmlPath === main.htmlPath;
  const rows = set.feeds.map((f) => feedRow(ctx, f.path, f.label, f.explain, f.format));
  rows.push(feedRow(ctx, OPML_PATH, "OPML", OPML_EXPLAIN, "opml"));
  const intro = isMain
    ? "Follow every new article in your feed reader: paste one of these addresses into it."
    : "Follow only this tag in your feed reader: paste one of these addresses into it.";
  const everything = isMain
    ? ""
    : `<p class="subscribe-more">Or follow everything: ${main.feeds
        .map((f) => `<a href="${f.path}">${escapeHtml(f.label)}</a>`)
        .join(" · ")}.</p>\n`;
  return `<section class="subscribe" aria-labelledby="subscribe-title">
<h2 id="subscribe-title">Subscribe</h2>
<p>${intro}</p>
<ul class="feeds" role="list">
${rows.join("\n")}
</ul>
${everything}</section>`;
}

/** Numbered page links; `pathOf(1)` is the listing's first page. */
export function pagerHtml(current: number, count: number, pathOf: (page: number) => string): string {
  if (count <= 1) return "";
  const prev =
    current > 1 ? `<a class="pager-prev" rel="prev" href="${pathOf(current - 1)}">← Newer</a>` : "";
  const next =
    current < count ? `<a class="pager-next" rel="next" href="${pathOf(current + 1)}">Older →</a>` : "";
  const numbers: string[] = [];
  for (let p = 1; p <= count; p++) {
    numbers.push(
      p === current
        ? `<li><a href="${pathOf(p)}" aria-current="page">${p}</a></li>`
        : `<li><a href="${pathOf(p)}">${p}</a></li>`,
    );
  }
  return `<nav class="pager" aria-label="Pages">
${prev}
<ol class="pager-pages" role="list">${numbers.join("")}</ol>
${next}
</nav>`;
}

export function countHtml(n: number): string {
  return plural(n, "article", "articles");
}
