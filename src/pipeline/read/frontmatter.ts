// Front matter (YAML between `---` lines at the top of an article) and sidecar files (`<name>.meta.yaml`)
// share one schema, so a field means the same wherever it is given.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { parseGivenDate } from "./dates";
import { LIMITS } from "./limits";

export interface GivenMeta {
  title?: string;
  published?: string;
  updated?: string;
  captured?: string;
  authors?: string[];
  publisher?: string;
  url?: string;
  language?: string;
  tags?: string[];
  summary?: string;
}

export const FIELDS = [
  "title",
  "published",
  "updated",
  "captured",
  "author",
  "publisher",
  "url",
  "language",
  "tags",
  "summary",
] as const;
export type Field = (typeof FIELDS)[number];

export interface FieldProblem {
  /** Line relative to the YAML text (1-based). */
  line: number;
  message: string;
  fix: string;
}

export interface Split {
  /** YAML text, or null when the file has no front matter. */
  yaml: string | null;
  /** 1-based file line of the first YAML line. */
  yamlLine: number;
  body: string;
  /** 1-based file line where `body` starts. */
  bodyLine: number;
  problem?: FieldProblem;
}

/** Splits `---\n...\n---\n` off the top. Text must already have LF line ends and no BOM. */
export function splitFrontMatter(text: string): Split {
  const lines = text.split("\n");
  if (lines[0]?.trimEnd() !== "---") return { yaml: null, yamlLine: 0, body: text, bodyLine: 1 };
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]?.trimEnd();
    if (l === "---" || l === "...") {
      return {
        yaml: lines.slice(1, i).join("\n"),
        yamlLine: 2,
        body: lines.slice(i + 1).join("\n"),
        bodyLine: i + 2,
      };
    }
  }
  return {
    yaml: null,
    yamlLine: 0,
    body: text,
    bodyLine: 1,
    problem: {
      line: 1,
      message: "front matter opened with `---` is never closed",
      fix: "end the YAML block with a line holding only `---`",
    },
  };
}

/** Parses and validates a YAML mapping of given metadata; every problem carries its YAML line. */
export function parseMeta(yamlText: string): {
  meta: GivenMeta;
  lines: Partial<Record<Field, number>>;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const meta: GivenMeta = {};
  const lines: Partial<Record<Field, number>> = {};
  const lc = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const lineOf = (pos: number | undefined) => (pos === undefined ? 1 : lc.linePos(pos).line);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      problems.push({
        line: lineOf(e.pos[0]),
        message: `front matter is not valid YAML: ${e.message.split("\n")[0]}`,
        fix: 'write `key: value` pairs; quote values that contain ": " or start with a special character',
      });
    }
    return { meta, lines, problems };
  }
  if (doc.contents === null) return { meta, lines, problems };
  if (!isMap(doc.contents)) {
    problems.push({
      line: lineOf(doc.contents.range?.[0]),
      message: "front matter must be a mapping of `key: value` lines",
      fix: "write e.g. `title: My headline`",
    });
    return { meta, lines, problems };
  }
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : "";
    const line = lineOf(keyNode?.range?.[0]);
    const value = pair.value as Node | null;
    if ((FIELDS as readonly string[]).includes(key)) lines[key as Field] = line;
    const bad = (message: string, fix: string) => problems.push({ line, message, fix });
    const shape = isMap(value) ? "a mapping" : isSeq(value) ? "a list" : null;
    const str = (): string | null => {
      if (isScalar(value) && value.value !== null && typeof value.value !== "object") {
        const s = String(value.value).trim();
        if (s) return s;
      }
      bad(
        shape
          ? `\`${key}\` must be one piece of text, not ${shape}`
          : `\`${key}\` must be a non-empty text value`,
        `write \`${key}: some text\` (quote it if it holds ": " or starts with [ or {)`,
      );
      return null;
    };
    const list = (max: number): string[] | null => {
      if (isMap(value)) {
        bad(
          `\`${key}\` must be a list of names (or one name), not a mapping`,
          `write \`${key}: [A, B]\`, or one per line as \`- A\`; for a name with ": " in it, quote it`,
        );
        return null;
      }
      if (isSeq(value) && value.items.length > max) {
        bad(
          `\`${key}\` lists ${value.items.length} entries, over the limit of ${max}`,
          `keep the ${max} that matter most`,
        );
        return null;
      }
      if (isSeq(value)) {
        const out: string[] = [];
        for (const item of value.items) {
          if (isScalar(item) && item.value !== null && String(item.value).trim())
            out.push(String(item.value).trim());
          else {
            bad(`\`${key}\` has an empty or nested entry`, `list plain names, e.g. \`${key}: [A, B]\``);
            return null;
          }
        }
        return out;
      }
      const s = str();
      return s === null ? null : [s];
    };
    switch (key) {
      case "title":
      case "publisher":
      case "summary": {
        const s = str();
        const max = key === "summary" ? LIMITS.summaryChars : LIMITS.titleChars;
        if (s !== null && [...s].length > max)
          bad(
            `\`${key}\` is ${[...s].length} characters long, over the limit of ${max}`,
            key === "summary" ? "shorten it to a sentence or two" : "shorten it to the headline itself",
          );
        else if (s !== null) meta[key] = s;
        break;
      }
      case "published":
      case "updated":
      case "captured": {
        const s = str();
        if (s === null) break;
        const d = parseGivenDate(s);
        if (d.ok) meta[key] = d.iso;
        else
          bad(
            `\`${key}\`: ${d.reason}`,
            "give a real date as YYYY-MM-DD or an RFC 3339 date-time like 2026-03-11T09:30:00Z",
          );
        break;
      }
      case "author": {
        const l = list(LIMITS.authorsPerArticle);
        if (l) meta.authors = l;
        break;
      }
      case "tags": {
        const l = list(LIMITS.tagsPerArticle);
        if (l) meta.tags = l;
        break;
      }
      case "url": {
        const s = str();
        if (s === null) break;
        if (isAbsoluteHttpUrl(s)) meta.url = s;
        else
          bad(
            `\`url\` is "${s}", not an absolute http(s) address`,
            "give the original article's full address, e.g. https://example.org/news/story",
          );
        break;
      }
      case "language": {
        const s = str();
        if (s === null) break;
        if (/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/.test(s))
          meta.language = s.toLowerCase().split("-")[0] ?? s;
        else bad(`\`language\` is "${s}", not a language tag`, 'use a BCP 47 tag such as "en" or "fr"');
        break;
      }
      default: {
        const guess = closest(key, FIELDS);
        bad(
          `unknown field \`${key}\``,
          guess
            ? `did you mean \`${guess}\`? Known fields: ${FIELDS.join(", ")}`
            : `remove it; known fields: ${FIELDS.join(", ")}`,
        );
      }
    }
  }
  return { meta, lines, problems };
}

function isAbsoluteHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The known name within edit distance 2, for "did you mean" hints. */
export function closest(word: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}
