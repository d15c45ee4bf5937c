// Prints `<format> <url>` for every feed the site lists in /opml.xml (one per line), for the shell
// validators in scripts/e2e.sh. Exit 1 when the OPML cannot be fetched or lists nothing.
import { opmlFeeds } from "../verify/discover";

const base = process.argv[2];
if (!base) {
  console.error("usage: tsx scripts/e2e/list-feeds.ts <base-url>");
  process.exit(2);
}
const res = await fetch(`${base}/opml.xml`).catch((e: unknown) => {
  console.error(`list-feeds: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
const feeds = res.ok ? opmlFeeds(await res.text(), base) : [];
if (feeds.length === 0) {
  console.error(`list-feeds: ${base}/opml.xml (status ${res.status}) lists no feeds`);
  process.exit(1);
}
for (const f of feeds) console.log(`${f.format} ${f.url}`);
