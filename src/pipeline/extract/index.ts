// Entry point of the ingest stage: one capture's body (front matter already removed) -> clean article
// content and the metadata the capture itself shows. Pure: no I/O, no clock, never throws.
import type { Block } from "../../shared/types";
import { type Cleaned, clean, type Problem } from "./clean";
import type { FieldEvidence } from "./fields/evidence";
import { SURE } from "./fields/headline";
import { detectLanguage } from "./language";
import { markdownUnits } from "./markdown";
import { MARKDOWN_MAX_DEPTH, markdownDepth } from "./markdown-depth";
import { normalizeText } from "./normalize";
import { blocksToHtml, blocksToText, toBlocks } from "./render";
import { detectTables } from "./tables";
import { wordCount } from "./text";
import { textUnits, type Unit } from "./units";
import { dayFirstFor, zoneHint } from "./zones";

export type { Problem } from "./clean";
export type { FieldEvidence } from "./fields/evidence";
export { detectLanguage } from "./language";
export { normalizeText } from "./normalize";

export interface IngestInput {
  /** Corpus-relative path, for messages. */
  file: string;
  /** File text after front matter removal, decoded UTF-8. */
  body: string;
  format: "text" | "markdown" | "html";
  /** Units already made by the format's reader (HTML); then `body` is only their text. */
  units?: Unit[];
  /** 1-based line number in the file where `body` starts. */
  firstLine: number;
  /** Title from front matter: used as is (repeats of it are still removed from the body). */
  title?: string;
  /**
   * The dek the source declares: its printed copy becomes the dek. `marked` when the page's markup names
   * the element (a standfirst class); else a description (front matter, JSON-LD, OpenGraph), which many
   * sites fill with their lede.
   */
  dek?: { text: string; marked: boolean };
  /** RFC 3339 UTC `captured` date: the only basis on which a relative date ("2 hours ago") is read. */
  captured?: string;
  /**
   * The source URL (front matter or sidecar): its slug is evidence for the headline, its host names the
   * publisher, and its country settles day-first numeric dates and a zone for times printed without one.
   */
  url?: string;
}

/** One removed source line and the rule that removed it. */
export interface Removal {
  rule: string;
  line: number;
  text: string;
}

export interface IngestOutput {
  title: string | null;
  subtitle: string | null;
  authors: string[];
  publisher: string | null;
  dateline: { date: string; line: number; text: string; note?: string } | null;
  language: string;
  blocks: Block[];
  contentHtml: string;
  text: string;
  wordCount: number;
  removed: Removal[];
  /** Broken input: stops the build. */
  problems: Problem[];
  /** The extractor's doubt (a guessed title, little text left): reported, never stops the build. */
  warnings: Problem[];
  /** Why each field got its value, for the build report. */
  evidence: FieldEvidence;
}

function blockWords(b: Block): number {
  if (b.type === "list") return b.items.reduce((n, t) => n + wordCount(t), 0);
  if (b.type === "table") return b.rows.reduce((n, r) => n + r.reduce((m, c) => m + wordCount(c), 0), 0);
  return wordCount(b.text);
}

function units(body: string, format: IngestInput["format"], firstLine: number, problems: Problem[]): Unit[] {
  if (format === "markdown") {
    // Checked before lexing: the lexer's time grows with the square of the depth. Both refusals stop
    // the build, and say so; the plain-text units below only let the rest of the checks run.
    const deep = markdownDepth(body);
    if (deep.depth > MARKDOWN_MAX_DEPTH) {
      problems.push({
        line: firstLine + deep.line - 1,
        message: `The Markdown nests lists or quotes ${deep.depth > MARKDOWN_MAX_DEPTH + 1 ? deep.depth : `at least ${deep.depth}`} levels deep, over the limit of ${MARKDOWN_MAX_DEPTH}; the build stops here.`,
        fix: `Flatten the nesting to at most ${MARKDOWN_MAX_DEPTH} levels, or rename the capture to .txt to read it as plain text.`,
      });
    } else {
      try {
        return markdownUnits(body, firstLine);
      } catch (e) {
        problems.push({
          line: firstLine,
          message: `The Markdown could not be parsed (${e instanceof Error ? e.message : String(e)}); the build stops here.`,
          fix: "Check the Markdown syntax of the capture, or rename it to .txt to read it as plain text.",
        });
      }
    }
  }
  return detectTables(textUnits(body, firstLine));
}

export function ingest(input: IngestInput): IngestOutput {
  const firstLine = Number.isInteger(input.firstLine) && input.firstLine > 0 ? input.firstLine : 1;
  try {
    return run(input, firstLine);
  } catch (e) {
    // Defensive only: every rule is total, but one capture must never stop the build with a stack trace.
    return {
      title: input.title ?? null,
      subtitle: null,
      authors: [],
      publisher: null,
      dateline: null,
      language: "en",
      blocks: [],
      contentHtml: "",
      text: "",
      wordCount: 0,
      removed: [],
      warnings: [],
      evidence: {},
      problems: [
        {
          line: firstLine,
          message: `${input.file}: the capture could not be cleaned (${e instanceof Error ? e.message : String(e)}).`,
          fix: "Report this as a bug in the ingest stage, with the capture attached.",
        },
      ],
    };
  }
}

