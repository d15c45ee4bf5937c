// A real reader's view: newsboat fetches one RSS or Atom feed, and every item it stored must have a title
// identical to the JSON Feed's item title (same feed directory), with the same number of items.
// Usage: tsx scripts/e2e/newsboat.ts <validators-dir> <feed-url>
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

const [validators, feedUrl] = process.argv.slice(2);
if (!validators || !feedUrl) {
  console.error("usage: tsx scripts/e2e/newsboat.ts <validators-dir> <feed-url>");
  process.exit(2);
}
const run = spawnSync("sh", [`${validators}/newsboat-check.sh`, "--keep", feedUrl], {
  encoding: "utf8",
  timeout: 180_000,
});
const kept = /^== kept: (.+)$/m.exec(run.stdout)?.[1];
try {
  if (run.status !== 0 || !kept) {
    console.log(run.stdout + run.stderr);
    console.error(`FAIL newsboat ${feedUrl}: exit ${run.status}`);
    process.exit(1);
  }
  const dump = spawnSync(
    "/usr/bin/python3",
    [
      "-c",
      "import sqlite3,sys,json;c=sqlite3.connect(sys.argv[1]);print(json.dumps([r[0] for r in c.execute('select title from rss_item where feedurl=? and deleted=0',(sys.argv[2],))]))",
      `${kept}/cache.db`,
      feedUrl,
    ],
    { encoding: "utf8" },
  );
  const stored = JSON.parse(dump.stdout) as string[];
  const jsonUrl = `${feedUrl.slice(0, feedUrl.lastIndexOf("/") + 1)}feed.json`;
  const feed = (await (await fetch(jsonUrl)).json()) as { items: { title?: string }[] };
  const expected = feed.items.map((i) => i.title ?? "");
  const missing = expected.filter((t) => !stored.includes(t));
  const extra = stored.filter((t) => !expected.includes(t));
  if (stored.length !== expected.length || missing.length || extra.length) {
    console.error(
      `FAIL newsboat ${feedUrl}: stored ${stored.length} items, JSON Feed has ${expected.length}`,
    );
    for (const t of missing) console.error(`  JSON Feed title not in newsboat: ${JSON.stringify(t)}`);
    for (const t of extra) console.error(`  newsboat title not in JSON Feed: ${JSON.stringify(t)}`);
    process.exit(1);
  }
  console.log(`PASS newsboat ${feedUrl}: ${stored.length} items, titles identical to ${jsonUrl}`);
} finally {
  if (kept) rmSync(kept, { recursive: true, force: true });
}
