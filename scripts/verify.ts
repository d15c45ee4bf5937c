// `npm run verify -- <base-url>`: checks a running deployment the way feed readers and browsers see it.
// Discovers feeds from /opml.xml and the home page's autodiscovery links (plus RFC 5005 archive links),
// then checks HTTP behaviour, each format's rules and that RSS, Atom and JSON Feed carry the same ids.
// Exit 0 when every check passed, 1 on any failure, 2 on usage errors.
import {
  archiveLinks,
  autodiscoveryFeeds,
  type FeedRef,
  htmlTags,
  linkAlternates,
  opmlFeeds,
  siblings,
} from "./verify/discover";
import { externalTools } from "./verify/external";
import { checkAtom, checkJsonFeed, checkRss, type FeedCheck } from "./verify/feeds";
import { feedGroup } from "./verify/formats";
import { failed, get } from "./verify/http";
import { checkHttp } from "./verify/http-checks";
import { Report } from "./verify/report";

const USAGE = "usage: npm run verify -- <base-url>   (e.g. http://127.0.0.1:8787)";

function parseBase(arg: string | undefined): string | null {
  if (!arg) return null;
  try {
    const u = new URL(arg);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

const FEED_CHECKERS = { rss: checkRss, atom: checkAtom, json: checkJsonFeed } as const;

async function main(): Promise<number> {
  const base = parseBase(process.argv[2]);
  if (!base) {
    console.error(USAGE);
    return 2;
  }
  const report = new Report((line) => console.log(line));
  console.log(`verify ${base}`);

  report.section("discovery");
  const opmlRes = await checkHttp(report, `${base}/opml.xml`, "opml");
  const fromOpml = opmlRes ? opmlFeeds(opmlRes.text, base) : [];
  report.add("OPML lists feeds", fromOpml.length > 0, "no <outline xmlUrl> found");
  const homeRes = await get(`${base}/`);
  const fromHome = failed(homeRes) ? [] : autodiscoveryFeeds(homeRes.text, `${base}/`);
  const homeFormats = new Set(fromHome.map((f) => f.format));
  report.add(
    "home page autodiscovery: RSS, Atom and JSON Feed",
    homeFormats.size === 3,
    `found ${[...homeFormats].join(", ") || "none"}`,
  );
  const opmlUrls = new Set(fromOpml.map((f) => f.url));
  const opmlFormats = new Set(fromOpml.map((f) => f.format));
  // Importing the OPML subscribes to every entry: one format per feed, or readers get each item 3x.
  report.add(
    "OPML lists each feed once, in one format",
    opmlFormats.size === 1 && opmlUrls.size === fromOpml.length,
    `formats ${[...opmlFormats].join(", ")}; ${fromOpml.length} entries, ${opmlUrls.size} distinct`,
  );
  report.problems(
    "home autodiscovery feeds (in the OPML's format) are listed in OPML",
    fromHome
      .filter((f) => opmlFormats.has(f.format) && !opmlUrls.has(f.url))
      .map((f) => `${f.url} not in OPML`),
  );

  // Absolute URLs are built from the configured base URL or the request's origin: either way a feed
  // listed on another origin means readers would leave this deployment (or a proxy rewrote nothing).
  report.problems(
    `discovered feeds are on ${base}`,
    [...fromOpml, ...fromHome].filter((f) => new URL(f.url).origin !== base).map((f) => f.url),
    3,
  );

  const feeds = new Map<string, FeedRef>();
  const queue: FeedRef[] = [...fromOpml, ...fromHome];
  const results = new Map<string, FeedCheck>();
  const external = externalTools(report);

  report.section("feeds");
  while (queue.length > 0) {
    const ref = queue.shift() as FeedRef;
    if (feeds.has(ref.url) || new URL(ref.url).origin !== base) continue;
    feeds.set(ref.url, ref);
    const res = await checkHttp(report, ref.url, ref.format);
    if (!res) continue;
    const label = new URL(ref.url).pathname;
    const result = FEED_CHECKERS[ref.format](res.text, ref.url);
    results.set(ref.url, result);
    for (const [rule, problems] of Object.entries(result.rules))
      report.problems(`${label}: ${rule}`, problems);
    report.add(`${label}: has items`, result.ids.length > 0, "no items");
    external.check(report, ref.url, ref.format, res.body);
    // The OPML lists each feed in one format; the feed's Link header names the other two.
    queue.push(...linkAlternates(res.headers.get("link"), ref.url));
    // Archives are reachable only through RFC 5005 links; follow them and check all three formats.
    if (ref.format !== "json")
      for (const link of archiveLinks(res.text, ref.url)) queue.push(...siblings(link));
    if (ref.format === "json") {
      const next = (JSON.parse(res.text) as { next_url?: unknown }).next_url;
      if (typeof next === "string") queue.push(...siblings(new URL(next, ref.url).href));
    }
  }

  external.dispose();

  report.section("same items in every format");
  const groups = new Map<string, Partial<Record<"rss" | "atom" | "json", FeedCheck>>>();
  for (const [url, result] of results) {
    const g = groups.get(feedGroup(url)) ?? {};
    g[(feeds.get(url) as FeedRef).format] = result;
    groups.set(feedGroup(url), g);
  }
  for (const [dir, g] of groups) {
    const label = new URL(dir).pathname;
    if (!g.rss || !g.atom || !g.json) {
      report.add(`${label}: RSS, Atom and JSON Feed all present`, false, `only ${Object.keys(g).join(", ")}`);
      continue;
    }
    const j = JSON.stringify(g.json.ids);
    report.add(
      `${label}: RSS guids = JSON Feed ids (same order)`,
      JSON.stringify(g.rss.ids) === j,
      diff(g.rss.ids, g.json.ids),
    );
    report.add(
      `${label}: Atom ids = JSON Feed ids (same order)`,
      JSON.stringify(g.atom.ids) === j,
      diff(g.atom.ids, g.json.ids),
    );
  }

  report.section("pages and API");
  const pages = new Set<string>([`${base}/`, `${base}/tags`]);
  for (const url of feeds.keys()) {
    const m = /^(\/tags\/[^/]+)\/feed\.json$/.exec(new URL(url).pathname);
    if (m) pages.add(`${base}${m[1]}`);
  }
  const mainFeed = await get(`${base}/feed.json`);
  const articleSlugs: string[] = [];
  if (!failed(mainFeed) && mainFeed.status === 200) {
    try {
      const items = (JSON.parse(mainFeed.text) as { items?: { url?: unknown }[] }).items ?? [];
      for (const item of items) {
        if (typeof item.url !== "string") continue;
        const u = new URL(item.url);
        if (u.origin === base) {
          pages.add(u.href);
          const slug = /^\/articles\/([^/]+)$/.exec(u.pathname)?.[1];
          if (slug) articleSlugs.push(slug);
        }
      }
    } catch {
      // Reported by the feed checks already.
    }
  }
  for (const page of pages) {
    const res = await checkHttp(report, page, "html");
    if (res) checkPageLinks(report, page, res.text, base);
  }
  const api = [`${base}/api/articles`, `${base}/api/tags`];
  if (articleSlugs[0]) api.push(`${base}/api/articles/${articleSlugs[0]}`);
  for (const url of api) {
    const res = await checkHttp(report, url, "api");
    if (res) {
      let ok = true;
      try {
        JSON.parse(res.text);
      } catch {
        ok = false;
      }
      report.add(`${new URL(url).pathname}: JSON parses`, ok, "invalid JSON");
    }
  }
  const missing = await get(`${base}/no-such-page-${"x".repeat(8)}`);
  report.add(
    "unknown path: 404 HTML",
    !failed(missing) &&
      missing.status === 404 &&
      (missing.headers.get("content-type") ?? "").startsWith("text/html"),
    failed(missing) ? missing.error : `status ${missing.status}, type ${missing.headers.get("content-type")}`,
  );

  console.log("");
  console.log(`verify: ${feeds.size} feeds, ${pages.size} pages. ${report.summary()}`);
  return report.failed > 0 ? 1 : 0;
}

function diff(a: string[], b: string[]): string {
  const onlyA = a.filter((x) => !b.includes(x));
  const onlyB = b.filter((x) => !a.includes(x));
  if (onlyA.length === 0 && onlyB.length === 0) return "same ids, different order";
  return `only here: ${onlyA.slice(0, 3).join(", ") || "-"}; only in JSON: ${onlyB.slice(0, 3).join(", ") || "-"}`;
}

/** Every HTML page offers the three formats and links only to absolute or same-site URLs that resolve. */
function checkPageLinks(report: Report, page: string, html: string, base: string): void {
  const label = new URL(page).pathname;
  const formats = new Set(autodiscoveryFeeds(html, page).map((f) => f.format));
  report.add(
    `${label}: autodiscovery for RSS, Atom and JSON Feed`,
    formats.size === 3,
    `found ${[...formats].join(", ") || "none"}`,
  );
  const scripts = htmlTags(html, "script").filter((s) => s.src && new URL(s.src, page).origin !== base);
  report.problems(
    `${label}: no third-party scripts`,
    scripts.map((s) => s.src ?? ""),
  );
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`verify: internal error: ${e instanceof Error ? e.stack : String(e)}`);
    process.exit(1);
  },
);
