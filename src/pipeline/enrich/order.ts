// The one total order of articles, used by the site (pages, feeds, archives) and the API alike (its
// cursors rely on it): newest first by instant, then id ascending (UTF-16 code units). Dates compare as
// instants, not strings, so offsets and fractional seconds cannot reorder articles.
import type { Article } from "../../shared/types";

export function siteOrder<T extends Pick<Article, "date" | "id" | "file">>(articles: readonly T[]): T[] {
  const keyed = articles.map((a) => {
    const ms = Date.parse(a.date);
    if (Number.isNaN(ms)) throw new Error(`${a.file}: article date "${a.date}" is not an RFC 3339 date`);
    return { a, ms };
  });
  keyed.sort((x, y) => y.ms - x.ms || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0));
  return keyed.map((k) => k.a);
}
