// Corpus listing -> Site: decode, front matter and sidecars, ingest (clean + extract), dates, tags,
// stories. Pure over the listing (no I/O), so every bad-input case is testable in memory. Every problem
// in every file is collected before the build gives up, so one run shows the user everything to fix.
import type { Article, DateSource, Site, SiteSettings } from "../shared/types";
import { articleId, slugFromPath } from "./enrich/identity";
import { groupStories } from "./enrich/stories";
import { matchTags, resolveTag, type TagMatch } from "./enrich/tags";
import { parseTaxonomy, type TagRule } from "./enrich/taxonomy";
import { ingest } from "./extract/index";
import { type Problem, Problems } from "./problems";
import { type GivenMeta, parseMeta, splitFrontMatter } from "./read/frontmatter";
import { type CorpusFile, type CorpusListing, decode } from "./read/read";

export interface ArticleReport {
  id: string;
  slug: string;
  file: string;
  title: string;
  authors: string[];
  publisher: string | null;
  date: string;
  dateSource: DateSource;
  /** Line the date came from, when it came from the capture or front matter. */
  dateLine: number | null;
  tags: TagMatch[];
  words: number;
  linesKept: number;
  removedByRule: Record<string, number>;
  story: string;
  related: { slug: string; score: number }[];
}

export interface Assembled {
  site: Site;
  report: ArticleReport[];
}

const SUMMARY_MAX = 280;

