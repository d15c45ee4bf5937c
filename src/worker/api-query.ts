// `/api/articles` query: validate parameters into a normalized query (which also keys the ETag), then
// answer it from the prebuilt index with binary searches and sorted-list intersections. Work is
// O(log n) for dates/cursor plus O(shortest matching list), never a scan of the corpus text.
import { tokenize } from "../shared/search-tokens";

export const ACCEPTED_PARAMS = ["tag", "q", "since", "until", "limit", "cursor"] as const;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const MAX_TERMS = 16;
const MAX_Q = 500;
/** Shorter last terms match exactly: a 1-2 letter prefix would union most of the vocabulary. */
const MIN_PREFIX = 3;

export interface ApiError {
  code: string;
  message: string;
}

export interface Cursor {
  date: number;
  id: string;
}

export interface ApiQuery {
  /** Indices into `api.tagSlugs`, sorted, unique. */
  tags: number[];
  /** Terms that must match a token exactly. */
  terms: string[];
  /** Last term, matched as a prefix (null: none). */
  prefix: string | null;
  since: number | null;
  until: number | null;
  limit: number;
  cursor: Cursor | null;
}

/**
 * What a query reads of the index, in API order: ManifestApi as shipped in bundle storage, or the
 * decoded binary index of assets storage (typed arrays where ManifestApi has number arrays).
 */
export interface QueryIndex {
  readonly count: number;
  readonly ids: ArrayLike<string>;
  /** Epoch milliseconds, non-increasing. */
  readonly dates: ArrayLike<number>;
  readonly tagSlugs: readonly string[];
  readonly tagPostings: ArrayLike<ArrayLike<number>>;
  /** Sorted by UTF-16 code units. */
  readonly vocabulary: ArrayLike<string>;
}

/** All parsing needs: validation and normalization never touch the heavy parts of the index. */
export type QueryTags = Pick<QueryIndex, "tagSlugs">;

export type Parsed = { ok: true; query: ApiQuery; normalized: string } | { ok: false; error: ApiError };

/** Names and values are only quoted back when they are plainly harmless. */
function quoteSafe(value: string): string | null {
  return /^[A-Za-z0-9_.-]{1,40}$/.test(value) ? `"${value}"` : null;
}

function fail(code: string, message: string): Parsed {
  return { ok: false, error: { code, message } };
}

// --- cursor: base64url("v1," + epoch ms + "," + id), opaque to clients ---

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,600}$/.test(text) || text.length % 4 === 1) return null;
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function encodeCursor(c: Cursor): string {
  return toBase64Url(`v1,${c.date},${c.id}`);
}

/**
 * The cursor `text` names, or null unless it decodes exactly: re-encoding must give `text` back, so a
 * cut or edited cursor (other padding bits, a shorter id, a `+0` date) is refused rather than read as
 * some nearby position. Whether it names an article of this index is cursorFound's question.
 */
export function decodeCursor(text: string): Cursor | null {
  const raw = fromBase64Url(text);
  const m = raw === null ? null : /^v1,(-?\d{1,16}),([^\0]{1,300})$/.exec(raw);
  if (!m) return null;
  const date = Number(m[1]);
  if (!Number.isSafeInteger(date)) return null;
  const cursor = { date, id: m[2] ?? "" };
  return encodeCursor(cursor) === text ? cursor : null;
}

/** The error for a cursor that does not decode exactly or names no article. */
export const BAD_CURSOR: ApiError = {
  code: "bad_cursor",
  message: `"cursor" is not valid: pass the "next_cursor" value of a previous answer unchanged, or start again without "cursor".`,
};

/**
 * Whether the cursor names an article of `api`: every next_cursor does (it is the last item of a page),
 * and a truncated one that still decodes names an id nobody has. O(log n).
 */
