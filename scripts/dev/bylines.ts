// Dev tool: `npx tsx scripts/dev/bylines.ts [DIR] [--list]` compares the publication day and the authors
// the build picks from each benchmark page's text (DIR/text/<id>.txt, default ../shared/eval/pages) with
// the ones the page's HTML declares (JSON-LD datePublished/author/publisher, og:site_name, article:published_time, meta author,
// itemprop). Prints counts per field: right, wrong, missed (declared but nothing picked), extra (picked,
// nothing declared), and how many pages declare nothing. The date is compared as a day, allowing one day
// either side (a declared instant and a printed local time may fall on neighbouring days); authors match
// when a picked name and a declared name share their words.
import { decodeEntities } from "../../src/pipeline/extract/markdown";
import { benchmarkPages } from "./benchmark-pages";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--")) ?? "../shared/eval/pages";
const list = args.includes("--list");

function metaContent(html: string, attr: string, name: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<meta[^>]+${attr}=["']${name}["'][^>]*>`, "gi");
  for (const m of html.matchAll(re)) {
    const c = /content=["']([^"']*)["']/i.exec(m[0])?.[1];
    if (c) out.push(decodeEntities(c).trim());
  }
  return out;
}

function jsonLd(html: string): unknown[] {
  const out: unknown[] = [];
  for (const m of html.matchAll(/<script[^>]+application\/ld\+json[^>]*>([\s\S]*?)<\/script>/gi)) {
    try {
      out.push(JSON.parse(m[1] ?? ""));
    } catch {}
  }
  return out;
}

function walk(x: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(x)) for (const y of x) walk(y, visit);
  else if (x && typeof x === "object") {
    visit(x as Record<string, unknown>);
    for (const v of Object.values(x)) walk(v, visit);
  }
}

function declared(html: string): { days: string[]; authors: string[]; publishers: string[] } {
  const publishers: string[] = [
    ...metaContent(html, "property", "og:site_name"),
    ...metaContent(html, "name", "(?:application-name|publisher|dc\\.publisher)"),
  ];
  const dates: string[] = [
    ...metaContent(html, "property", "article:published_time"),
    ...metaContent(html, "itemprop", "datePublished"),
    ...metaContent(html, "name", "(?:pubdate|publishdate|date|dc\\.date|sailthru\\.date)"),
  ];
  const authors: string[] = [...metaContent(html, "name", "(?:author|byl|sailthru\\.author)")];
  for (const ld of jsonLd(html))
    walk(ld, (o) => {
      const p = o.publisher;
      if (p && typeof p === "object" && typeof (p as { name?: unknown }).name === "string")
        publishers.push((p as { name: string }).name);
      if (typeof o.datePublished === "string") dates.push(o.datePublished);
      const a = o.author;
      for (const x of Array.isArray(a) ? a : a === undefined ? [] : [a]) {
        if (typeof x === "string") authors.push(x);
        else if (x && typeof x === "object" && typeof (x as { name?: unknown }).name === "string")
          authors.push((x as { name: string }).name);
      }
    });
  for (const m of html.matchAll(/itemprop=["']datePublished["'][^>]*datetime=["']([^"']+)["']/gi))
    dates.push(m[1] ?? "");
  const days = dates.map((d) => /\d{4}-\d{2}-\d{2}/.exec(d)?.[0] ?? "").filter((d) => d !== "");
  const names = authors
    .map((a) =>
      decodeEntities(a)
        .replace(/^by\s+/i, "")
        .trim(),
    )
    .filter((a) => a !== "" && !/^https?:/i.test(a));
  return {
    days: [...new Set(days)],
    authors: [...new Set(names)],
    publishers: [...new Set(publishers.map((p) => decodeEntities(p).trim()).filter((p) => p !== ""))],
  };
}

const toks = (s: string): string[] =>
  s
    .toLowerCase()
    .normalize("NFKC")
    .match(/[\p{L}\p{N}]+/gu) ?? [];
const sameName = (a: string, b: string): boolean => {
  const ta = toks(a);
  const tb = new Set(toks(b));
  return ta.length > 0 && ta.filter((t) => tb.has(t)).length >= Math.min(ta.length, tb.size, 2);
};
const near = (a: string, b: string): boolean => Math.abs(Date.parse(a) - Date.parse(b)) <= 86_400_000;

const tally = () => ({ right: 0, wrong: 0, missed: 0, extra: 0, undeclared: 0 });
const date = tally();
const author = tally();
const publisher = tally();
let pages = 0;
for (const { id, html, result: r } of benchmarkPages(dir)) {
  pages++;
  const want = declared(html);
  const a = r.drafts[0]?.article;
  const gotDay = a?.published?.slice(0, 10) ?? null;
  const gotAuthors = a?.authors ?? [];
  const note: string[] = [];
  if (want.days.length === 0) {
    date.undeclared++;
    if (gotDay !== null) {
      date.extra++;
      note.push(`date picked ${gotDay}, none declared`);
    }
  } else if (gotDay === null) {
    date.missed++;
    note.push(`date missed, want ${want.days[0]}`);
  } else if (want.days.some((d) => near(d, gotDay))) date.right++;
  else {
    date.wrong++;
    note.push(`date got ${gotDay} want ${want.days.join("/")}`);
  }
  if (want.authors.length === 0) {
    author.undeclared++;
    if (gotAuthors.length > 0) {
      author.extra++;
      note.push(`authors picked ${JSON.stringify(gotAuthors)}, none declared`);
    }
  } else if (gotAuthors.length === 0) {
    author.missed++;
    note.push(`authors missed, want ${JSON.stringify(want.authors)}`);
  } else if (gotAuthors.every((g) => want.authors.some((w) => sameName(g, w)))) author.right++;
  else {
    author.wrong++;
    note.push(`authors got ${JSON.stringify(gotAuthors)} want ${JSON.stringify(want.authors)}`);
  }
  const gotPublisher = a?.publisher ?? null;
  if (want.publishers.length === 0) {
    publisher.undeclared++;
    if (gotPublisher !== null) publisher.extra++;
  } else if (gotPublisher === null) {
    publisher.missed++;
    note.push(`publisher missed, want ${JSON.stringify(want.publishers)}`);
  } else if (want.publishers.some((w) => sameName(gotPublisher, w) || sameName(w, gotPublisher)))
    publisher.right++;
  else {
    publisher.wrong++;
    note.push(
      `publisher got ${JSON.stringify(gotPublisher)} want ${JSON.stringify(want.publishers)} (${r.drafts[0]?.report.evidence.publisher ?? ""})`,
    );
  }
  if (list && note.length > 0) console.log(`${id}: ${note.join("; ")}`);
}
const line = (n: string, t: ReturnType<typeof tally>) =>
  `${n}: ${t.right} right, ${t.wrong} wrong, ${t.missed} missed, ${t.extra} picked where none declared, ${t.undeclared} undeclared, of ${pages}`;
console.log(line("date", date));
console.log(line("authors", author));
console.log(line("publisher", publisher));
