// The per-file half of the build: one capture (with its sidecar) -> its drafts, problems and warnings.
// Pure over plain data, so the same function runs in the main thread (`--threads 1`, tests) and in a
// pool worker, and the result cannot depend on which thread ran it.
import { articleFromCapture, type CaptureResult, type Sidecar } from "../capture";
import { parseTaxonomy, type TagRule } from "../enrich/taxonomy";
import type { CorpusFile } from "../read/read";

/** One article file to read, with what the main thread decided about it (its id, its sidecar). */
export interface CaptureJob {
  file: CorpusFile;
  slug: string;
  side?: Sidecar;
}

/**
 * What every job of a build shares, sent once to each worker. The taxonomy goes as its text, not its
 * rules: compiled matchers hold functions, which cannot cross threads; parsing the same text gives the
 * same rules (problems in it are reported by the main thread).
 */
export interface JobContext {
  taxonomy: string | null;
  language: string;
}

export function rulesOf(taxonomy: string | null): TagRule[] {
  return taxonomy === null ? [] : parseTaxonomy(taxonomy).tags;
}

export function runJob(job: CaptureJob, rules: readonly TagRule[], language: string): CaptureResult {
  return articleFromCapture(job.file, job.slug, job.side, rules, language);
}
