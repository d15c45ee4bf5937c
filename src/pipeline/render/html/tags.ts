// `/tags`: every tag with its description, article count and feeds.

import { escapeHtml } from "../../../shared/escape";
import type { RenderContext, RenderedRoute } from "../types";
import { plural } from "./format";
import { renderDocument } from "./layout";
import { mainFeedSet, tagFeedSet, tagPath } from "./links";
import { HTML_TYPE, newestArticleDate } from "./listing";
import { countHtml, type Index } from "./parts";

export function tagCardsHtml(ctx: RenderContext, index: Index): string {
  if (ctx.site.tags.length === 0) return `<p class="empty">No tags yet.</p>`;
  const cards = ctx.site.tags.map((tag) => {
    const n = index.articlesByTag.get(tag.slug)?.length ?? 0;
    const feeds = tagFeedSet(ctx.site, tag).feeds.map(
      (f) => `<a href="${f.path}" title="${escapeHtml(f.explain)}">${escapeHtml(f.label)}</a>`,
    );
    return `<li class="tag-card">
<h2><a href="${tagPath(tag)}" dir="auto">${escapeHtml(tag.name)}</a> <span class="count">${countHtml(n)}</span></h2>
<p dir="auto">${escapeHtml(tag.description)}</p>
<p class="tag-feeds"><span class="tag-feeds-label">Feeds</span> <span class="inline-list">${feeds.join("")}</span></p>
</li>`;
  });
  return `<ul class="tag-cards" role="list">\n${cards.join("\n")}\n</ul>`;
}

export function renderTagsIndex(ctx: RenderContext, index: Index): RenderedRoute {
  const main = `<header class="intro">
<h1>Tags</h1>
<p class="lede">Every article is filed under the topics it covers. Each tag has its own page and its own feeds, so you can follow just the stories you care about.</p>
<p class="intro-links">${plural(ctx.site.tags.length, "tag", "tags")}</p>
</header>
${tagCardsHtml(ctx, index)}`;
  const feeds = mainFeedSet(ctx.site);
  return {
    path: "/tags",
    body: renderDocument(ctx, {
      path: "/tags",
      title: "Tags",
      description: `Every tag on ${ctx.site.settings.title}, with its feeds.`,
      feeds: [],
      ogType: "website",
      section: "tags",
      main,
    }),
    type: HTML_TYPE,
    kind: "html",
    lastModified: newestArticleDate(ctx.site, ctx.site.articles, ctx.site.updated),
    link: feeds.feeds.map((f) => `<${ctx.origin}${f.path}>; rel="alternate"; type="${f.type}"`).join(", "),
  };
}
