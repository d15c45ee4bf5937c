// The build report printed on every build: a line per article and totals, so a user can see what the
// cleaner removed and why an article got its date and tags.
import type { ArticleReport } from "./site";

export function formatReport(rows: readonly ArticleReport[], stories: number): string {
  const out: string[] = [];
  const totals: Record<string, number> = {};
  let words = 0;
  for (const r of rows) {
    words += r.words;
    for (const [rule, n] of Object.entries(r.removedByRule)) totals[rule] = (totals[rule] ?? 0) + n;
  }
  out.push(
    `Build report: ${rows.length} article${rows.length === 1 ? "" : "s"}, ${stories} ${stories === 1 ? "story" : "stories"}`,
  );
  for (const r of rows) {
    const from = r.dateSource === "captured" ? "captured (no publication date in the capture)" : r.dateSource;
    const at = r.dateLine ? ` line ${r.dateLine}` : "";
    out.push("");
    out.push(`${r.slug}  ${r.file}`);
    out.push(`  title:   ${r.title}`);
    out.push(`  date:    ${r.date.slice(0, 10)}  from ${from}${at}`);
    out.push(
      `  tags:    ${r.tags.length ? r.tags.map((t) => `${t.slug}${t.source === "front-matter" ? " (front matter)" : ` x${t.count}`}`).join(", ") : "(none)"}`,
    );
    out.push(`  words:   ${r.words} kept in ${r.linesKept} blocks`);
    const removed = Object.entries(r.removedByRule).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const n = removed.reduce((s, [, k]) => s + k, 0);
    out.push(
      `  removed: ${n} line${n === 1 ? "" : "s"}${n ? `: ${removed.map(([k, v]) => `${k} ${v}`).join(", ")}` : ""}`,
    );
    if (r.related.length)
      out.push(
        `  story:   ${r.related.length} other capture${r.related.length === 1 ? "" : "s"}: ${r.related.map((x) => `${x.slug} (${x.score})`).join(", ")}`,
      );
  }
  const all = Object.entries(totals).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  out.push("");
  out.push(
    `Totals: ${rows.length} articles, ${words} words kept, ${all.reduce((s, [, k]) => s + k, 0)} lines removed${all.length ? ` (${all.map(([k, v]) => `${k} ${v}`).join(", ")})` : ""}`,
  );
  return `${out.join("\n")}\n`;
}
