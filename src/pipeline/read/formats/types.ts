// The contract every input format implements: a capture file is a source that yields one or more
// articles. Formats only read; cleaning, dates and tags stay in capture.ts so every format gets the same.

import type { ArticleSource } from "../../../shared/types";
import type { IngestInput, Problem } from "../../extract/index";
import type { GivenMeta } from "../frontmatter";

export type { Problem } from "../../extract/index";

/** Where an article came from, as its format knows it; capture.ts adds the item's URL and the file. */
export type SourceOrigin = Omit<ArticleSource, "url" | "file">;

export interface SourceArticle {
  /** Set by formats that know their source (a feed); pages and captures derive theirs from url/publisher. */
  origin?: SourceOrigin;
  /** Distinguishes articles of one file (a feed item's id); "" when the file holds one article. */
  key: string;
  /** The article's slug when the source names its articles itself (a feed item): not the file name. */
  slug?: string;
  /** Metadata written in the file for the build (front matter): wins over the sidecar. */
  given: GivenMeta;
  givenLines: Partial<Record<string, number>>;
  /** Metadata the source declares about itself (JSON-LD, OpenGraph): loses to sidecar and front matter. */
  declared: GivenMeta;
  declaredLines: Partial<Record<string, number>>;
  /** Keywords the source declares: used as tags only where the taxonomy knows them. */
  keywords: string[];
  /** A title the reader inferred (Readability's), used only when nothing declares one. */
  titleHint: string | null;
  /** What the cleaner gets; `title` is filled in by capture.ts from the merged metadata. */
  ingest: Omit<IngestInput, "file" | "title">;
}

export interface SourceRead {
  articles: SourceArticle[];
  /** Broken input: stops the build. */
  problems: Problem[];
  /** Doubt: reported, never stops the build. */
  warnings: Problem[];
}

export interface Format {
  name: string;
  /** Lower-case file name endings, with the dot. */
  extensions: readonly string[];
  /** `text` is the decoded file (UTF-8, LF line ends, no BOM). */
  read(text: string): SourceRead;
}
