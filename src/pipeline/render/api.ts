// The JSON API, prerendered: one document per article, the tag list, and for the dynamic
// `/api/articles` query an index plus one ready-made JSON fragment per article, so the Worker only
// filters positions and concatenates strings.

import type { ApiIndex } from "../../shared/api-index";
import { tokenize } from "../../shared/search-tokens";
import type { Article, Tag } from "../../shared/types";
import { siteOrder } from "../enrich/order";
import { lastChanged } from "./clock";
import { jsonSources } from "./feeds/sources";
import type { RenderContext, RenderedRoute } from "./types";

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * JSON text that is also safe to embed anywhere: `<`, `>`, `&` and the JS line separators escaped, so a
 * title like `</script>` never appears verbatim in an API body.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => SAFE_ESCAPES[c] ?? c);
}

// Precomputed: HTML bodies hold thousands of `<` and `>`, each formatted anew before.
const SAFE_ESCAPES: Record<string, string> = Object.fromEntries(
  ["<", ">", "&", "\u2028", "\u2029"].map((c) => [c, `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`]),
);

/** API order is the site's order (enrich/order.ts): the order cursors rely on. */
export const apiOrder = siteOrder;

function feedUrls(origin: string, prefix: string) {
  return {
    rss: `${origin}${prefix}/feed.xml`,
    atom: `${origin}${prefix}/atom.xml`,
    json: `${origin}${prefix}/feed.json`,
  };
}

function summaryObject(a: Article, origin: string, tagsBySlug: Map<string, Tag>) {
  return {
    id: a.id,
    slug: a.slug,
    url: `${origin}/articles/${a.slug}`,
    api_url: `${origin}/api/articles/${a.slug}`,
    title: a.title,
    subtitle: a.subtitle,
    summary: a.summary,
    date: a.date,
    date_source: a.dateSource,
    published: a.published,
    updated: a.updated,
    captured: a.captured,
    authors: a.authors,
    publisher: a.publisher,
    source_url: a.url,
    language: a.language,
    tags: a.tags.map((slug) => ({ slug, name: tagsBySlug.get(slug)?.name ?? slug })),
    word_count: a.wordCount,
    story: a.story,
  };
}

export function renderApi(ctx: RenderContext): { routes: RenderedRoute[]; index: ApiIndex } {
  return { routes: [...apiRoutes(ctx)], index: apiIndex(ctx) };
}

/** The API's documents, rendered one at a time as they are consumed (a large site never holds them all). */
export function* apiRoutes(ctx: RenderContext): Generator<RenderedRoute> {
  const { site, origin } = ctx;
  const tagsBySlug = new Map(site.tags.map((t) => [t.slug, t]));
  const articles = apiOrder(site.articles);
  const byId = new Map(articles.map((a) => [a.id, a]));

  for (const a of articles) {
    for (const slug of a.tags) {
      if (!tagsBySlug.has(slug)) throw new Error(`${a.file}: tag "${slug}" is not in the taxonomy`);
    }
    const related = a.related.flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ id: r.id, slug: r.slug, title: r.title, url: `${origin}/articles/${r.slug}` }] : [];
    });
    const feeds = [
      { title: site.settings.title, ...feedUrls(origin, "") },
      ...a.tags.map((slug) => ({
        title: tagsBySlug.get(slug)?.name ?? slug,
        ...feedUrls(origin, `/tags/${slug}`),
      })),
    ];
    const head = safeJson(summaryObject(a, origin, tagsBySlug));
    const tail = safeJson({
      text: a.text,
      related,
      feeds,
      // Where the article came from, as JSON Feed's `_source.sources` says it (every merged copy).
      sources: jsonSources(a),
    });
    // The same document as safeJson({...summary, content_html, text, ...}) except that content_html is
    // plain JSON.stringify, like JSON Feed's: the same bytes there and here, so the emitter stores the
    // article's largest value once for both (its chunks are cut at the value's ends, see cuts.ts). The
    // `<`, `>`, `&` escapes only matter where JSON is pasted into an HTML <script>; this is an
    // application/json response sent with nosniff, which no browser renders as HTML, and its consumers
    // parse it as JSON, which decodes both spellings to the same string (JSON Feed ships it this way).
    const body = `${head.slice(0, -1)},"content_html":${JSON.stringify(a.contentHtml)},${tail.slice(1)}`;
    yield {
      path: `/api/articles/${a.slug}`,
      body,
      type: JSON_TYPE,
      kind: "json",
      // `related` is scored against the whole corpus (TF-IDF), so any arrival may reorder it.
      lastModified: lastChanged(site, articles, a.date),
      link: `<${origin}/articles/${a.slug}>; rel="alternate"; type="text/html"`,
    };
  }

  const counts = new Map<string, number>();
  for (const a of articles) for (const t of a.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  const tagsDoc = {
    tags: site.tags.map((t) => ({
      slug: t.slug,
      name: t.name,
      description: t.description,
      count: counts.get(t.slug) ?? 0,
      url: `${origin}/tags/${t.slug}`,
      feeds: feedUrls(origin, `/tags/${t.slug}`),
    })),
  };
  yield {
    path: "/api/tags",
    body: safeJson(tagsDoc),
    type: JSON_TYPE,
    kind: "json",
    lastModified: site.updated,
    link: `<${origin}/tags>; rel="alternate"; type="text/html"`,
  };
}

/** The index of the dynamic `/api/articles` query (positions in API order). */
export function apiIndex(ctx: RenderContext): ApiIndex {
  const { site, origin } = ctx;
  const tagsBySlug = new Map(site.tags.map((t) => [t.slug, t]));
  return buildIndex(apiOrder(site.articles), site.tags, site.updated, origin, tagsBySlug);
}

function buildIndex(
  articles: Article[],
  tags: Tag[],
  updated: string,
  origin: string,
  tagsBySlug: Map<string, Tag>,
): ApiIndex {
  const terms = new Map<string, number[]>();
  articles.forEach((a, pos) => {
    const text = [a.title, a.subtitle ?? "", a.summary, a.text].join("\n");
    for (const token of new Set(tokenize(text))) {
      const list = terms.get(token);
      if (list) list.push(pos);
      else terms.set(token, [pos]);
    }
  });
  const termRecord: Record<string, number[]> = {};
  for (const key of [...terms.keys()].sort()) termRecord[key] = terms.get(key) ?? [];
  return {
    ids: articles.map((a) => a.id),
    dates: articles.map((a) => a.date),
    tags: tags.map((t) => ({
      slug: t.slug,
      postings: articles.flatMap((a, pos) => (a.tags.includes(t.slug) ? [pos] : [])),
    })),
    terms: termRecord,
    summaries: articles.map((a) => safeJson(summaryObject(a, origin, tagsBySlug))),
    updated,
  };
}
