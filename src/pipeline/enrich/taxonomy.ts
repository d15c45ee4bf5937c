// The tag taxonomy file (corpus/taxonomy.yaml): loading, validating and compiling its matchers.
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { Tag } from "../../shared/types";
import { slugify } from "./identity";
import { compilePattern, type Matcher, phraseMatcher } from "./matchers";

export interface TagRule extends Tag {
  aliases: string[];
  /** `case: sensitive`: every alias is matched with its case (acronym aliases always are). */
  caseSensitive: boolean;
  patterns: Matcher[];
  /** Phrases and patterns that veto a match lying inside one of theirs ("FAIR data" for FAIR). */
  vetoes: Matcher[];
  minMatches: number;
}

/** Limits on the taxonomy, stated in corpus/README.md (section Limits). */
export const TAXONOMY_LIMITS = {
  /** Each tag is a page and three feeds: a bound on files the site ships. */
  tags: 500,
  /** Aliases, patterns and vetoes of one tag together: each is a pass over every article. */
  matchersPerTag: 100,
  patternLength: 1000,
} as const;

export interface TaxonomyProblem {
  line: number;
  message: string;
  fix: string;
}

const KEYS = new Set([
  "slug",
  "name",
  "description",
  "aliases",
  "case",
  "patterns",
  "not",
  "not_patterns",
  "min_matches",
]);

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
  if (list.items.length > TAXONOMY_LIMITS.tags) {
    problems.push({
      line: lineOf(list.items[TAXONOMY_LIMITS.tags] as Node),
      message: `has ${list.items.length} tags, over the limit of ${TAXONOMY_LIMITS.tags} (each is a page and three feeds)`,
      fix: "merge related tags, or drop the ones no article needs",
    });
    return { tags, problems };
  }
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
    const at = (n: Node | null | undefined) => (n?.range ? lineOf(n) : line);
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
    /** A list of strings with each item's line, so a message points at the item itself. */
    const strings = (field: string): { value: string; line: number }[] => {
      const v = raw[field];
      if (v === undefined) return [];
      const node = item.get(field, true) as Node | undefined;
      if (isSeq(node) && node.items.every((x) => typeof (x as { value?: unknown }).value === "string")) {
        return node.items.map((x) => ({
          value: (x as { value: string }).value,
          line: lineOf(x as Node),
        }));
      }
      problems.push({
        line: at(node),
        message: `\`${field}\` of tag "${slug}" must be a list of strings`,
        fix: `write \`${field}: ["a", "b"]\``,
      });
      return [];
    };
    const compiled = (field: string): Matcher[] => {
      const out: Matcher[] = [];
      for (const p of strings(field)) {
        const c =
          p.value.length > TAXONOMY_LIMITS.patternLength
            ? {
                ok: false as const,
                message: `is ${p.value.length} characters long, over the limit of ${TAXONOMY_LIMITS.patternLength}`,
                fix: "split it into several shorter patterns",
              }
            : compilePattern(p.value);
        if (c.ok) out.push(c.matcher);
        else
          problems.push({
            line: p.line,
            message: `pattern ${JSON.stringify(p.value)} of tag "${slug}" ${c.message}`,
            fix: c.fix,
          });
      }
      return out;
    };
    const patterns = compiled("patterns");
    const vetoes = [...strings("not").map((p) => phraseMatcher(p.value)), ...compiled("not_patterns")];
    const caseField = raw.case;
    if (caseField !== undefined && caseField !== "sensitive" && caseField !== "insensitive") {
      problems.push({
        line: at(item.get("case", true) as Node),
        message: `\`case\` of tag "${slug}" must be \`sensitive\` or \`insensitive\``,
        fix: "write `case: sensitive` to match every alias with its case, or leave it out",
      });
    }
    let description = "";
    if (typeof raw.description === "string") description = raw.description.trim();
    else if (raw.description !== undefined) {
      problems.push({
        line: at(item.get("description", true) as Node),
        message: `\`description\` of tag "${slug}" must be one piece of text, not a ${Array.isArray(raw.description) ? "list" : typeof raw.description === "object" && raw.description !== null ? "mapping" : typeof raw.description}`,
        fix: "write `description: One sentence about the tag.` (quote it if it holds a colon)",
      });
    }
    const minMatches = raw.min_matches === undefined ? 1 : Number(raw.min_matches);
    if (!Number.isInteger(minMatches) || minMatches < 1) {
      problems.push({
        line,
        message: `\`min_matches\` of tag "${slug}" must be a whole number >= 1`,
        fix: "write e.g. `min_matches: 2`",
      });
    }
    const aliases = strings("aliases").map((a) => a.value);
    const total = aliases.length + patterns.length + vetoes.length;
    if (total > TAXONOMY_LIMITS.matchersPerTag) {
      problems.push({
        line,
        message: `tag "${slug}" has ${total} aliases, patterns and vetoes, over the limit of ${TAXONOMY_LIMITS.matchersPerTag}`,
        fix: "fold aliases into one pattern with alternatives, or split the tag",
      });
    }
    tags.push({
      slug,
      name,
      description,
      aliases,
      caseSensitive: caseField === "sensitive",
      patterns,
      vetoes,
      minMatches: Number.isInteger(minMatches) && minMatches >= 1 ? minMatches : 1,
    });
  }
  return { tags, problems };
}
