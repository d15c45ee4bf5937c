// The document shell shared by every page: head (canonical, autodiscovery, OpenGraph, stylesheet),
// skip link, masthead, footer. No script, no inline style, nothing from another host: the Worker serves
// these pages under `default-src 'none'; style-src 'self'; img-src 'self'`.

import { escapeHtml } from "../../../shared/escape";
import type { RenderContext } from "../types";
import { type FeedSet, mainFeedSet, OPML_PATH } from "./links";

export const STYLESHEET_PATH = "/assets/site.css";
export const ICON_PATH = "/assets/icon.svg";
/** The raster fallback of the icon (feeds' `<image>`, clients without SVG), and its size in pixels. */
export const ICON_PNG_PATH = "/assets/icon.png";
export const ICON_PNG_SIZE = 64;
export const FAVICON_PATH = "/favicon.ico";

export interface PageSpec {
  /** Canonical path; null for the 404 page, which has no address of its own. */
  path: string | null;
  /** Page-specific title; the site title is appended unless this is the site's front page. */
  title: string | null;
  description: string;
  /** Feeds to advertise first (e.g. a tag's); the site's main feeds are always advertised too. */
  feeds: FeedSet[];
  ogType: "website" | "article";
  /** Extra `<meta>` lines (already escaped). */
  meta?: string[];
  /** Which masthead entry to mark as the current page. */
  section: "home" | "tags" | null;
  main: string;
}

const attr = escapeHtml;

/** Feed sets to advertise, de-duplicated by path, page-specific ones first. */
export function advertisedFeeds(ctx: RenderContext, spec: Pick<PageSpec, "feeds">): FeedSet[] {
  const seen = new Set<string>();
  const out: FeedSet[] = [];
  for (const set of [...spec.feeds, mainFeedSet(ctx.site)]) {
    if (seen.has(set.htmlPath)) continue;
    seen.add(set.htmlPath);
    out.push(set);
  }
  return out;
}

function head(ctx: RenderContext, spec: PageSpec): string {
  const { settings } = ctx.site;
  const fullTitle = spec.title === null ? settings.title : `${spec.title} — ${settings.title}`;
  const lines = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(fullTitle)}</title>`,
    `<meta name="description" content="${attr(spec.description)}">`,
  ];
  if (spec.path === null) lines.push('<meta name="robots" content="noindex">');
  else lines.push(`<link rel="canonical" href="${attr(ctx.origin + spec.path)}">`);
  for (const set of advertisedFeeds(ctx, spec)) {
    for (const feed of set.feeds) {
      lines.push(
        `<link rel="alternate" type="${feed.type}" title="${attr(`${set.title} (${feed.label})`)}" href="${attr(ctx.origin + feed.path)}">`,
      );
    }
  }
  lines.push(
    `<link rel="alternate" type="text/x-opml" title="${attr(`${settings.title} (OPML, every feed)`)}" href="${attr(ctx.origin + OPML_PATH)}">`,
    `<link rel="stylesheet" href="${STYLESHEET_PATH}">`,
    `<link rel="icon" href="${ICON_PATH}" type="image/svg+xml">`,
    `<link rel="icon" href="${ICON_PNG_PATH}" type="image/png" sizes="${ICON_PNG_SIZE}x${ICON_PNG_SIZE}">`,
    `<meta property="og:site_name" content="${attr(settings.title)}">`,
    `<meta property="og:title" content="${attr(spec.title ?? settings.title)}">`,
    `<meta property="og:description" content="${attr(spec.description)}">`,
    `<meta property="og:type" content="${spec.ogType}">`,
  );
  if (spec.path !== null) lines.push(`<meta property="og:url" content="${attr(ctx.origin + spec.path)}">`);
  lines.push(...(spec.meta ?? []));
  return lines.join("\n");
}

function masthead(ctx: RenderContext, spec: PageSpec): string {
  const current = (section: PageSpec["section"]) => (spec.section === section ? ' aria-current="page"' : "");
  return `<header class="masthead">
<a class="wordmark" href="/"${current("home")}>${escapeHtml(ctx.site.settings.title)}</a>
<nav class="sitenav" aria-label="Site">
<ul>
<li><a href="/"${current("home")}>Latest</a></li>
<li><a href="/tags"${current("tags")}>Tags</a></li>
<li><a href="/feed.xml">RSS</a></li>
</ul>
</nav>
</header>`;
}

function footer(ctx: RenderContext): string {
  const feeds = mainFeedSet(ctx.site).feeds.map(
    (f) => `<li><a href="${f.path}">${escapeHtml(f.label)}</a></li>`,
  );
  return `<footer class="colophon">
<p>${escapeHtml(ctx.site.settings.title)}: ${escapeHtml(ctx.site.settings.description)}</p>
<ul class="inline-list" aria-label="Feeds">
${feeds.join("\n")}
<li><a href="${OPML_PATH}">OPML</a></li>
<li><a href="/tags">All tags</a></li>
</ul>
</footer>`;
}

export function renderDocument(ctx: RenderContext, spec: PageSpec): string {
  return `<!doctype html>
<html lang="${attr(ctx.site.settings.language)}">
<head>
${head(ctx, spec)}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<div class="page">
${masthead(ctx, spec)}
<main id="main" tabindex="-1">
${spec.main}
</main>
${footer(ctx)}
</div>
</body>
</html>
`;
}
