// The feed addresses the pages advertise. The feed renderer owns the feeds themselves; these paths
// mirror its contract (`/feed.xml`, `/atom.xml`, `/feed.json`, and the same under `/tags/<slug>`), and the
// OPML renderer uses this same list so pages and OPML can never disagree.

import type { Site, Tag } from "../../../shared/types";

export type FeedFormat = "rss" | "atom" | "json";

export interface FeedLink {
  format: FeedFormat;
  path: string;
  /** Media type for `<link rel="alternate">` autodiscovery. */
  type: string;
  /** Format name shown to readers. */
  label: string;
  /** One line telling a reader what the format is good for. */
  explain: string;
}

/** One subscribable feed in its three formats, plus the HTML page it mirrors. */
export interface FeedSet {
  /** Reader-facing title, e.g. the site title, or `Site — Tag`. */
  title: string;
  description: string;
  htmlPath: string;
  feeds: FeedLink[];
}

export const OPML_PATH = "/opml.xml";
export const OPML_EXPLAIN =
  "A list of every feed on this site (all articles and each tag) to import into a reader in one go.";

function feedLinks(base: string): FeedLink[] {
  return [
    {
      format: "rss",
      path: `${base}/feed.xml`,
      type: "application/rss+xml",
      label: "RSS",
      explain: "RSS 2.0, the classic format that every feed reader understands.",
    },
    {
      format: "atom",
      path: `${base}/atom.xml`,
      type: "application/atom+xml",
      label: "Atom",
      explain: "Atom 1.0, a stricter standard with precise dates and full article text.",
    },
    {
      format: "json",
      path: `${base}/feed.json`,
      type: "application/feed+json",
      label: "JSON Feed",
      explain: "JSON Feed 1.1, the same items as JSON for modern readers and scripts.",
    },
  ];
}

export function tagPath(tag: Tag): string {
  return `/tags/${tag.slug}`;
}

export function articlePath(slug: string): string {
  return `/articles/${slug}`;
}

export function mainFeedSet(site: Site): FeedSet {
  return {
    title: site.settings.title,
    description: site.settings.description,
    htmlPath: "/",
    feeds: feedLinks(""),
  };
}

export function tagFeedSet(site: Site, tag: Tag): FeedSet {
  return {
    title: `${site.settings.title} — ${tag.name}`,
    description: tag.description,
    htmlPath: tagPath(tag),
    feeds: feedLinks(tagPath(tag)),
  };
}

/** Every feed set the site publishes: the main one first, then one per tag in taxonomy order. */
export function allFeedSets(site: Site): FeedSet[] {
  return [mainFeedSet(site), ...site.tags.map((tag) => tagFeedSet(site, tag))];
}
