// Static assets every page links: the stylesheet and the icon. System fonts only (nothing from another
// host), mobile first, a ~42rem reading column, dark mode from the reader's system preference.

import type { RenderedRoute } from "../types";
import { rasterIcons } from "./icon-routes";
import { ICON_PATH, STYLESHEET_PATH } from "./layout";

const ASSET_CACHE = "public, max-age=3600";

export const STYLESHEET = `/* Feed aggregator pages. No web fonts, no JavaScript. */
:root {
  color-scheme: light dark;
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, "Iowan Old Style", Georgia, "DejaVu Serif", serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
  --mono: ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  --bg: #faf8f4;
  --surface: #f1ede4;
  --fg: #1f1d1a;
  --muted: #5e5950;
  --rule: #ddd6c8;
  --accent: #a33a12;
  --accent-strong: #7d2a0a;
  --chip: #ebe5d8;
  --focus: #1d5fd1;
  --measure: 42rem;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #151515;
    --surface: #202020;
    --fg: #ebe7df;
    --muted: #a8a298;
    --rule: #37342f;
    --accent: #f0986a;
    --accent-strong: #ffb48c;
    --chip: #2a2825;
    --focus: #8ab4ff;
  }
}

*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
  font: 1.0625rem/1.6 var(--sans);
  text-rendering: optimizeLegibility;
}
.page {
  max-width: calc(var(--measure) + 2.5rem);
  margin: 0 auto;
  padding: 0 1.25rem;
}

a { color: var(--accent); text-decoration-thickness: 0.08em; text-underline-offset: 0.18em; }
a:hover { color: var(--accent-strong); text-decoration-thickness: 0.14em; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 3px; }
main:focus { outline: none; }

.skip-link {
  position: absolute;
  left: 1rem;
  top: -4rem;
  z-index: 10;
  padding: 0.5rem 1rem;
  background: var(--fg);
  color: var(--bg);
  border-radius: 0.375rem;
  font-weight: 600;
}
.skip-link:focus { top: 1rem; color: var(--bg); }

h1, h2, h3 { font-family: var(--serif); line-height: 1.2; text-wrap: balance; overflow-wrap: break-word; }
h1 { font-size: clamp(1.875rem, 1.4rem + 2.2vw, 2.625rem); margin: 0 0 0.5rem; letter-spacing: -0.01em; }
h2 { font-size: 1.375rem; }
code { font-family: var(--mono); font-size: 0.875em; }

/* Masthead */
.masthead {
  display: flex;
  flex-wrap: wrap;
  align-items: baseline;
  justify-content: space-between;
  gap: 0.5rem 1.5rem;
  padding: 1.25rem 0 1rem;
  border-bottom: 1px solid var(--rule);
}
.wordmark {
  font: 700 1.1875rem/1.2 var(--serif);
  color: var(--fg);
  text-decoration: none;
}
.wordmark:hover { color: var(--accent); }
.sitenav ul { display: flex; gap: 1.25rem; margin: 0; padding: 0; list-style: none; font-size: 0.9375rem; }
.sitenav a { color: var(--muted); text-decoration: none; }
.sitenav a:hover, .sitenav a[aria-current="page"] { color: var(--fg); }
.sitenav a[aria-current="page"] { box-shadow: inset 0 -2px 0 var(--accent); }

/* Page intro */
.intro { padding: 2.25rem 0 1.25rem; }
.lede { font: 1.1875rem/1.5 var(--serif); color: var(--muted); margin: 0 0 0.75rem; max-width: 36rem; }
.kicker, .intro-links { font-size: 0.875rem; color: var(--muted); margin: 0 0 0.5rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-weight: 600; }
.kicker a { color: inherit; text-decoration: none; }
.kicker a:hover { color: var(--accent); }

/* Article listings */
.entries { list-style: none; margin: 0; padding: 0; }
.entry { padding: 1.5rem 0; border-top: 1px solid var(--rule); }
.entry article > * { margin: 0; }
.entry-title { font-size: 1.375rem; margin-bottom: 0.375rem; }
.entry-title a { color: var(--fg); text-decoration: none; }
.entry-title a:hover { color: var(--accent); text-decoration: underline; }
.summary { font: 1.0625rem/1.6 var(--serif); margin-top: 0.5rem; }
.empty { color: var(--muted); font-style: italic; padding: 1.5rem 0; border-top: 1px solid var(--rule); }

.meta { font-size: 0.875rem; color: var(--muted); margin: 0; }
.meta > * + *::before { content: "·"; margin: 0 0.45em; }
.meta a { color: inherit; }
.meta a:hover { color: var(--accent); }
.date-captured { font-style: italic; }

.tags { display: flex; flex-wrap: wrap; gap: 0.375rem; list-style: none; padding: 0; margin: 0.75rem 0 0; }
.tags a {
  display: inline-block;
  padding: 0.125rem 0.625rem;
  border-radius: 999px;
  background: var(--chip);
  color: var(--fg);
  font-size: 0.8125rem;
  text-decoration: none;
}
.tags a:hover { background: var(--accent); color: var(--bg); }

/* Paging */
.pager {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: 0.75rem;
  padding: 1.25rem 0;
  border-top: 1px solid var(--rule);
  font-size: 0.9375rem;
}
.pager-pages { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; margin: 0; padding: 0; }
.pager-pages a { display: inline-block; min-width: 2.25rem; padding: 0.25rem 0.5rem; text-align: center; border-radius: 0.375rem; text-decoration: none; }
.pager-pages a[aria-current="page"] { background: var(--fg); color: var(--bg); }
.pager-next { margin-left: auto; }

/* Subscribe box */
.subscribe {
  margin: 2rem 0;
  padding: 1.25rem 1.25rem 0.5rem;
  background: var(--surface);
  border-radius: 0.75rem;
}
.subscribe h2 { margin: 0 0 0.25rem; }
.subscribe > p { margin: 0 0 1rem; color: var(--muted); font-size: 0.9375rem; }
.feeds { list-style: none; margin: 0; padding: 0; }
.feed {
  display: grid;
  grid-template-columns: 1fr;
  gap: 0.125rem;
  padding: 0.5rem 0 0.5rem 1rem;
  border-left: 4px solid var(--muted);
  margin-bottom: 1rem;
}
.feed-rss { border-left-color: #e8772e; }
.feed-atom { border-left-color: #3f8f4f; }
.feed-json { border-left-color: #3b6fd6; }
.feed-opml { border-left-color: #8a63c9; }
.feed-name { font-weight: 700; }
.feed-explain { font-size: 0.9375rem; }
.feed-url { color: var(--muted); overflow-wrap: anywhere; user-select: all; -webkit-user-select: all; }
.subscribe-more { font-size: 0.9375rem; margin: 0.5rem 0 1rem; }

/* Tags index and 404 */
.tag-cards, .tag-index { list-style: none; margin: 0; padding: 0; }
.tag-card { padding: 1.25rem 0; border-top: 1px solid var(--rule); }
.tag-card h2 { margin: 0 0 0.25rem; font-size: 1.375rem; }
.tag-card h2 a { color: var(--fg); text-decoration: none; }
.tag-card h2 a:hover { color: var(--accent); text-decoration: underline; }
.tag-card p { margin: 0 0 0.5rem; font-family: var(--serif); }
.tag-card .tag-feeds { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.75rem; font-family: var(--sans); }
.tag-feeds-label { font-size: 0.75rem; font-weight: 600; letter-spacing: 0.08em; text-transform: uppercase; color: var(--muted); }
.count { font: 400 0.875rem var(--sans); color: var(--muted); white-space: nowrap; }
.tag-index li { padding: 0.5rem 0; border-top: 1px solid var(--rule); }
.tag-index a { font-weight: 600; }

.inline-list { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; font-size: 0.875rem; }

/* Article page */
.story-header { padding: 2.25rem 0 1.5rem; border-bottom: 1px solid var(--rule); }
.story-header > * { margin: 0 0 0.625rem; }
.story-header h1 { margin-bottom: 0.75rem; }
.dek { font: 1.25rem/1.45 var(--serif); color: var(--muted); }
.byline { font-weight: 600; font-size: 0.9375rem; }
.prose { font: 1.125rem/1.7 var(--serif); padding: 1rem 0; overflow-wrap: break-word; hyphens: auto; }
.prose h2 { font-size: 1.5rem; margin: 2rem 0 0.75rem; }
.prose h3 { font-size: 1.25rem; margin: 1.75rem 0 0.5rem; }
.prose h4 { font: 700 1rem/1.4 var(--sans); margin: 1.5rem 0 0.5rem; text-transform: uppercase; letter-spacing: 0.04em; }
.prose p, .prose ul, .prose ol, .prose blockquote, .prose table, .prose pre { margin: 0 0 1.15rem; }
.prose ul, .prose ol { padding-left: 1.5rem; }
.prose li + li { margin-top: 0.35rem; }
.prose blockquote { margin-left: 0; padding: 0.25rem 0 0.25rem 1.25rem; border-left: 3px solid var(--accent); color: var(--muted); font-style: italic; }
.prose table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; font: 0.9375rem/1.4 var(--sans); }
.prose th, .prose td { padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
.prose th { border-bottom-width: 2px; }
.prose pre { overflow-x: auto; padding: 1rem; background: var(--surface); border-radius: 0.5rem; font-size: 0.875rem; }
.prose img { max-width: 100%; height: auto; }
.story-footer { padding: 0.5rem 0 1.5rem; border-top: 1px solid var(--rule); }
.original a {
  display: inline-block;
  padding: 0.5rem 1rem;
  border: 1px solid var(--accent);
  border-radius: 0.5rem;
  font-weight: 600;
  text-decoration: none;
}
.original a:hover { background: var(--accent); color: var(--bg); }
.capture-note { font-size: 0.875rem; color: var(--muted); }
.from { font-size: 0.9375rem; }
.from .kind { color: var(--muted); font-size: 0.875rem; }

.related { margin: 1rem 0 2rem; padding: 1.25rem; background: var(--surface); border-radius: 0.75rem; }
.related h2 { margin: 0 0 0.75rem; font-size: 1.125rem; }
.related ol { list-style: none; margin: 0; padding: 0; }
.related li { padding: 0.625rem 0; border-top: 1px solid var(--rule); }
.related li > a { font: 600 1.0625rem/1.35 var(--serif); }

/* Footer */
.colophon { margin-top: 2rem; padding: 1.5rem 0 3rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.875rem; }
.colophon p { margin: 0 0 0.5rem; }
.colophon a { color: inherit; }

@media (min-width: 40rem) {
  .page { padding: 0 2rem; }
  .intro { padding-top: 3rem; }
  .feed { grid-template-columns: 7rem 1fr; column-gap: 1rem; }
  .feed-url { grid-column: 2; }
  .entry-title { font-size: 1.5rem; }
  .prose { font-size: 1.1875rem; }
}

@media print {
  .skip-link, .sitenav, .subscribe, .pager { display: none; }
  body { background: #fff; color: #000; }
  a { color: inherit; }
}
`;

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="7" fill="#a33a12"/>
<circle cx="9" cy="23" r="3" fill="#fff"/>
<path d="M6 14a12 12 0 0 1 12 12" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round"/>
<path d="M6 7a19 19 0 0 1 19 19" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round"/>
</svg>
`;

export const ROBOTS_PATH = "/robots.txt";

// Everything is public and meant to be read; only the query API is computed per request, so crawlers
// are kept off it (its documents are reachable from the pages anyway).
const ROBOTS_TXT = `User-agent: *
Allow: /
Disallow: /api/
`;

/** Assets never depend on the data, so their date is the site's (for a stable Last-Modified). */
export function renderAssets(updated: string): RenderedRoute[] {
  return [
    {
      path: ROBOTS_PATH,
      body: ROBOTS_TXT,
      type: "text/plain; charset=utf-8",
      kind: "text",
      lastModified: updated,
      cacheControl: ASSET_CACHE,
    },
    {
      path: STYLESHEET_PATH,
      body: STYLESHEET,
      type: "text/css; charset=utf-8",
      kind: "asset",
      lastModified: updated,
      cacheControl: ASSET_CACHE,
    },
    {
      path: ICON_PATH,
      body: ICON_SVG,
      type: "image/svg+xml; charset=utf-8",
      kind: "asset",
      lastModified: updated,
      cacheControl: ASSET_CACHE,
    },
    ...rasterIcons(updated),
  ];
}
