// What every format renderer needs besides the page: absolute URLs and lookups over the site.

import type { Article, Site, Tag } from "../../../shared/types";
import type { RenderContext } from "../types";
import { FeedInputError } from "./errors";
import { type FeedFormat, type FeedPage, FORMAT_INFO, pageLinks, pagePath } from "./plan";

export interface FeedEnv {
  site: Site;
  origin: string;
  tagsBySlug: Map<string, Tag>;
  articlesById: Map<string, Article>;
}

export function feedEnv(ctx: RenderContext): FeedEnv {
  if (typeof ctx.origin !== "string" || ctx.origin === "" || ctx.origin.endsWith("/")) {
    throw new FeedInputError(
      `origin is ${JSON.stringify(ctx.origin)}: it must be non-empty with no trailing slash`,
    );
  }
  return {
    site: ctx.site,
    origin: ctx.origin,
    tagsBySlug: new Map(ctx.site.tags.map((t) => [t.slug, t])),
    articlesById: new Map(ctx.site.articles.map((a) => [a.id, a])),
  };
}

/** The only way URLs are built: `${origin}${path}`. */
export function abs(env: FeedEnv, path: string): string {
  return `${env.origin}${path}`;
}

export function articleUrl(env: FeedEnv, article: Article): string {
  return abs(env, `/articles/${article.slug}`);
}

export function pageUrl(env: FeedEnv, page: FeedPage, archive: number | null, format: FeedFormat): string {
  return abs(env, pagePath(page.scope, archive, format));
}

export function tagOf(env: FeedEnv, slug: string, article: Article): Tag {
  const tag = env.tagsBySlug.get(slug);
  if (!tag) throw new FeedInputError(`${article.file}: tag "${slug}" is not in the site's tag list`);
  return tag;
}

/** The article's original address when it is a usable absolute http(s) URL. */
export function externalUrl(article: Article): string | undefined {
  if (article.url === null || article.url === "") return undefined;
  let parsed: URL;
  try {
    parsed = new URL(article.url);
  } catch {
    throw new FeedInputError(`${article.file}: url ${JSON.stringify(article.url)} is not an absolute URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new FeedInputError(`${article.file}: url ${JSON.stringify(article.url)} is not an http(s) URL`);
  }
  return article.url;
}

/** `Link` header: the page's other formats, then its RFC 5005 neighbours in the same format. */
export function linkHeader(env: FeedEnv, page: FeedPage, format: FeedFormat): string {
  const parts: string[] = [];
  for (const other of ["rss", "atom", "json"] as const) {
    if (other === format) continue;
    const url = pageUrl(env, page, page.archive, other);
    parts.push(`<${url}>; rel="alternate"; type="${FORMAT_INFO[other].mediaType}"`);
  }
  const links = pageLinks(page);
  const type = FORMAT_INFO[format].mediaType;
  if (links.current !== undefined) {
    parts.push(`<${pageUrl(env, page, null, format)}>; rel="current"; type="${type}"`);
  }
  if (links.prevArchive !== undefined) {
    parts.push(`<${pageUrl(env, page, links.prevArchive, format)}>; rel="prev-archive"; type="${type}"`);
  }
  if (links.nextArchive !== undefined) {
    parts.push(`<${pageUrl(env, page, links.nextArchive, format)}>; rel="next-archive"; type="${type}"`);
  }
  return parts.join(", ");
}
