// One page per article: header (title, dek, byline, date, source), the clean content, tags, and the
// other captures of the same story.

import { escapeHtml } from "../../../shared/escape";
import type { Article } from "../../../shared/types";
import type { RenderContext, RenderedRoute } from "../types";
import { formatDay, listNames, truncate } from "./format";
import { renderDocument } from "./layout";
import { articlePath } from "./links";
import { HTML_TYPE, newestArticleDate } from "./listing";
import { dateHtml, fromHtml, type Index, langAttr, sourceHtml, tagListHtml } from "./parts";
import { safeHttpUrl } from "./validate";

const RTL_LANGUAGES = new Set([
  "ar",
  "arc",
  "dv",
  "fa",
  "ha",
  "he",
  "khw",
  "ks",
  "ku",
  "ps",
  "sd",
  "ur",
  "yi",
]);
const WORDS_PER_MINUTE = 230;

function dirAttr(article: Article): string {
  const primary = article.language.toLowerCase().split("-")[0] ?? "";
  return RTL_LANGUAGES.has(primary) ? ' dir="rtl"' : "";
}

function relatedHtml(ctx: RenderContext, index: Index, article: Article): { html: string; shown: Article[] } {
  const shown = article.related.flatMap((id) => {
    const other = index.articlesById.get(id);
    return other === undefined ? [] : [other];
  });
  if (shown.length === 0) return { html: "", shown };
  const items = shown.map((other) => {
    const meta = [
      sourceHtml(other),
      `<span class="date"><time datetime="${escapeHtml(other.date)}">${formatDay(other.date)}</time></span>`,
    ];
    return `<li>
<a href="${articlePath(other.slug)}" dir="auto"${langAttr(ctx, other)}>${escapeHtml(other.title)}</a>
<p class="meta">${meta.filter((s) => s !== "").join("")}</p>
</li>`;
  });
  return {
    shown,
    html: `<aside class="related" aria-labelledby="related-title">
<h2 id="related-title">Other captures of this story</h2>
<ol role="list">
${items.join("\n")}
</ol>
</aside>`,
  };
}

export function renderArticle(ctx: RenderContext, index: Index, article: Article): RenderedRoute {
  const path = articlePath(article.slug);
  const lang = langAttr(ctx, article);
  const url = safeHttpUrl(article.url);
  const related = relatedHtml(ctx, index, article);

  const header: string[] = [`<h1 dir="auto"${lang}>${escapeHtml(article.title)}</h1>`];
  if (article.subtitle !== null && article.subtitle.trim() !== "") {
    header.push(`<p class="dek" dir="auto"${lang}>${escapeHtml(article.subtitle)}</p>`);
  }
  if (article.authors.length > 0) {
    header.push(
      `<p class="byline">By ${listNames(article.authors.map((a) => `<bdi>${escapeHtml(a)}</bdi>`))}</p>`,
    );
  }
  const meta = [dateHtml(article), sourceHtml(article)];
  if (article.updated !== null && formatDay(article.updated) !== formatDay(article.date)) {
    meta.push(
      `<span class="date">Updated <time datetime="${escapeHtml(article.updated)}">${formatDay(article.updated)}</time></span>`,
    );
  }
  if (article.wordCount > 0)
    meta.push(`<span>${Math.max(1, Math.round(article.wordCount / WORDS_PER_MINUTE))} min read</span>`);
  header.push(`<p class="meta">${meta.filter((s) => s !== "").join("")}</p>`);
  const original =
    url === null
      ? ""
      : `<p class="original"><a href="${escapeHtml(url)}" rel="external noopener">Read the original${
          article.publisher === null ? "" : ` at <bdi>${escapeHtml(article.publisher)}</bdi>`
        } <span aria-hidden="true">↗</span></a></p>`;
  const tags = tagListHtml(index, article.tags);

  const main = `<article class="story">
<header class="story-header">
${header.join("\n")}
${tags}
</header>
<div class="prose"${lang}${dirAttr(article)}>
${article.contentHtml}
</div>
<footer class="story-footer">
${fromHtml(article)}
${original}
<p class="capture-note">This is a cleaned-up capture of the original article${
    article.dateSource === "captured" ? `, taken on ${formatDay(article.date)}` : ""
  }.</p>
</footer>
</article>
${related.html}`;

  const og: string[] = [];
  if (article.published !== null)
    og.push(`<meta property="article:published_time" content="${escapeHtml(article.published)}">`);
  if (article.updated !== null)
    og.push(`<meta property="article:modified_time" content="${escapeHtml(article.updated)}">`);
  for (const a of article.authors) og.push(`<meta name="author" content="${escapeHtml(a)}">`);

  return {
    path,
    body: renderDocument(ctx, {
      path,
      title: article.title,
      description: truncate(article.summary === "" ? article.text : article.summary, 200),
      feeds: [],
      ogType: "article",
      meta: og,
      section: null,
      main,
    }),
    type: HTML_TYPE,
    kind: "html",
    // The related list is scored against the whole corpus (TF-IDF), so any arrival may reorder it.
    lastModified: newestArticleDate(ctx.site, ctx.site.articles, article.date),
  };
}