export function cursorFound(c: Cursor, api: Pick<QueryIndex, "count" | "dates" | "ids">): boolean {
  const { dates, ids } = api;
  // Positions run by date descending, then id ascending.
  const i = firstTrue(
    0,
    api.count,
    (k) => (dates[k] ?? 0) < c.date || ((dates[k] ?? 0) === c.date && (ids[k] ?? "") >= c.id),
  );
  return i < api.count && dates[i] === c.date && ids[i] === c.id;
}

// --- dates: ISO 8601 calendar date or date-time, inclusive bounds ---

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/** Epoch ms of an ISO 8601 date (start of day, or end of day when `endOfDay`) or date-time; null if invalid. */
export function parseIsoDate(value: string, endOfDay: boolean): number | null {
  const d = DATE_RE.exec(value);
  const t = d ? null : DATETIME_RE.exec(value);
  const m = d ?? t;
  if (!m) return null;
  const [y, mo, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = t ? Number(t[4]) : 0;
  const mi = t ? Number(t[5]) : 0;
  const s = t?.[6] ? Number(t[6]) : 0;
  const frac = t?.[7] ? Number(`0.${t[7]}`) : 0;
  if (mo < 1 || mo > 12 || day < 1 || h > 23 || mi > 59 || s > 59) return null;
  const base = Date.UTC(y, mo - 1, day, h, mi, s);
  const check = new Date(base);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== day)
    return null;
  let ms = base + Math.floor(frac * 1000);
  const zone = t?.[8];
  if (zone && zone !== "Z" && zone !== "z") {
    const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    const zh = Number(zm?.[2]);
    const zmin = Number(zm?.[3]);
    if (!zm || zh > 23 || zmin > 59) return null;
    ms -= (zm[1] === "-" ? -1 : 1) * (zh * 60 + zmin) * 60_000;
  }
  // A bare date as upper bound includes that whole day.
  if (d && endOfDay) ms += 86_400_000 - 1;
  return ms;
}

// --- parameters ---

export function parseApiQuery(params: URLSearchParams, api: QueryTags): Parsed {
  const accepted = ACCEPTED_PARAMS.join(", ");
  const seen = new Map<string, string>();
  const tagValues: string[] = [];
  let n = 0;
  for (const [name, value] of params) {
    if (++n > 64) return fail("too_many_parameters", "Too many query parameters (at most 64).");
    if (!(ACCEPTED_PARAMS as readonly string[]).includes(name)) {
      const q = quoteSafe(name);
      return fail(
        "unknown_parameter",
        `Unknown query parameter${q ? ` ${q}` : ""}. Accepted parameters: ${accepted}.`,
      );
    }
    if (name === "tag") {
      tagValues.push(value);
      continue;
    }
    if (seen.has(name))
      return fail("repeated_parameter", `Give "${name}" at most once (only "tag" repeats).`);
    seen.set(name, value);
  }

  const tags = new Set<number>();
  for (const value of tagValues) {
    const i = api.tagSlugs.indexOf(value);
    if (i < 0) {
      const q = quoteSafe(value);
      return fail(
        "unknown_tag",
        `Unknown tag${q ? ` ${q}` : ""}. Known tags: ${api.tagSlugs.join(", ") || "(none)"}.`,
      );
    }
    tags.add(i);
  }

  const qRaw = seen.get("q") ?? "";
  if (qRaw.length > MAX_Q) return fail("bad_q", `"q" is too long (at most ${MAX_Q} characters).`);
  const tokens = [...new Set(tokenize(qRaw))];
  if (tokens.length > MAX_TERMS) return fail("bad_q", `"q" has too many terms (at most ${MAX_TERMS}).`);
  let prefix: string | null = null;
  const last = tokens[tokens.length - 1];
  // A trailing space means the user finished the last word: match it exactly.
  if (last !== undefined && last.length >= MIN_PREFIX && !/\s$/.test(qRaw)) {
    prefix = last;
    tokens.pop();
  }

  const sinceRaw = seen.get("since");
  const untilRaw = seen.get("until");
  const since = sinceRaw === undefined ? null : parseIsoDate(sinceRaw, false);
  const until = untilRaw === undefined ? null : parseIsoDate(untilRaw, true);
  const dateHelp = "use an ISO 8601 date (2026-03-01) or date-time (2026-03-01T12:00:00Z)";
  if (sinceRaw !== undefined && since === null)
    return fail("bad_since", `"since" is not a valid date: ${dateHelp}.`);
  if (untilRaw !== undefined && until === null)
    return fail("bad_until", `"until" is not a valid date: ${dateHelp}.`);
  if (since !== null && until !== null && since > until) {
    return fail("bad_range", `"since" is after "until": swap them or widen the range.`);
  }

  let limit = DEFAULT_LIMIT;
  const limitRaw = seen.get("limit");
  if (limitRaw !== undefined) {
    limit = /^\d{1,3}$/.test(limitRaw) ? Number(limitRaw) : 0;
    if (limit < 1 || limit > MAX_LIMIT) {
      return fail(
        "bad_limit",
        `"limit" must be a whole number from 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`,
      );
    }
  }

  let cursor: Cursor | null = null;
  const cursorRaw = seen.get("cursor");
  if (cursorRaw !== undefined) {
    cursor = decodeCursor(cursorRaw);
    if (!cursor) return { ok: false, error: BAD_CURSOR };
  }

  const query: ApiQuery = {
    tags: [...tags].sort((a, b) => a - b),
    terms: tokens.sort(),
    prefix,
    since,
    until,
    limit,
    cursor,
  };
  return { ok: true, query, normalized: normalize(query, api) };
}

