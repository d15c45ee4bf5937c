// A web page as a browser saves it. Its `_files/` folder, if any, is ignored (see index.ts).
import { readHtml } from "../../extract/html";
import type { GivenMeta } from "../frontmatter";
import type { Format, SourceRead } from "./types";

function readPage(source: string): SourceRead {
  const r = readHtml(source);
  const d = r.declared;
  const declared: GivenMeta = {
    ...(d.title ? { title: d.title } : {}),
    ...(d.summary ? { summary: d.summary } : {}),
    ...(d.published ? { published: d.published } : {}),
    ...(d.updated ? { updated: d.updated } : {}),
    ...(d.authors?.length ? { authors: d.authors } : {}),
    ...(d.publisher ? { publisher: d.publisher } : {}),
    ...(d.language ? { language: d.language } : {}),
    ...(d.url ? { url: d.url } : {}),
  };
  const warnings = [...d.warnings, ...(r.doubt ? [r.doubt] : [])];
  if (r.problem) return { articles: [], problems: [r.problem], warnings };
  return {
    articles: [
      {
        key: "",
        given: {},
        givenLines: {},
        declared,
        declaredLines: d.lines,
        keywords: d.keywords ?? [],
        titleHint: r.title,
        ingest: {
          body: r.units.map((u) => u.text).join("\n\n"),
          format: "html",
          firstLine: r.units[0]?.line ?? 1,
          units: r.units,
          ...(r.dek ? { dek: { text: r.dek, marked: true } } : {}),
        },
      },
    ],
    problems: [],
    warnings,
  };
}

export const html: Format = { name: "html", extensions: [".html", ".htm"], read: readPage };
