// Corpus listing -> Site: taxonomy and sidecars, one draft article per capture (capture.ts), ids,
// stories and the site's order. Pure over the listing (no I/O), so every bad-input case is testable in memory. Every problem
// in every file is collected before the build gives up, so one run shows the user everything to fix.
// Three steps, so the per-file work can run on other threads (src/pipeline/parallel): planSite decides
// names, ids and sidecars; each capture job runs on its own; finishSite takes the results in input order
// (duplicates, merges, stories, order), so the output never depends on which thread finished first.
import type { Site, SiteSettings } from "../shared/types";
import type { ArticleReport, CaptureResult, Draft, Sidecar } from "./capture";
import { slugFromPath } from "./enrich/identity";
import { type MergeRecord, mergeCopies } from "./enrich/merge";
import { siteOrder } from "./enrich/order";
import { groupStories } from "./enrich/stories";
import { parseTaxonomy, type TagRule } from "./enrich/taxonomy";
import { type CaptureJob, type JobContext, runJob } from "./parallel/job";
import { type Problem, Problems } from "./problems";
import { CAPTURE_EXTENSIONS } from "./read/formats/index";
import { parseMeta } from "./read/frontmatter";
import { type CorpusListing, decode } from "./read/read";
import { lastChanged } from "./render/clock";

export type { ArticleReport } from "./capture";
export type { MergeRecord } from "./enrich/merge";

export interface Assembled {
  site: Site;
  report: ArticleReport[];
  /** The extractor's doubts: shown in the report and on the console, never a reason to stop. */
  warnings: Problem[];
  /** Copies of one article folded into one (enrich/merge.ts), for the build report. */
  merges: MergeRecord[];
}

/** What the main thread decides before any article is read: everything that needs the whole listing. */
export interface SitePlan {
  settings: SiteSettings;
  /** Problems found before the articles are read (taxonomy, unknown files, sidecars), in order. */
  problems: Problem[];
  rules: TagRule[];
  /** What a worker needs to rebuild `rules` and run any job (src/pipeline/parallel/job.ts). */
  context: JobContext;
  /** Each article file in listing order: refused for its name or id, or the index of its job. */
  steps: ({ refused: Problem } | { job: number })[];
  jobs: CaptureJob[];
}

export type AssembleResult = { ok: true; value: Assembled } | { ok: false; problems: Problem[] };

/** In-process build: plan, every job on this thread, finish. */
export function assembleSite(
  listing: CorpusListing,
  settings: SiteSettings,
  corpusLabel = "corpus",
  /** Called after each article file (progress on a terminal; never changes the result). */
  onFile: (done: number, total: number) => void = () => {},
): AssembleResult {
  const plan = planSite(listing, settings, corpusLabel);
  const total = plan.jobs.length;
  const results = plan.jobs.map((job, i) => {
    onFile(i, total);
    return runJob(job, plan.rules, settings.language);
  });
  onFile(total, total);
  return finishSite(plan, results);
}

export function planSite(listing: CorpusListing, settings: SiteSettings, corpusLabel = "corpus"): SitePlan {
  const problems = new Problems();

  // Taxonomy first: front-matter tags are checked against it.
  let rules: TagRule[] = [];
  let taxonomy: string | null = null;
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
      taxonomy = d.text;
    }
  }

  for (const f of listing.unknown) {
    problems.add(
      f.display,
      0,
      `is neither an article (${CAPTURE_EXTENSIONS}) nor known configuration (taxonomy.yaml, <article>.meta.yaml, sources.opml)`,
      "rename an article to one of those extensions, or move the file out of the corpus folder",
    );
  }

  const sidecars = new Map<string, Sidecar>();
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
    // Its name, not its bytes: they are parsed already, and the job carries the sidecar to a worker.
    const file = { display: f.display, rel: f.rel, bytes: new Uint8Array(0) };
    sidecars.set(stem, { file, meta: m.meta, lines: m.lines });
  }

  const bySlug = new Map<string, string>();
  const steps: SitePlan["steps"] = [];
  const jobs: CaptureJob[] = [];
  const refuse = (file: string, message: string, fix: string) =>
    steps.push({ refused: { file, line: 0, message, fix } });
  for (const file of listing.articles) {
    const slug = slugFromPath(file.rel);
    if (!slug) {
      refuse(
        file.display,
        "has a file name with no letters or digits, so it gets no id",
        "rename it, e.g. 2026-03-11-headline.txt",
      );
      continue;
    }
    const other = bySlug.get(slug);
    if (other) {
      refuse(
        file.display,
        `has the same id "${slug}" as ${other} (ids come from file names)`,
        "rename one of the two files",
      );
      continue;
    }
    bySlug.set(slug, file.display);
    const side = sidecars.get(file.rel.replace(/\.[^.]+$/, ""));
    steps.push({ job: jobs.length });
    jobs.push(side ? { file, slug, side } : { file, slug });
  }
  return {
    settings,
    problems: problems.list,
    rules,
    context: { taxonomy, language: settings.language },
    steps,
    jobs,
  };
}

/** The plan and every job's result (`results[i]` from `plan.jobs[i]`) -> the site, or every problem. */
export function finishSite(plan: SitePlan, results: readonly CaptureResult[]): AssembleResult {
  const { settings, rules } = plan;
  const problems: Problem[] = [...plan.problems];
  const drafts: Draft[] = [];
  const draftById = new Map<string, Draft>();
  const warnings: Problem[] = [];

  for (const step of plan.steps) {
    if ("refused" in step) {
      problems.push(step.refused);
      continue;
    }
    const r = results[step.job];
    if (!r) throw new Error(`no result for capture job ${step.job}`);
    problems.push(...r.problems);
    warnings.push(...r.warnings);
    for (const d of r.drafts) {
      // Two feeds (or two saves of one feed) may carry the same item: one copy is kept, never two.
      const first = draftById.get(d.article.id);
      if (!first) {
        drafts.push(d);
        draftById.set(d.article.id, d);
      } else
        warnings.push({
          file: d.article.file,
          line: 0,
          message: `holds "${d.article.title}", already read from ${first.article.file} (same item id); this copy was left out`,
          fix: "nothing to do if both files are wanted; otherwise remove the older file",
        });
    }
  }

  if (problems.length > 0) return { ok: false, problems };

  // Copies of one article become one before stories are computed: a story groups different write-ups.
  const { drafts: unique, merges } = mergeCopies(
    drafts,
    rules.map((r) => r.slug),
  );
  drafts.length = 0;
  drafts.push(...unique);

  const stories = groupStories(
    // A getter, so each article's terms are read from the spill file when they are counted, not all at once.
    drafts.map((d) => ({
      id: d.article.id,
      date: d.article.captured ?? d.article.date,
      get terms() {
        return d.storyTerms;
      },
    })),
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

  const order = new Map(drafts.map((d) => [d.article.id, d]));
  const sorted = siteOrder(drafts.map((d) => d.article)).map((a) => order.get(a.id) as Draft);
  const articles = sorted.map((d) => d.article);
  const site: Site = {
    settings,
    articles,
    tags: rules.map((r) => ({ slug: r.slug, name: r.name, description: r.description })),
    updated: lastChanged({ articles }, articles, "1970-01-01T00:00:00Z"),
  };
  return { ok: true, value: { site, report: sorted.map((d) => d.report), warnings, merges } };
}
