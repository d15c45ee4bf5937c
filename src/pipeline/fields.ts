// The article fields whose certainty is ranked (capture.ts, enrich/merge.ts). Its own module so merging
// in the main thread does not load the extraction code with capture.ts.
export const RANKED_FIELDS = [
  "title",
  "subtitle",
  "authors",
  "publisher",
  "url",
  "language",
  "published",
  "updated",
  "summary",
] as const;
export type RankedField = (typeof RANKED_FIELDS)[number];
