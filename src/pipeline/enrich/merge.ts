// One story, many sources: copies of ONE article (a saved page and the feed item linking to it, two
// feeds carrying one wire story) become one article that lists every source. Copies are found by
// canonical URL first (canonical.ts), then by near-duplicate text (neardup.ts); copies linked either way
// are one group (transitively). Different write-ups of one event are not copies: they stay separate
// articles and stories.ts groups them into one story.
//
// The merged article keeps the richest of each field (README: "One story, many sources"):
//   - id, slug and file of the copy that entered the corpus first (earliest `captured`, else date; ties
//     by id): the rule that names stories, so a copy arriving later never renames the article;
//   - body (content, text, words) of the copy with the longest clean text;
//   - every other field from the surest copy that has it (given by the user > declared by the source >
//     inferred), then the earliest published one's (the original), then the longest body's, the kept one's;
//   - the earliest publication date, the latest update, the earliest capture; tags of every copy;
//   - sources: the kept copy's first, then the others' by publication date (the original first).
// It depends only on the set of copies, never on the order files were read in.
import type { Draft } from "../capture";
import { RANKED_FIELDS, type RankedField } from "../fields";
import { canonicalUrl } from "./canonical";
import { nearDuplicates } from "./neardup";
import { storyTerms } from "./stories";

export interface MergeRecord {
  /** The article that stays (its slug and file). */
  kept: { slug: string; file: string };
  /** Every copy folded into it, with why. */
  merged: { slug: string; file: string }[];
  /** Each link that joined the group: `a` and `b` are slugs. */
  links: { a: string; b: string; reason: string }[];
  /** Where the merged article's body came from (a slug), when not from the kept copy. */
  bodyFrom: string;
}

const byId = (x: Draft, y: Draft) => (x.article.id < y.article.id ? -1 : x.article.id > y.article.id ? 1 : 0);
const ms = (d: string) => Date.parse(d);

/** When the copy says it was published; never-dated copies last. */
const published = (d: Draft) =>
  d.article.published === null ? Number.POSITIVE_INFINITY : ms(d.article.published);

/** When the copy entered the corpus: the same key stories.ts names a story by. */
const entered = (d: Draft) => ms(d.article.captured ?? d.article.date);