function run(input: IngestInput, firstLine: number): IngestOutput {
  const body = normalizeText(typeof input.body === "string" ? input.body : "");
  const problems: Problem[] = [];
  const us = input.units ?? units(body, input.format, firstLine, problems);
  // Day-first numeric dates (12/03/2026) and a zone for bare times depend on the language, known roughly
  // before cleaning, and on the source URL's country.
  const roughLanguage = detectLanguage(body);
  const given =
    input.title !== undefined ? normalizeText(input.title).replace(/\s+/gu, " ").trim() : undefined;
  const dates = {
    dayFirst: dayFirstFor(input.url, roughLanguage),
    language: roughLanguage,
    ...(input.captured !== undefined ? { captured: input.captured } : {}),
  };
  const meta = { dates, zone: zoneHint(input.url, roughLanguage) };
  const cleaned = clean(us, {
    ...(input.format === "html" ? { regionKnown: true } : {}),
    ...(given ? { title: given } : {}),
    ...(input.dek ? { dek: { text: normalizeText(input.dek.text), marked: input.dek.marked } } : {}),
    ...(input.url ? { url: input.url } : {}),
    meta,
  });
  problems.push(...cleaned.problems);
  const warnings: Problem[] = [];
  if (cleaned.dateline?.note)
    warnings.push({
      line: cleaned.dateline.line,
      message: `Date "${cleaned.dateline.text}": ${cleaned.dateline.note}.`,
      fix: "Set `published` in the front matter or the sidecar if this is not the article's date.",
    });
  doubts(input, firstLine, cleaned, warnings);

  let blocks = toBlocks(cleaned.slots);
  if (blocks.length === 0 && body.trim() !== "") {
    // Cleaning would leave nothing: the extractor is wrong about this page, not the user. Keep every line
    // but the headline and the structural furniture, and say so.
    for (const s of cleaned.slots) {
      if (s.rule === null || KEEP_REMOVED.has(s.rule)) continue;
      if (s.rule === "dek") cleaned.subtitle = null;
      s.rule = null;
    }
    blocks = toBlocks(cleaned.slots);
    warnings.push({
      line: firstLine,
      message: "Almost nothing is left once page furniture is removed, so the whole text was kept.",
      fix: "Check that the capture holds the article itself; trim the menus by hand, or set `title` in the front matter.",
    });
  }
  const text = blocksToText(blocks);
  const removed: Removal[] = [];
  for (const s of cleaned.slots) {
    if (s.rule === null) continue;
    for (const l of s.u.src) removed.push({ rule: s.rule, line: l.line, text: l.text.trim() });
  }
  for (const p of cleaned.prefixes) removed.push({ rule: "publisher-prefix", line: p.line, text: p.text });
  removed.sort((a, b) => a.line - b.line);

  return {
    title: cleaned.title,
    subtitle: cleaned.subtitle,
    authors: cleaned.authors,
    publisher: cleaned.publisher,
    dateline: cleaned.dateline,
    language: detectLanguage(`${cleaned.title ?? ""}\n${cleaned.subtitle ?? ""}\n${text}`),
    blocks,
    contentHtml: blocksToHtml(blocks),
    text,
    wordCount: blocks.reduce((n, b) => n + blockWords(b), 0),
    removed,
    problems,
    warnings,
    evidence: cleaned.evidence,
  };
}

const KEEP_REMOVED = new Set([
  "title",
  "separator",
  "empty",
  "link-definition",
  "html-comment",
  "image-placeholder",
]);

/** The title is a guess, or there was none to find: build with the best choice and say how to fix it. */
function doubts(input: IngestInput, firstLine: number, cleaned: Cleaned, warnings: Problem[]): void {
  if (cleaned.title === null) {
    cleaned.title = titleFromFileName(input.file);
    cleaned.evidence.title = "the file name (no headline found)";
    warnings.push({
      line: firstLine,
      message: `No headline could be told apart from the page furniture; the file name "${cleaned.title}" is used as the title.`,
      fix: "add `title: ...` to the front matter or to the capture's .meta.yaml sidecar",
    });
  } else if (cleaned.titleScore !== null && cleaned.titleScore < SURE) {
    warnings.push({
      line: firstLine,
      message: `The headline "${cleaned.title}" is a guess (${cleaned.evidence.title ?? "weak evidence"}).`,
      fix: "if it is wrong, add `title: ...` to the front matter or to the capture's .meta.yaml sidecar",
    });
  }
}

/** "2026-03-lyon_robotics-news.txt" -> "2026 03 lyon robotics news". */
export function titleFromFileName(file: string): string {
  const base = file.split(/[\\/]/u).at(-1) ?? file;
  const t = base
    .replace(/\.[^.]+$/u, "")
    .replace(/[-_.]+/gu, " ")
    .trim();
  return t === "" ? "Untitled" : t;
}
