// Dates arrive as RFC 3339 strings; the feed package wants Date objects. Parsing is strict so that a
// malformed date stops the build with a message instead of printing "Invalid Date" into a feed.

import { FeedInputError } from "./errors";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp; `where` names the offending field in the error. */
export function parseDate(value: string, where: string): Date {
  const ms = RFC3339.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new FeedInputError(`${where} is ${JSON.stringify(value)}, not an RFC 3339 timestamp`);
  return new Date(ms);
}

/** The latest of the given RFC 3339 timestamps (compared as instants), or `fallback` when none. */
export function latest(values: readonly string[], fallback: string): string {
  let best = fallback;
  let bestMs = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    const ms = Date.parse(v);
    if (ms > bestMs) {
      best = v;
      bestMs = ms;
    }
  }
  return best;
}
