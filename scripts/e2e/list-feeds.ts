// Prints `<format> <url>` for every feed the site lists in /opml.xml, and for the other formats of
// each (the OPML lists a feed once, in one format; its `Link` header names the others), one per line,
// for the shell validators in scripts/e2e.sh. Exit 1 when the OPML cannot be fetched, lists nothing, or
// a listed feed names no other format.
import { type FeedRef, linkAlternates, opmlFeeds } from "../verify/discover";

const base = process.argv[2];
if (!base) {
  console.error("usage: tsx scripts/e2e/list-feeds.ts <base-url>");
  process.exit(2);
}
const fetchOrExit = (url: string, method = "GET") =>
  fetch(url, { method }).catch((e: unknown) => {
    console.error(`list-feeds: ${url}: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
const res = await fetchOrExit(`${base}/opml.xml`);
const listed = res.ok ? opmlFeeds(await res.text(), base) : [];
if (listed.length === 0) {
  console.error(`list-feeds: ${base}/opml.xml (status ${res.status}) lists no feeds`);
  process.exit(1);
}
const all = new Map<string, FeedRef>();
for (const feed of listed) {
  all.set(feed.url, feed);
  const head = await fetchOrExit(feed.url, "HEAD");
  const others = linkAlternates(head.headers.get("link"), feed.url);
  if (others.length === 0) {
    console.error(
      `list-feeds: ${feed.url} (status ${head.status}) has no Link rel="alternate" to its other formats`,
    );
    process.exit(1);
  }
  for (const o of others) if (!all.has(o.url)) all.set(o.url, o);
}
for (const f of all.values()) console.log(`${f.format} ${f.url}`);
