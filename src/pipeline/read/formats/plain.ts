// Shared by the text and Markdown formats: optional YAML front matter, then the body.
import { parseMeta, splitFrontMatter } from "../frontmatter";
import type { Problem, SourceRead } from "./types";

export function readWithFrontMatter(text: string, format: "text" | "markdown"): SourceRead {
  const problems: Problem[] = [];
  const split = splitFrontMatter(text);
  if (split.problem) problems.push(split.problem);
  let given = {};
  let givenLines: Partial<Record<string, number>> = {};
  if (split.yaml !== null) {
    const m = parseMeta(split.yaml);
    for (const p of m.problems) problems.push({ ...p, line: p.line + split.yamlLine - 1 });
    given = m.meta;
    givenLines = Object.fromEntries(
      Object.entries(m.lines).map(([k, v]) => [k, (v ?? 0) + split.yamlLine - 1]),
    );
  }
  return {
    articles: [
      {
        key: "",
        given,
        givenLines,
        declared: {},
        declaredLines: {},
        keywords: [],
        titleHint: null,
        ingest: { body: split.body, format, firstLine: split.bodyLine },
      },
    ],
    problems,
    warnings: [],
  };
}