export function assembleSite(
  listing: CorpusListing,
  settings: SiteSettings,
  corpusLabel = "corpus",
): { ok: true; value: Assembled } | { ok: false; problems: Problem[] } {
  const problems = new Problems();

  // Taxonomy first: front-matter tags are checked against it.
  let rules: TagRule[] = [];
  if (!listing.taxonomy) {
    problems.add(
      `${corpusLabel}/taxonomy.yaml`,
      0,
      "is missing: no tag can be found",
      "create it (see corpus/README.md, section Tags)",
    );
  } else {
    const d = decode(listing.taxonomy.bytes);
    if (!d.ok) problems.add(listing.taxonomy.display, d.line, d.message, d.fix);
    else {
      const t = parseTaxonomy(d.text);
      for (const p of t.problems) problems.add(listing.taxonomy.display, p.line, p.message, p.fix);
      rules = t.tags;
    }
  }

  for (const f of listing.unknown) {
    problems.add(
      f.display,
      0,
      "is neither an article (.txt, .md) nor known configuration (taxonomy.yaml, <article>.meta.yaml)",
      "rename an article to .txt or .md, or move the file out of the corpus folder",
    );
  }

  const sidecars = new Map<string, { file: CorpusFile; meta: GivenMeta }>();
  // A set, not a scan of the article list per sidecar: that was quadratic in corpus size.
  const articleStems = new Set(listing.articles.map((a) => a.rel.replace(/\.[^.]+$/, "")));
  for (const f of listing.sidecars) {
    const stem = f.rel.replace(/\.meta\.ya?ml$/i, "");
    const d = decode(f.bytes);
    if (!d.ok) {
      problems.add(f.display, d.line, d.message, d.fix);
      continue;
    }
    const m = parseMeta(d.text);
    for (const p of m.problems) problems.add(f.display, p.line, p.message, p.fix);
    if (!articleStems.has(stem)) {
      problems.add(
        f.display,
        0,
        `describes an article that does not exist (no ${stem}.txt or ${stem}.md)`,
        "rename it to match its article, or delete it",
      );
    }
    sidecars.set(stem, { file: f, meta: m.meta });
  }

  const bySlug = new Map<string, string>();
  const drafts: { article: Article; report: ArticleReport; tagText: string }[] = [];

  for (const file of listing.articles) {
    const before = problems.list.length;
    const slug = slugFromPath(file.rel);
    if (!slug) {
      problems.add(
        file.display,
        0,
        "has a file name with no letters or digits, so it gets no id",
        "rename it, e.g. 2026-03-11-headline.txt",
      );
      continue;
    }
    const other = bySlug.get(slug);
    if (other) {
      problems.add(
        file.display,
        0,
        `has the same id "${slug}" as ${other} (ids come from file names)`,
        "rename one of the two files",
      );
      continue;
    }
    bySlug.set(slug, file.display);

    const d = decode(file.bytes);
    if (!d.ok) {
      problems.add(file.display, d.line, d.message, d.fix);
      continue;
    }
    const split = splitFrontMatter(d.text);
    if (split.problem)
      problems.add(file.display, split.problem.line, split.problem.message, split.problem.fix);
    let given: GivenMeta = {};
    let givenLines: Partial<Record<string, number>> = {};
    if (split.yaml !== null) {
      const m = parseMeta(split.yaml);
      for (const p of m.problems) problems.add(file.display, p.line + split.yamlLine - 1, p.message, p.fix);
      given = m.meta;
      givenLines = Object.fromEntries(
        Object.entries(m.lines).map(([k, v]) => [k, (v ?? 0) + split.yamlLine - 1]),
      );
    }
    const side = sidecars.get(file.rel.replace(/\.[^.]+$/, ""));
    // In-file front matter is closest to the text, so it wins over the sidecar.
    const meta: GivenMeta = { ...(side?.meta ?? {}), ...given };

    const format = /\.(?:md|markdown)$/i.test(file.rel) ? "markdown" : "text";
    const out = ingest({
      file: file.display,
      body: split.body,
      format,
      firstLine: split.bodyLine,
      ...(meta.title ? { title: meta.title } : {}),
    });
    for (const p of out.problems) problems.add(file.display, p.line, p.message, p.fix);

    const title = meta.title ?? out.title;
    if (!title) {
      problems.add(
        file.display,
        split.bodyLine,
        "has no findable title (no headline line before the body)",
        "add `title: ...` in front matter, or put the headline alone on the first line",
      );
    }
    if (out.text.trim() === "" && title) {
      problems.add(
        file.display,
        split.bodyLine,
        "has no article text left after cleaning",
        "check that the file holds the article itself, not only page chrome",
      );
    }

    const tagSlugs: string[] = [];
    for (const t of meta.tags ?? []) {
      const s = resolveTag(rules, t);
      if (s) tagSlugs.push(s);
      else {
        problems.add(
          side && !given.tags ? side.file.display : file.display,
          side && !given.tags ? 0 : (givenLines.tags ?? 1),
          `tag "${t}" is not in the taxonomy`,
          `use one of: ${rules.map((r) => r.slug).join(", ")}; or add it to taxonomy.yaml`,
        );
      }
    }

    let date: string | null = null;
    let dateSource: DateSource = "captured";
    let dateLine: number | null = null;
    const published = meta.published ?? out.dateline?.date ?? null;
    if (meta.published) {
      [date, dateSource, dateLine] = [meta.published, "front-matter", givenLines.published ?? null];
    } else if (out.dateline) {
      [date, dateSource, dateLine] = [out.dateline.date, "dateline", out.dateline.line];
    } else if (meta.captured) {
      [date, dateSource, dateLine] = [meta.captured, "captured", givenLines.captured ?? null];
    } else if (problems.list.length === before) {
      // Only when nothing else is wrong with the file: after a broken front matter or an invalid given
      // date, "no date" would only be noise.
      problems.add(
        file.display,
        0,
        "shows no publication date, and no `published` or `captured` date is given",
        `add \`published: YYYY-MM-DD\` (or, when the publication date is unknown, \`captured: YYYY-MM-DD\`) to its front matter or to ${file.rel.replace(/\.[^.]+$/, "")}.meta.yaml`,
      );
    }

    if (problems.list.length > before || !title || !date) continue;

    const firstParagraph = out.blocks.find((b) => b.type === "paragraph");
    const summary =
      meta.summary ??
      out.subtitle ??
      (firstParagraph && firstParagraph.type === "paragraph"
        ? clip(firstParagraph.text, SUMMARY_MAX)
        : clip(out.text, SUMMARY_MAX));
    const tagText = [title, out.subtitle ?? "", out.text].join("\n\n");
    const tags = matchTags(rules, tagText, tagSlugs);
    const removedByRule: Record<string, number> = {};
    for (const r of out.removed) removedByRule[r.rule] = (removedByRule[r.rule] ?? 0) + 1;

    const id = articleId(slug);
    const article: Article = {
      id,
      slug,
      file: file.display,
      title,
      subtitle: out.subtitle,
      authors: meta.authors ?? out.authors,
      publisher: meta.publisher ?? out.publisher,
      url: meta.url ?? null,
      language: meta.language ?? out.language ?? settings.language,
      published,
      updated: meta.updated ?? null,
      captured: meta.captured ?? null,
      date,
      dateSource,
      summary,
      contentHtml: out.contentHtml,
      text: out.text,
      wordCount: out.wordCount,
      tags: tags.map((t) => t.slug),
      story: id,
      related: [],
    };
    drafts.push({
      article,
      tagText,
      report: {
        id,
        slug,
        file: file.display,
        title,
        authors: article.authors,
        publisher: article.publisher,
        date,
        dateSource,
        dateLine,
        tags,
        words: out.wordCount,
        linesKept: out.blocks.length,
        removedByRule,
        story: id,
        related: [],
      },
    });
  }

  if (!problems.ok) return { ok: false, problems: problems.list };

  const stories = groupStories(
    drafts.map((d) => ({ id: d.article.id, date: d.article.date, text: d.tagText })),
  );
  const slugOf = new Map(drafts.map((d) => [d.article.id, d.article.slug]));
  for (const d of drafts) {
    const s = stories.get(d.article.id);
    if (!s) continue;
    d.article.story = s.story;
    d.article.related = s.related;
    d.report.story = s.story;
    d.report.related = s.related.map((id, i) => ({ slug: slugOf.get(id) ?? id, score: s.scores[i] ?? 0 }));
  }

  drafts.sort((a, b) =>
    a.article.date < b.article.date
      ? 1
      : a.article.date > b.article.date
        ? -1
        : a.article.slug < b.article.slug
          ? -1
          : 1,
  );
  const articles = drafts.map((d) => d.article);
  const site: Site = {
    settings,
    articles,
    tags: rules.map((r) => ({ slug: r.slug, name: r.name, description: r.description })),
    updated: newest(articles),
  };
  return { ok: true, value: { site, report: drafts.map((d) => d.report) } };
}

/** Newest date any article carries (published, updated or fallback); a fixed epoch for an empty corpus. */
function newest(articles: readonly Article[]): string {
  let max = "1970-01-01T00:00:00Z";
  for (const a of articles) for (const d of [a.date, a.updated]) if (d && d > max) max = d;
  return max;
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const at = cut.lastIndexOf(" ");
  return `${(at > max * 0.6 ? cut.slice(0, at) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}
