// One capture -> its draft articles: decode, the format's reader (src/pipeline/read/formats), ingest
// (clean + extract), the date decision and tags. Pure over its inputs, so the build and `npm run eval` run exactly the same code on a file.
// Problems stop the build (the user's input is broken); warnings are the extractor's doubt and never do.
import type { Article, ArticleSource, DateSource } from "../shared/types";
import { articleId, slugify } from "./enrich/identity";
import { type TextPrint, textPrint } from "./enrich/neardup";
import { storyTerms } from "./enrich/stories";
import { matchTags, resolveTag, type TagMatch } from "./enrich/tags";
import type { TagRule } from "./enrich/taxonomy";
import { trimTitle } from "./enrich/title-limit";
import { type FieldEvidence, ingest } from "./extract/index";
import { RANKED_FIELDS, type RankedField } from "./fields";
import type { Problem } from "./problems";
import { CAPTURE_EXTENSIONS, formatOf, type SourceArticle } from "./read/formats/index";
import { closest, type GivenMeta } from "./read/frontmatter";
import { LIMITS } from "./read/limits";
import { type CorpusFile, decode } from "./read/read";

export { RANKED_FIELDS, type RankedField };

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
  /** The extractor's doubts about this article, with the fix (also listed at the end of the report). */
  warnings: string[];
  /** Why each field got its value: "front matter", or the winning line's top evidence. */
  evidence: FieldEvidence;
}

export interface Draft {
  article: Article;
  report: ArticleReport;
  /** storyTerms() of the title, dek and body (the text tags are matched in): what stories compare. */
  storyTerms: string;
  /** textPrint() of the article's text: what near-duplicates are found by. */
  textPrint: TextPrint;
  /**
   * How sure each field is: 2 given by the user (front matter, sidecar), 1 declared by the source
   * (JSON-LD, a feed item's own field), 0 inferred from the text, -1 a feed's title standing in for the
   * publisher (see below). Merging copies keeps the surest.
   */
  rank: Partial<Record<RankedField, -1 | 0 | 1 | 2>>;
}

/** A capture's sidecar (`<name>.meta.yaml`), already parsed. */
export interface Sidecar {
  file: CorpusFile;
  meta: GivenMeta;
  /** The file line of each field, so a problem with a field is reported where it is written. */
  lines?: Partial<Record<string, number>>;
}

export interface CaptureResult {
  /** Every article the capture yields (a page: one; a feed: one per item), in file order. */
  drafts: Draft[];
  problems: Problem[];
  warnings: Problem[];
}

const SUMMARY_MAX = 280;

/** One capture file -> its articles, through the format registry (src/pipeline/read/formats). */
export function articleFromCapture(
  file: CorpusFile,
  slug: string,
  side: Sidecar | undefined,
  rules: readonly TagRule[],
  fallbackLanguage: string,
): CaptureResult {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const at = (p: { line: number; message: string; fix: string }): Problem => ({ file: file.display, ...p });
  const format = formatOf(file.rel);
  if (!format) {
    problems.push(
      at({
        line: 0,
        message: "is not in a known capture format",
        fix: `save it as one of ${CAPTURE_EXTENSIONS}`,
      }),
    );
    return { drafts: [], problems, warnings };
  }
  const d = decode(file.bytes);
  if (!d.ok) {
    problems.push(at(d));
    return { drafts: [], problems, warnings };
  }
  const source = format.read(d.text);
  problems.push(...source.problems.map(at));
  warnings.push(...source.warnings.map(at));
  const drafts: Draft[] = [];
  for (const a of source.articles) {
    const key = a.slug ?? (a.key ? `${slug}--${slugify(a.key)}` : slug);
    const r = draftOf(file, key, a, side, rules, fallbackLanguage, problems.length > 0);
    problems.push(...r.problems);
    warnings.push(...r.warnings);
    if (r.draft) drafts.push(r.draft);
  }
  if (problems.length > 0) return { drafts: [], problems, warnings };
  return { drafts, problems, warnings };
}