export function mergeCopies(
  drafts: readonly Draft[],
  tagOrder: readonly string[],
): { drafts: Draft[]; merges: MergeRecord[] } {
  const sorted = [...drafts].sort(byId);
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const links: { a: number; b: number; reason: string }[] = [];
  const join = (a: number, b: number, reason: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return;
    parent[Math.max(ra, rb)] = Math.min(ra, rb);
    links.push({ a, b, reason });
  };

  const byUrl = new Map<string, number>();
  sorted.forEach((d, i) => {
    const u = canonicalUrl(d.article.url);
    if (u === null) return;
    const first = byUrl.get(u);
    if (first === undefined) byUrl.set(u, i);
    else join(first, i, `same canonical URL ${u}`);
  });
  for (const p of nearDuplicates(sorted, (d) => d.textPrint)) {
    // Two items of one feed are two articles by the publisher's own ids, however alike their texts
    // (a feed of templated notices): only copies from different files merge by text.
    if ((sorted[p.a] as Draft).article.file === (sorted[p.b] as Draft).article.file) continue;
    join(p.a, p.b, p.reason);
  }

  const groups = new Map<number, number[]>();
  sorted.forEach((_, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  const out: Draft[] = [];
  const merges: MergeRecord[] = [];
  for (const members of groups.values()) {
    const copies = members.map((i) => sorted[i] as Draft);
    if (copies.length === 1) {
      out.push(copies[0] as Draft);
      continue;
    }
    const merged = mergeGroup(copies, tagOrder);
    out.push(merged.draft);
    const inGroup = new Set(members);
    merges.push({
      kept: { slug: merged.draft.article.slug, file: merged.draft.article.file },
      merged: copies
        .filter((c) => c !== merged.kept)
        .map((c) => ({ slug: c.article.slug, file: c.article.file })),
      links: links
        .filter((l) => inGroup.has(l.a))
        .map((l) => ({
          a: (sorted[l.a] as Draft).article.slug,
          b: (sorted[l.b] as Draft).article.slug,
          reason: l.reason,
        })),
      bodyFrom: merged.body.article.slug,
    });
  }
  merges.sort((x, y) => (x.kept.slug < y.kept.slug ? -1 : 1));
  return { drafts: out, merges };
}

function mergeGroup(
  copies: Draft[],
  tagOrder: readonly string[],
): { draft: Draft; kept: Draft; body: Draft } {
  const kept = [...copies].sort((x, y) => entered(x) - entered(y) || byId(x, y))[0] as Draft;
  const body = [...copies].sort(
    (x, y) => y.article.text.length - x.article.text.length || byId(x, y),
  )[0] as Draft;
  // Surest first, then the earliest published (the original, not a republication), then the longest
  // body's copy, then the kept one, then by id.
  const surest = (f: RankedField) =>
    [...copies].sort(
      (x, y) =>
        (y.rank[f] ?? 0) - (x.rank[f] ?? 0) ||
        published(x) - published(y) ||
        Number(y === body) - Number(x === body) ||
        Number(y === kept) - Number(x === kept) ||
        byId(x, y),
    );
  const pick = <K extends RankedField>(f: K) => {
    for (const c of surest(f)) {
      const v = c.article[f];
      if (v !== null && !(Array.isArray(v) && v.length === 0) && v !== "") return { v, c };
    }
    return { v: (surest(f)[0] as Draft).article[f], c: surest(f)[0] as Draft };
  };

  // The earliest publication date among the surest copies that print one; else, undated, the earliest capture.
  const dated = copies.filter((c) => c.article.published !== null);
  const topRank = Math.max(-1, ...dated.map((c) => c.rank.published ?? 0));
  const pub = dated
    .filter((c) => (c.rank.published ?? 0) === topRank)
    .sort((x, y) => ms(x.article.date) - ms(y.article.date) || byId(x, y))[0];
  const undated = [...copies].sort(
    (x, y) => ms(x.article.date) - ms(y.article.date) || byId(x, y),
  )[0] as Draft;
  const dateFrom = pub ?? undated;
  const updated = copies
    .map((c) => c.article.updated)
    .filter((u): u is string => u !== null)
    .sort((x, y) => ms(y) - ms(x))[0];
  const captured = copies
    .map((c) => c.article.captured)
    .filter((u): u is string => u !== null)
    .sort((x, y) => ms(x) - ms(y))[0];
  const tags = new Set(copies.flatMap((c) => c.article.tags));
  const others = copies.filter((c) => c !== kept).sort((x, y) => published(x) - published(y) || byId(x, y));
  const sources = [kept, ...others].flatMap((c) => c.article.sources);

  const matches = new Map<string, Draft["report"]["tags"][number]>();
  for (const c of [kept, ...others])
    for (const t of c.report.tags) if (!matches.has(t.slug)) matches.set(t.slug, t);

  const title = pick("title").v as string;
  const subtitle = pick("subtitle").v as string | null;
  const article = {
    ...kept.article,
    title,
    subtitle,
    authors: pick("authors").v as string[],
    publisher: pick("publisher").v as string | null,
    url: pick("url").v as string | null,
    language: pick("language").v as string,
    summary: pick("summary").v as string,
    published: dateFrom.article.published,
    date: dateFrom.article.date,
    dateSource: dateFrom.article.dateSource,
    updated: updated ?? null,
    captured: captured ?? null,
    contentHtml: body.article.contentHtml,
    text: body.article.text,
    wordCount: body.article.wordCount,
    tags: tagOrder.filter((t) => tags.has(t)),
    sources,
  };
  const rank: Draft["rank"] = {};
  for (const f of RANKED_FIELDS) rank[f] = pick(f).c.rank[f] ?? 0;
  const draft: Draft = {
    article,
    rank,
    storyTerms: storyTerms([title, subtitle ?? "", body.article.text].join("\n\n")),
    textPrint: body.textPrint,
    report: {
      ...kept.report,
      title,
      authors: article.authors,
      publisher: article.publisher,
      date: article.date,
      dateSource: article.dateSource,
      dateLine: dateFrom === kept ? kept.report.dateLine : null,
      tags: tagOrder.flatMap((t) => matches.get(t) ?? []),
      words: article.wordCount,
      warnings: copies.flatMap((c) => c.report.warnings),
    },
  };
  return { draft, kept, body };
}
