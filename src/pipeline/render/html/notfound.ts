// The 404 page, served by the Worker for every unknown path. It is rendered once, so it can never echo
// the requested path; instead it points at everything that does exist.

import { escapeHtml } from "../../../shared/escape";
import type { RenderContext, RenderedRoute } from "../types";
import { renderDocument } from "./layout";
import { mainFeedSet, tagPath } from "./links";
import { HTML_TYPE, newestArticleDate } from "./listing";
import { countHtml, type Index, subscribeHtml } from "./parts";

export function renderNotFoundPage(ctx: RenderContext, index: Index): RenderedRoute {
  const tags = ctx.site.tags.map(
    (tag) =>
      `<li><a href="${tagPath(tag)}" dir="auto">${escapeHtml(tag.name)}</a> <span class="count">${countHtml(index.articlesByTag.get(tag.slug)?.length ?? 0)}</span></li>`,
  );
  const tagSection =
    tags.length === 0
      ? ""
      : `<section aria-labelledby="browse-title">
<h2 id="browse-title">Browse by tag</h2>
<ul class="tag-index" role="list">
${tags.join("\n")}
</ul>
</section>`;
  const main = `<header class="intro">
<p class="kicker">Error 404</p>
<h1>Page not found</h1>
<p class="lede">There is nothing at this address. The link may be mistyped, or the page may have moved.</p>
<p class="intro-links"><a href="/">Go to the latest articles</a> · <a href="/tags">See all tags</a></p>
</header>
${tagSection}
${subscribeHtml(ctx, mainFeedSet(ctx.site))}`;
  return {
    path: "/404",
    body: renderDocument(ctx, {
      path: null,
      title: "Page not found",
      description: `This address does not exist on ${ctx.site.settings.title}.`,
      feeds: [],
      ogType: "website",
      section: null,
      main,
    }),
    type: HTML_TYPE,
    kind: "html",
    lastModified: newestArticleDate(ctx.site, ctx.site.articles, ctx.site.updated),
    status: 404,
  };
}
