// The one registry of input formats: which files are captures and which reader reads each. A new
// format is a module beside this one, added to FORMATS, plus its tests and a line in corpus/README.md.
import { feed } from "./feed";
import { html } from "./html";
import { markdown } from "./markdown";
import { text } from "./text";
import type { Format } from "./types";

export type { Format, SourceArticle, SourceRead } from "./types";

export const FORMATS: readonly Format[] = [text, markdown, html, feed];

const ext = (name: string): string => {
  const i = name.lastIndexOf(".");
  return i < 0 ? "" : name.slice(i).toLowerCase();
};

/** The format that reads a file of this name, or null when it is not a capture. */
export function formatOf(name: string): Format | null {
  const e = ext(name);
  return FORMATS.find((f) => f.extensions.includes(e)) ?? null;
}

/** Every capture extension, for messages: ".txt, .md, .markdown, .html, .htm". */
export const CAPTURE_EXTENSIONS: string = FORMATS.flatMap((f) => f.extensions).join(", ");

/**
 * The folder a browser saves beside a page (`Page_files/` next to `Page.html`: images, scripts, styles)
 * is part of that page, not of the corpus: it is skipped.
 */
export function isPageAssets(dirName: string, siblings: readonly string[]): boolean {
  const m = /^(.*)_files$/.exec(dirName);
  if (!m) return false;
  const stem = m[1];
  return siblings.some((s) => formatOf(s)?.name === "html" && s.replace(/\.[^.]+$/, "") === stem);
}