function draftOf(
  file: CorpusFile,
  slug: string,
  src: SourceArticle,
  side: Sidecar | undefined,
  rules: readonly TagRule[],
  fallbackLanguage: string,
  /** The file already has problems: then "no date" would only be noise. */
  broken: boolean,
): { draft: Draft | null; problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const add = (line: number, message: string, fix: string) =>
    problems.push({ file: file.display, line, message, fix });
  const given = src.given;
  const givenLines = src.givenLines;
  const bodyLine = src.ingest.firstLine;
  // Front matter is closest to the text, so it wins over the sidecar; both are the user's word and win
  // over what the page declares about itself, which wins over what is inferred from its text.
  const meta: GivenMeta = { ...src.declared, ...(side?.meta ?? {}), ...given };
  const userGave = (k: keyof GivenMeta) => given[k] !== undefined || side?.meta[k] !== undefined;
  const title0 = meta.title ?? src.titleHint ?? undefined;

  const out = ingest({
    file: file.display,
    ...src.ingest,
    ...(title0 ? { title: title0 } : {}),
    ...(src.ingest.dek ? {} : meta.summary ? { dek: { text: meta.summary, marked: false } } : {}),
    ...(meta.captured ? { captured: meta.captured } : {}),
    ...(meta.url ? { url: meta.url } : {}),
  });
  for (const p of out.problems) add(p.line, p.message, p.fix);
  // A body with no words at all is broken input; anything with words gets built (ingest always finds a
  // title, from the file name at worst, and keeps the whole text rather than none), with warnings.
  const wordless = !src.ingest.units && !/[\p{L}\p{N}]/u.test(src.ingest.body);
  if (wordless) {
    add(
      bodyLine,
      "is empty: no words follow the front matter (only blank lines, rules or symbols)",
      "paste the article's text into the file, or delete the file",
    );
  } else
    for (const w of out.warnings)
      warnings.push({ file: file.display, line: w.line, message: w.message, fix: w.fix });

  const found = title0 ?? out.title;
  // A given title over the limit was refused in front matter; one the build found is cut, with a warning.
  const cut = found && !userGave("title") ? trimTitle(found) : null;
  const title = cut ?? found;
  if (cut && !wordless) {
    warnings.push({
      file: file.display,
      line: out.removed.find((r) => r.rule === "title")?.line ?? bodyLine,
      message: `the title found is ${[...(found ?? "")].length} characters long, over the limit of ${LIMITS.titleChars}; cut to "${cut}"`,
      fix: "add `title: ...` with the real headline to the front matter or to the capture's .meta.yaml sidecar",
    });
  }
  // A broken front matter leaves its YAML as the body, so "no title" would only be its consequence.
  if (!title && !wordless && !broken) {
    add(
      bodyLine,
      "has no findable title (no headline line before the body)",
      "add `title: ...` in front matter, or put the headline alone on the first line",
    );
  }
  if (out.text.trim() === "" && title && !wordless) {
    add(
      bodyLine,
      "has no article text left after cleaning",
      "check that the file holds the article itself, not only page chrome",
    );
  }

  const tagSlugs: string[] = [];
  for (const t of meta.tags ?? []) {
    const s = resolveTag(rules, t);
    if (s) tagSlugs.push(s);
    else {
      const inSidecar = side !== undefined && !given.tags;
      const guess =
        closest(
          t,
          rules.map((r) => r.slug),
        ) ??
        closest(
          t,
          rules.map((r) => r.name.toLowerCase()),
        );
      const slug = rules.find((r) => r.slug === guess || r.name.toLowerCase() === guess)?.slug;
      const known = `use one of: ${rules.map((r) => r.slug).join(", ")}; or add it to taxonomy.yaml`;
      problems.push({
        file: inSidecar ? side.file.display : file.display,
        line: inSidecar ? (side.lines?.tags ?? 1) : (givenLines.tags ?? 1),
        message: `tag "${t}" is not in the taxonomy`,
        fix: slug === undefined ? known : `did you mean \`${slug}\`? Or ${known}`,
      });
    }
  }

  // Keywords a page declares are the publisher's vocabulary, not the user's: only known tags count.
  for (const k of src.keywords) {
    const t = resolveTag(rules, k);
    if (t && !tagSlugs.includes(t)) tagSlugs.push(t);
  }

  let date: string | null = null;
  let dateSource: DateSource = "captured";
  let dateLine: number | null = null;
  const published = meta.published ?? out.dateline?.date ?? null;
  if (meta.published && userGave("published")) {
    [date, dateSource, dateLine] = [meta.published, "front-matter", givenLines.published ?? null];
  } else if (meta.published) {
    // Declared by the page itself: the page's own dateline, in machine-readable form.
    [date, dateSource, dateLine] = [meta.published, "dateline", src.declaredLines.published ?? null];
  } else if (out.dateline) {
    [date, dateSource, dateLine] = [out.dateline.date, "dateline", out.dateline.line];
  } else if (meta.captured) {
    [date, dateSource, dateLine] = [meta.captured, "captured", givenLines.captured ?? null];
  } else if (problems.length === 0 && !broken) {
    // Only when nothing else is wrong with the file: after a broken front matter or an invalid given
    // date, "no date" would only be noise.
    add(
      0,
      "shows no publication date, and no `published` or `captured` date is given",
      `add \`published: YYYY-MM-DD\` (or, when the publication date is unknown, \`captured: YYYY-MM-DD\`) to its front matter or to ${file.rel.replace(/\.[^.]+$/, "")}.meta.yaml`,
    );
  }

  if (problems.length > 0 || !title || !date) return { draft: null, problems, warnings };

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
  const rank: Draft["rank"] = {};
  for (const k of RANKED_FIELDS) {
    // A dek is only ever inferred from the text.
    // A feed's title is where the item was read, not who published it (a wire or an aggregator relays
    // others' articles): as a publisher it loses even to a name inferred from the text or the URL.
    if (k === "publisher" && src.origin?.kind === "feed" && !userGave(k)) rank[k] = -1;
    else if (k === "subtitle") rank[k] = 0;
    else rank[k] = userGave(k) ? 2 : src.declared[k] !== undefined ? 1 : 0;
  }
  const url = meta.url ?? null;
  const publisher = meta.publisher ?? out.publisher;
  const article: Article = {
    id,
    slug,
    file: file.display,
    title,
    subtitle: out.subtitle,
    authors: meta.authors ?? out.authors,
    publisher: meta.publisher ?? out.publisher,
    url: meta.url ?? null,
    language: meta.language ?? out.language ?? fallbackLanguage,
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
    sources: [sourceOf(src, file.display, url, publisher)],
  };
  const report: ArticleReport = {
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
    warnings: warnings.map((w) => `${w.message} (fix: ${w.fix})`),
    evidence: {
      ...out.evidence,
      ...(meta.title ? { title: "front matter" } : {}),
      ...(meta.authors ? { authors: "front matter" } : {}),
      ...(meta.publisher ? { publisher: "front matter" } : {}),
    },
  };
  const draft = { article, report, storyTerms: storyTerms(tagText), textPrint: textPrint(out.text), rank };
  return { draft, problems, warnings };
}

/**
 * The article's source as honestly as the input tells it: a feed item names its feed; a saved page or
 * a pasted capture names only its publisher and address, so its source is that site (title: the
 * publisher, else the host; link: the site's origin) and no feed id is claimed for it. With neither,
 * all that is known is the file it was saved as, and that is what it says.
 */
function sourceOf(
  src: SourceArticle,
  file: string,
  url: string | null,
  publisher: string | null,
): ArticleSource {
  if (src.origin) return { ...src.origin, url, file };
  let host: URL | null = null;
  try {
    host = url === null ? null : new URL(url);
  } catch {
    host = null;
  }
  return {
    kind: src.ingest.format === "html" ? "page" : "capture",
    title: publisher ?? host?.host ?? (file.split("/").pop() as string),
    id: null,
    link: host === null ? null : `${host.origin}/`,
    feedUrl: null,
    url,
    file,
  };
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const at = cut.lastIndexOf(" ");
  return `${(at > max * 0.6 ? cut.slice(0, at) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}
