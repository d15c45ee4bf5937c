// Where a subscribed feed is saved: a name read off its address, so the same source always lands in the
// same file (its conditional-GET state and its "new items" count depend on finding the last copy).
import { slugify } from "../pipeline/enrich/identity";

/** Saved feeds live in this folder of the corpus, which the build reads like any other. */
export const FEEDS_DIR = "feeds";

const MAX_STEM = 80;

/**
 * `https://news.example/world/rss.xml?lang=en` -> `news-example-world-rss-lang-en`. The scheme and a
 * `www.` prefix are left out (they rarely tell two feeds apart), and so is an extension the saved file
 * gets anyway. Long addresses keep their first 80 characters: two feeds that differ only beyond that
 * are told apart by the duplicate check in opml.ts, never overwritten silently.
 */
export function feedStem(url: URL): string {
  const host = url.hostname.replace(/^www\./, "");
  const port = url.port ? `-${url.port}` : "";
  const path = decodeURIComponent(url.pathname).replace(/\.(?:xml|rss|atom|rdf|json)$/i, "");
  const slug = slugify(`${host}${port} ${path} ${url.search.slice(1)}`);
  return slug.slice(0, MAX_STEM).replace(/-+$/, "") || "feed";
}

/** The saved file's path relative to the corpus: JSON Feeds keep `.json`, every XML flavour `.xml`. */
export function feedFile(stem: string, kind: "xml" | "json"): string {
  return `${FEEDS_DIR}/${stem}.${kind}`;
}
