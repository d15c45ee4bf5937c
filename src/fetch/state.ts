// What `npm run fetch` remembers between runs, per source address: the validators of the copy it saved
// (for conditional GET) and where it saved it. A hidden file in the corpus (`.fetch-state.json`), so the
// build skips it, in deterministic JSON (sorted keys, no timestamps) so it diffs cleanly in git.

export const STATE_FILE = ".fetch-state.json";

export interface SourceState {
  /** The saved copy, relative to the corpus folder. */
  file: string;
  etag?: string;
  lastModified?: string;
  /** Where a permanent redirect last sent the fetcher: lets a corrected OPML keep the saved copy. */
  movedTo?: string;
}

export type FetchState = Record<string, SourceState>;

export interface StateRead {
  state: FetchState;
  /** Why the file was not usable; the run then starts afresh (full GETs), which is always safe. */
  warning: string | null;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

export function parseState(text: string | null): StateRead {
  if (text === null) return { state: {}, warning: null };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { state: {}, warning: `is not valid JSON (${(e as Error).message})` };
  }
  const sources = (doc as { sources?: unknown } | null)?.sources;
  if (typeof sources !== "object" || sources === null || Array.isArray(sources)) {
    return { state: {}, warning: 'has no "sources" object' };
  }
  const state: FetchState = {};
  for (const [url, v] of Object.entries(sources as Record<string, unknown>)) {
    const e = (typeof v === "object" && v !== null ? v : {}) as Record<string, unknown>;
    const file = str(e.file);
    if (!file) continue;
    const etag = str(e.etag);
    const lastModified = str(e.lastModified);
    const movedTo = str(e.movedTo);
    state[url] = {
      file,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
      ...(movedTo ? { movedTo } : {}),
    };
  }
  return { state, warning: null };
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (typeof v !== "object" || v === null) return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => [k, sorted(o[k])]),
  );
}

/** The same state always gives the same bytes: keys sorted at every level, two-space indent, final LF. */
export function serializeState(state: FetchState): string {
  return `${JSON.stringify(sorted({ sources: state, version: 1 }), null, 2)}\n`;
}