/** One canonical text per distinct query (parameter order, spelling of dates etc. do not matter). */
function normalize(q: ApiQuery, api: QueryTags): string {
  return JSON.stringify([
    q.tags.map((i) => api.tagSlugs[i]),
    q.terms,
    q.prefix,
    q.since,
    q.until,
    q.limit,
    q.cursor ? [q.cursor.date, q.cursor.id] : null,
  ]);
}

// --- execution ---

/** First index in [lo, hi) where the monotone `pred` holds (hi if none). */
function firstTrue(lo: number, hi: number, pred: (i: number) => boolean): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (pred(mid)) b = mid;
    else a = mid + 1;
  }
  return a;
}

/**
 * First index >= `from` of ascending `list` whose value is >= `target`. Gallops, then bisects: in an
 * intersection the answer is usually a few steps ahead, so this is O(log distance), not O(log n). A
 * tight loop without closures: it runs once per candidate per list.
 */
function seek(list: ArrayLike<number>, from: number, target: number): number {
  const len = list.length;
  if (from >= len || (list[from] as number) >= target) return from;
  let lo = from; // list[lo] < target
  let hi = from + 1;
  let step = 2;
  while (hi < len && (list[hi] as number) < target) {
    lo = hi;
    hi += step;
    step *= 2;
  }
  let a = lo + 1;
  let b = Math.min(hi, len);
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((list[mid] as number) < target) a = mid + 1;
    else b = mid;
  }
  return a;
}

export interface ApiResult {
  positions: number[];
  total: number;
  next: Cursor | null;
}

export interface PostingsSource {
  /** Positions of the articles holding vocabulary entry `i`, ascending. */
  postings(i: number): ArrayLike<number>;
}

/** Vocabulary index of `term`, or -1. */
export function termIndex(vocabulary: ArrayLike<string>, term: string): number {
  const v = vocabulary;
  const i = firstTrue(0, v.length, (k) => (v[k] ?? "") >= term);
  return v[i] === term ? i : -1;
}

