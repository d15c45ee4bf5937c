// Headless Chromium visits the home page, one tag page and one article page: each must offer the three
// feed formats through autodiscovery, show every title it should, log no console error and request
// nothing from another host. Screenshots go to <out>/<name>.png.
// Usage: tsx scripts/e2e/browser.ts <base-url> <screenshot-dir>
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../lib/chromium";

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error("usage: tsx scripts/e2e/browser.ts <base-url> <screenshot-dir>");
  process.exit(2);
}
mkdirSync(out, { recursive: true });

interface JsonFeed {
  items: { title?: string; url?: string }[];
}

async function jsonFeed(path: string): Promise<JsonFeed> {
  return (await (await fetch(`${base}${path}`)).json()) as JsonFeed;
}

const normalize = (s: string) => s.replace(/\s+/g, " ").trim();

const home = await jsonFeed("/feed.json");
const opml = await (await fetch(`${base}/opml.xml`)).text();
const tagSlug = /\/tags\/([^/"]+)\/(?:feed\.json|atom\.xml|feed\.xml)/.exec(opml)?.[1];
const firstArticle = home.items[0];
const pages: { name: string; path: string; titles: string[] }[] = [
  { name: "home", path: "/", titles: home.items.map((i) => i.title ?? "") },
];
if (tagSlug) {
  const tag = await jsonFeed(`/tags/${tagSlug}/feed.json`);
  pages.push({
    name: `tag-${tagSlug}`,
    path: `/tags/${tagSlug}`,
    titles: tag.items.map((i) => i.title ?? ""),
  });
}
if (firstArticle?.url) {
  pages.push({
    name: "article",
    path: new URL(firstArticle.url).pathname,
    titles: [firstArticle.title ?? ""],
  });
}

const userDataDir = mkdtempSync(join(tmpdir(), "e2e-chromium-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1280, height: 900 },
});
const failures: string[] = [];
const origin = new URL(base).origin;
try {
  for (const p of pages) {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console error: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    // A dialog means injected script ran (the hostile corpus is full of alert(1)).
    page.on("dialog", (d) => {
      problems.push(`dialog opened (script injection?): ${d.message()}`);
      void d.dismiss();
    });
    page.on("request", (r) => {
      const u = r.url();
      if (!u.startsWith("data:") && !u.startsWith("blob:") && new URL(u).origin !== origin)
        problems.push(`request to another host: ${u}`);
    });
    const res = await page.goto(`${base}${p.path}`, { waitUntil: "load" });
    if (res?.status() !== 200) problems.push(`status ${res?.status()}`);
    const types = await page.$$eval('link[rel~="alternate"]', (ls) =>
      ls.map((l) => l.getAttribute("type") ?? ""),
    );
    for (const t of ["application/rss+xml", "application/atom+xml", "application/feed+json"])
      if (!types.includes(t)) problems.push(`no autodiscovery link of type ${t}`);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered, visible text is what a reader sees
    const text = normalize(await page.innerText("body"));
    for (const title of p.titles)
      if (!text.includes(normalize(title))) problems.push(`title not shown: ${JSON.stringify(title)}`);
    await page.screenshot({ path: join(out, `${p.name}.png`), fullPage: true });
    await page.close();
    if (problems.length) failures.push(...problems.map((x) => `${p.path}: ${x}`));
    console.log(`${problems.length ? "FAIL" : "PASS"} browser ${p.path} (${p.titles.length} titles)`);
  }
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
if (!tagSlug) failures.push("no tag feed in OPML, tag page not checked");
for (const f of failures) console.error(`  ${f}`);
process.exit(failures.length ? 1 : 0);
