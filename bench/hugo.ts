// Hugo on the same cleaned articles our build published (.generated/site.json: title, date, tags, clean
// body HTML): content/*.md with JSON front matter, a `tags` taxonomy, full-content RSS for the home page
// and every tag, paginated lists, and a minimal layout of our own. Run as a child process
// (`tsx bench/hugo.ts SITE_JSON DIR ITEMS`) so a 50,000-article site.json never sits in the bench's heap.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TimedRun } from "./types";

/** The byte ranges of the items of the top-level array `key`, without parsing the rest of the file. */
export function* arrayItems(buf: Uint8Array, key: string): Generator<Uint8Array> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let lastString = "";
  let inTarget = false;
  let itemStart = -1;
  const dec = new TextDecoder();
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) {
        inString = false;
        // Keys at depth 1 precede their values, so the last string seen names the value that follows.
        if (depth === 1) lastString = dec.decode(buf.subarray(stringStart + 1, i));
      }
      continue;
    }
    if (c === 0x22) {
      inString = true;
      stringStart = i;
    } else if (c === 0x7b || c === 0x5b) {
      if (inTarget && depth === 2 && itemStart < 0) itemStart = i;
      if (depth === 1 && c === 0x5b && lastString === key) inTarget = true;
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (inTarget && depth === 2 && itemStart >= 0) {
        yield buf.subarray(itemStart, i + 1);
        itemStart = -1;
      } else if (inTarget && depth === 1) return;
    }
  }
}

interface SiteArticle {
  slug: string;
  title: string;
  date: string;
  tags: string[];
  contentHtml: string;
}

const LIST = `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
<ul>{{ range (.Paginate $pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul>
{{ with .Paginator.Next }}<a rel="next" href="{{ .URL }}">Older</a>{{ end }}
</body></html>
`;
const SINGLE = `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title></head><body>
<article><h1>{{ .Title }}</h1><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "January 2, 2006" }}</time>
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ .Content }}</article>
</body></html>
`;
// As Hugo's own RSS template: the declaration and the date pass through safeHTML or they get escaped.
const rss = (
  items: number,
): string => `{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\" standalone=\\"yes\\"?>" | safeHTML }}
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>{{ .Site.Title }}{{ if not .IsHome }} - {{ .Title }}{{ end }}</title><link>{{ .Permalink }}</link>
<description>{{ .Site.Params.description }}</description>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
{{ range first ${items} $pages }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><guid>{{ .Permalink }}</guid><pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>{{ range .Params.tags }}<category>{{ . }}</category>{{ end }}<content:encoded>{{ .Content | html }}</content:encoded></item>
{{ end }}</channel></rss>
`;

/** Writes the Hugo site; returns the number of articles. */
export function writeHugoSite(siteJson: string, dir: string, itemsPerFeed: number): number {
  rmSync(dir, { recursive: true, force: true });
  for (const d of ["content/articles", "layouts/_default"]) mkdirSync(join(dir, d), { recursive: true });
  const buf = readFileSync(siteJson);
  const head = JSON.parse(
    new TextDecoder()
      .decode(buf.subarray(0, Math.min(buf.length, 1 << 16)))
      .match(/"settings":(\{[^}]*\})/)?.[1] ?? "{}",
  ) as { title?: string; description?: string; language?: string };
  writeFileSync(
    join(dir, "hugo.toml"),
    `baseURL = "https://example.org/"
languageCode = ${JSON.stringify(head.language ?? "en")}
title = ${JSON.stringify(head.title ?? "Feed")}
disableKinds = ["sitemap", "robotsTXT", "404"]
paginate = ${itemsPerFeed}
[params]
description = ${JSON.stringify(head.description ?? "")}
[taxonomies]
tag = "tags"
[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML", "RSS"]
[markup.goldmark.renderer]
unsafe = true
`,
  );
  writeFileSync(join(dir, "layouts/_default/list.html"), LIST);
  writeFileSync(join(dir, "layouts/_default/single.html"), SINGLE);
  writeFileSync(join(dir, "layouts/_default/rss.xml"), rss(itemsPerFeed));
  let n = 0;
  const dec = new TextDecoder();
  for (const item of arrayItems(buf, "articles")) {
    const a = JSON.parse(dec.decode(item)) as SiteArticle;
    const front = { title: a.title, date: a.date, tags: a.tags, url: `/articles/${a.slug}/` };
    writeFileSync(
      join(dir, "content/articles", `${a.slug}.md`),
      `${JSON.stringify(front)}\n\n${a.contentHtml}\n`,
    );
    n++;
  }
  return n;
}

/** Runs a command under GNU time: wall, user and system CPU, peak RSS of the largest process. */
export function timed(cmd: string, args: string[], cwd: string, timeoutSeconds: number): TimedRun {
  const timeFile = join(cwd, `time-${process.pid}.txt`);
  const r = spawnSync(
    "/usr/bin/time",
    ["-f", "%e %U %S %M", "-o", timeFile, "timeout", "-s", "KILL", String(timeoutSeconds), cmd, ...args],
    { cwd, encoding: "utf8", maxBuffer: 64 << 20 },
  );
  const lines = existsSync(timeFile) ? readFileSync(timeFile, "utf8").trim().split("\n") : [];
  rmSync(timeFile, { force: true });
  if (lines.some((l) => l.includes("signal 9"))) throw new Error(`${cmd} killed after ${timeoutSeconds} s`);
  if (r.status !== 0)
    throw new Error(`${cmd} failed (exit ${r.status}): ${`${r.stderr}${r.stdout}`.slice(-800)}`);
  const [wall, user, sys, kib] = (lines.pop() ?? "").split(" ").map(Number);
  return {
    wallSeconds: wall ?? 0,
    userSeconds: user ?? 0,
    sysSeconds: sys ?? 0,
    peakRssMiB: (kib ?? 0) / 1024,
  };
}

export function hugoVersion(): string | null {
  const r = spawnSync("hugo", ["version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

if (process.argv[1]?.endsWith("hugo.ts")) {
  const [siteJson, dir, items] = process.argv.slice(2);
  if (!siteJson || !dir) {
    console.error("usage: tsx bench/hugo.ts SITE_JSON DIR [ITEMS_PER_FEED]");
    process.exit(2);
  }
  console.log(JSON.stringify({ articles: writeHugoSite(siteJson, dir, Number(items ?? 50)) }));
}