/** Vocabulary indices [a, b) of the tokens starting with `prefix`. */
export function prefixRange(vocabulary: ArrayLike<string>, prefix: string): [number, number] {
  const v = vocabulary;
  const a = firstTrue(0, v.length, (k) => (v[k] ?? "") >= prefix);
  const b = firstTrue(a, v.length, (k) => !(v[k] ?? "").startsWith(prefix));
  return [a, b];
}

function termList(api: QueryIndex, src: PostingsSource, term: string): ArrayLike<number> {
  const i = termIndex(api.vocabulary, term);
  return i >= 0 ? src.postings(i) : [];
}

function prefixList(api: QueryIndex, src: PostingsSource, prefix: string): ArrayLike<number> {
  const [a, b] = prefixRange(api.vocabulary, prefix);
  if (b - a <= 1) return b > a ? src.postings(a) : [];
  const mark = new Uint8Array(api.count);
  for (let k = a; k < b; k++) {
    const list = src.postings(k);
    for (let j = 0; j < list.length; j++) mark[list[j] ?? 0] = 1;
  }
  const out: number[] = [];
  for (let p = 0; p < mark.length; p++) if (mark[p]) out.push(p);
  return out;
}

/** Vocabulary ranges [a, b) whose postings runApiQuery will ask for (to fetch them beforehand). */
export function postingsNeeded(q: ApiQuery, api: QueryIndex): [number, number][] {
  const ranges: [number, number][] = [];
  for (const t of q.terms) {
    const i = termIndex(api.vocabulary, t);
    if (i >= 0) ranges.push([i, i + 1]);
  }
  if (q.prefix !== null) {
    const [a, b] = prefixRange(api.vocabulary, q.prefix);
    if (b > a) ranges.push([a, b]);
  }
  return ranges;
}

export function runApiQuery(q: ApiQuery, api: QueryIndex, src: PostingsSource): ApiResult {
  const { dates, ids } = api;
  const date = (i: number) => dates[i] ?? 0;
  // Positions are sorted by date descending, so each bound is one binary search.
  const lo = q.until === null ? 0 : firstTrue(0, api.count, (i) => date(i) <= (q.until ?? 0));
  const hi = q.since === null ? api.count : firstTrue(lo, api.count, (i) => date(i) < (q.since ?? 0));
  const c = q.cursor;
  const start = c
    ? firstTrue(lo, hi, (i) => date(i) < c.date || (date(i) === c.date && (ids[i] ?? "") > c.id))
    : lo;

  const lists: ArrayLike<number>[] = [
    ...q.tags.map((t) => api.tagPostings[t] ?? []),
    ...q.terms.map((t) => termList(api, src, t)),
    ...(q.prefix === null ? [] : [prefixList(api, src, q.prefix)]),
  ];

  const positions: number[] = [];
  let total = 0;
  let more = false;
  if (lists.length === 0) {
    total = Math.max(0, hi - lo);
    for (let p = start; p < hi && positions.length < q.limit; p++) positions.push(p);
    more = start + positions.length < hi;
  } else {
    lists.sort((x, y) => x.length - y.length);
    const driver = lists[0] as ArrayLike<number>;
    const others = lists.slice(1);
    const at = new Array<number>(others.length).fill(0);
    scan: for (let j = seek(driver, 0, lo); j < driver.length; j++) {
      const p = driver[j] as number;
      if (p >= hi) break;
      let all = true;
      for (let k = 0; k < others.length; k++) {
        const list = others[k] as ArrayLike<number>;
        const i = seek(list, at[k] as number, p);
        at[k] = i;
        if (i >= list.length) break scan; // this list has nothing left: no further match anywhere
        if (list[i] !== p) {
          all = false;
          break;
        }
      }
      if (!all) continue;
      total++;
      if (p < start) continue;
      if (positions.length < q.limit) positions.push(p);
      else more = true;
    }
  }
  const lastPos = positions[positions.length - 1];
  const next = more && lastPos !== undefined ? { date: date(lastPos), id: ids[lastPos] ?? "" } : null;
  return { positions, total, next };
}
