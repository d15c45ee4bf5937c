// The tag taxonomy file (corpus/taxonomy.yaml): loading, validating and compiling its matchers.
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { Tag } from "../../shared/types";
import { slugify } from "./identity";

export interface TagRule extends Tag {
  aliases: string[];
  patterns: RegExp[];
  minMatches: number;
}

export interface TaxonomyProblem {
  line: number;
  message: string;
  fix: string;
}

const KEYS = new Set(["slug", "name", "description", "aliases", "patterns", "min_matches"]);

export function parseTaxonomy(text: string): { tags: TagRule[]; problems: TaxonomyProblem[] } {
  const problems: TaxonomyProblem[] = [];
  const tags: TagRule[] = [];
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const lineOf = (n: Node | null | undefined) => (n?.range ? lc.linePos(n.range[0]).line : 1);
  for (const e of doc.errors) {
    problems.push({
      line: lc.linePos(e.pos[0]).line,
      message: `not valid YAML: ${e.message.split("\n")[0]}`,
      fix: "check indentation and quoting",
    });
  }
  if (problems.length) return { tags, problems };
  const root = doc.contents;
  const list = isMap(root) ? (root.get("tags", true) as Node | undefined) : undefined;
  if (!isSeq(list)) {
    problems.push({
      line: 1,
      message: "has no `tags:` list",
      fix: "start the file with `tags:` followed by `- slug: ...` entries",
    });
    return { tags, problems };
  }
  const seen = new Map<string, number>();
  for (const item of list.items) {
    const line = lineOf(item as Node);
    if (!isMap(item)) {
      problems.push({
        line,
        message: "a tag entry is not a mapping",
        fix: "write `- slug: x` with `name:` and `description:` under it",
      });
      continue;
    }
    const raw = item.toJSON() as Record<string, unknown>;
    for (const k of Object.keys(raw)) {
      if (!KEYS.has(k))
        problems.push({
          line,
          message: `unknown tag field \`${k}\``,
          fix: `use only ${[...KEYS].join(", ")}`,
        });
    }
    const name = typeof raw.name === "string" ? raw.name.trim() : "";
    const slug = typeof raw.slug === "string" ? raw.slug.trim() : slugify(name);
    if (!name) problems.push({ line, message: "a tag has no `name`", fix: "add `name: Shown Name`" });
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
      problems.push({
        line,
        message: `tag slug "${slug}" is not lowercase letters, digits and hyphens`,
        fix: `use e.g. "${slugify(slug || name)}"`,
      });
    }
    const prev = seen.get(slug);
    if (prev !== undefined)
      problems.push({
        line,
        message: `tag slug "${slug}" is defined twice (also line ${prev})`,
        fix: "merge the two entries",
      });
    seen.set(slug, line);
    const strings = (v: unknown, field: string): string[] => {
      if (v === undefined) return [];
      if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
      problems.push({
        line,
        message: `\`${field}\` of tag "${slug}" must be a list of strings`,
        fix: `write \`${field}: ["a", "b"]\``,
      });
      return [];
    };
    const patterns: RegExp[] = [];
    for (const p of strings(raw.patterns, "patterns")) {
      try {
        patterns.push(new RegExp(p, "gu"));
      } catch (e) {
        problems.push({
          line,
          message: `pattern ${JSON.stringify(p)} of tag "${slug}" is not a valid regular expression: ${(e as Error).message}`,
          fix: "fix the pattern (JavaScript syntax)",
        });
      }
    }
    const minMatches = raw.min_matches === undefined ? 1 : Number(raw.min_matches);
    if (!Number.isInteger(minMatches) || minMatches < 1) {
      problems.push({
        line,
        message: `\`min_matches\` of tag "${slug}" must be a whole number >= 1`,
        fix: "write e.g. `min_matches: 2`",
      });
    }
    const aliases = strings(raw.aliases, "aliases");
    tags.push({
      slug,
      name,
      description: typeof raw.description === "string" ? raw.description.trim() : "",
      aliases,
      patterns,
      minMatches: Number.isInteger(minMatches) && minMatches >= 1 ? minMatches : 1,
    });
  }
  return { tags, problems };
}
