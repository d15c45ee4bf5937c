// The build report printed on every build: one line per article (id, title, date and where it came from,
// tags, words kept, lines removed by which rule) with why each field won (its top evidence), the stories,
// and totals, so a user can see what the cleaner removed and why an article got its fields, date and tags.
import type { ArticleReport } from "./capture";
import type { MergeRecord } from "./enrich/merge";
import { formatWarning, type Problem } from "./problems";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function byCount(counts: Record<string, number>): [string, number][] {
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

export function formatReport(
  rows: readonly ArticleReport[],
  warnings: readonly Problem[] = [],
  merges: readonly MergeRecord[] = [],
): string {
  const out: string[] = [];
  const totals: Record<string, number> = {};
  let words = 0;
  for (const r of rows) {
    words += r.words;
    for (const [rule, n] of Object.entries(r.removedByRule)) totals[rule] = (totals[rule] ?? 0) + n;
  }
  const stories = new Map<string, ArticleReport[]>();
  for (const r of rows) stories.set(r.story, [...(stories.get(r.story) ?? []), r]);

  out.push(`Build report: ${plural(rows.length, "article")}, ${plural(stories.size, "story", "stories")}`);
  for (const r of rows) {
    const from = r.dateSource === "captured" ? "captured: no publication date in the capture" : r.dateSource;
    const at = r.dateLine ? ` line ${r.dateLine}` : "";
    const tags = r.tags
      .map((t) => (t.source === "front-matter" ? `${t.slug}(fm)` : `${t.slug}×${t.count}`))
      .join(" ");
    const removed = byCount(r.removedByRule);
    const n = removed.reduce((s, [, k]) => s + k, 0);
    out.push(
      [
        r.slug,
        JSON.stringify(r.title),
        ...(r.authors.length || r.publisher
          ? [`by ${[r.authors.join(", "), r.publisher && `(${r.publisher})`].filter(Boolean).join(" ")}`]
          : []),
        `${r.date.slice(0, 10)} (${from}${at})`,
        `tags: ${tags || "none"}`,
        `${r.words} words kept`,
        `${plural(n, "line")} removed${n ? ` (${removed.map(([k, v]) => `${k} ${v}`).join(", ")})` : ""}`,
      ].join("  "),
    );
    const why = (["title", "subtitle", "authors", "publisher"] as const)
      .filter((f) => r.evidence[f] !== undefined)
      .map((f) => `${f === "subtitle" ? "dek" : f} <- ${r.evidence[f]}`);
    if (why.length) out.push(`    why: ${why.join("; ")}`);
  }
  if (merges.length) {
    out.push("", "Merged (copies of one article, built as one article listing every source):");
    for (const m of merges) {
      out.push(
        `  ${m.kept.slug} (${m.kept.file}) <- ${m.merged.map((c) => `${c.slug} (${c.file})`).join(", ")}${
          m.bodyFrom === m.kept.slug ? "" : `; body from ${m.bodyFrom}, the longest`
        }`,
      );
      for (const l of m.links) out.push(`    ${l.a} = ${l.b}: ${l.reason}`);
    }
  }
  const groups = [...stories.values()].filter((g) => g.length > 1);
  if (groups.length) {
    out.push("", "Stories (captures of the same story; cosine similarity of each link):");
    for (const g of groups) {
      out.push(`  ${g.map((r) => r.slug).join(", ")}`);
      for (const r of g)
        out.push(`    ${r.slug} -> ${r.related.map((x) => `${x.slug} ${x.score}`).join(", ")}`);
    }
  }
  if (warnings.length) {
    out.push(
      "",
      "Warnings (the extractor's doubts: each article was built with its best choice; the fix makes it sure):",
    );
    for (const w of warnings) out.push(`  ${formatWarning(w)}`);
  }
  const all = byCount(totals);
  out.push(
    "",
    "Clean text and metadata of every article: site.json beside this report.",
    `Totals: ${plural(rows.length, "article")}${warnings.length ? ` (${plural(warnings.length, "warning")})` : ""}, ${words} words kept, ${plural(
      all.reduce((s, [, k]) => s + k, 0),
      "line",
    )} removed${all.length ? ` (${all.map(([k, v]) => `${k} ${v}`).join(", ")})` : ""}`,
  );
  return `${out.join("\n")}\n`;
}
