// `npm run fetch`, the whole run: every source in the OPML fetched in turn (one failure never stops the
// others), each good answer saved over its last copy, and one line printed per source. I/O lives here
// and in cli.ts; what a response means is decided in http.ts and check.ts.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { formatProblem, formatWarning, type Problem } from "../pipeline/problems";
import { decode } from "../pipeline/read/read";
import { checkFeed, readSaved } from "./check";
import { getFeed, type HttpOptions, type Moved } from "./http";
import { feedFile } from "./names";
import { readSources, type Source } from "./opml";
import { hostPacer, type Sleep } from "./pace";
import { type FetchState, parseState, type SourceState, STATE_FILE, serializeState } from "./state";

export interface FetchOptions {
  /** The corpus folder on disk, and as messages show it (`corpus`). */
  corpusDir: string;
  corpusLabel: string;
  opmlPath: string;
  opmlLabel: string;
  http: Omit<HttpOptions, "pace">;
  /** Between two requests to one host. */
  delayMs: number;
  sleep?: Sleep;
  now?: () => number;
  print: (line: string) => void;
}

export interface FetchSummary {
  sources: number;
  saved: number;
  newItems: number;
  notModified: number;
  failed: number;
  /** Problems in the OPML itself (a file that is not OPML, an outline that cannot be fetched). */
  problems: number;
}

const readOrNull = (path: string): string | null => (existsSync(path) ? readFileSync(path, "utf8") : null);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The item ids of a saved copy; none when there is no copy or it cannot be read. */
function savedKeys(path: string): Set<string> | null {
  if (!existsSync(path)) return null;
  const d = decode(new Uint8Array(readFileSync(path)));
  return d.ok ? new Set(readSaved(path, d.text).articles.map((a) => a.key)) : new Set();
}

/** Written beside the target under a hidden name (which the build skips) and renamed: never half a file. */
function writeAtomic(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.tmp`);
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

export async function runFetch(o: FetchOptions): Promise<FetchSummary> {
  const sum: FetchSummary = { sources: 0, saved: 0, newItems: 0, notModified: 0, failed: 0, problems: 0 };
  const report = (p: Problem) => {
    sum.problems++;
    o.print(formatProblem(p));
  };
  const opmlText = readOrNull(o.opmlPath);
  if (opmlText === null) {
    report({
      file: o.opmlLabel,
      line: 0,
      message: "does not exist, so there is nothing to fetch",
      fix: "create it with an outline per feed (see corpus/README.md, Subscriptions), or pass --opml FILE",
    });
    return sum;
  }
  const listed = readSources(opmlText, o.opmlLabel);
  for (const p of listed.problems) report(p);
  for (const w of listed.warnings) o.print(formatWarning(w));

  const statePath = join(o.corpusDir, STATE_FILE);
  const stateLabel = `${o.corpusLabel}/${STATE_FILE}`;
  const { state, warning } = parseState(readOrNull(statePath));
  if (warning)
    o.print(
      formatWarning({
        file: stateLabel,
        line: 1,
        message: `${warning}; every feed is fetched in full this time`,
        fix: "nothing to do: the file is rewritten at the end of this run",
      }),
    );

  const listedUrls = new Set(listed.sources.map((s) => s.url.href));
  const http: HttpOptions = { ...o.http, pace: hostPacer(o.delayMs, o.sleep, o.now) };
  const run: Run = { state, listedUrls, http, o, sum, answered: new Map() };
  try {
    for (const source of listed.sources) {
      sum.sources++;
      try {
        await fetchOne(source, run);
      } catch (e) {
        // A disk error saving one feed is that source's failure; the others still run.
        sum.failed++;
        o.print(
          `${o.opmlLabel}:${source.line}: ${source.url.href}: failed: ${(e as Error).message} (fix: check that ${o.corpusLabel}/ is writable)`,
        );
      }
    }
  } finally {
    warnOrphans(state, listedUrls, o);
    writeAtomic(statePath, serializeState(state));
  }
  return sum;
}

/** One run's shared state, passed to each source in turn. */
interface Run {
  state: FetchState;
  listedUrls: Set<string>;
  http: HttpOptions;
  o: FetchOptions;
  sum: FetchSummary;
  /** The address each saved feed was finally served from, and its outline's line. */
  answered: Map<string, number>;
}

async function fetchOne(source: Source, run: Run): Promise<void> {
  const { state, listedUrls, http, o, sum } = run;
  const at = `${o.opmlLabel}:${source.line}: ${source.url.href}`;
  const display = (rel: string) => `${o.corpusLabel}/${rel}`;
  const key = source.url.href;
  let prev: SourceState | undefined = state[key];
  if (!prev) prev = adopt(key, state, listedUrls, at, o, display);
  // Without state (deleted, or never committed) the copy is still where its name says: new items are
  // counted against it, and it is fetched in full (no validators to send).
  if (!prev) {
    const file = (["xml", "json"] as const)
      .map((k) => feedFile(source.stem, k))
      .find((f) => existsSync(join(o.corpusDir, f)));
    if (file) prev = { file };
  }
  const prevPath = prev ? join(o.corpusDir, prev.file) : null;
  const hasCopy = prevPath !== null && existsSync(prevPath);
  // Validators only with the copy they describe: a 304 for a deleted copy would leave nothing to build.
  const validators = hasCopy && prev ? { etag: prev.etag, lastModified: prev.lastModified } : {};
  const got = await getFeed(source.url, validators, http);
  if (got.moved) reportMove(got.moved, source, o);
  const remember = (entry: SourceState) => {
    const { movedTo: _, ...rest } = entry;
    state[key] = got.moved ? { ...rest, movedTo: got.moved.to } : rest;
  };
  if (prev) remember(prev);
  const kept = hasCopy && prev ? `; ${display(prev.file)} was kept` : "";
  if (got.kind === "not-modified") {
    sum.notModified++;
    o.print(`${at}: not modified`);
    return;
  }
  if (got.kind === "failed") {
    sum.failed++;
    o.print(`${at}: failed: ${got.message}${kept} (fix: ${got.fix})`);
    return;
  }
  const checked = checkFeed(got.bytes, got.contentType, got.url);
  if (!checked.ok) {
    sum.failed++;
    o.print(`${at}: failed: ${checked.message}${kept} (fix: ${checked.fix})`);
    return;
  }
  const twin = run.answered.get(got.url);
  if (twin === undefined) run.answered.set(got.url, source.line);
  else
    o.print(
      formatWarning({
        file: o.opmlLabel,
        line: source.line,
        message: `${source.url.href} is the same feed as the outline on line ${twin} (both are served from ${got.url}); the build keeps one copy of each item`,
        fix: "remove one of the two outlines, and delete its saved copy",
      }),
    );
  const file = feedFile(source.stem, checked.kind);
  const before = hasCopy && prevPath ? savedKeys(prevPath) : null;
  const keys = checked.read.articles.map((a) => a.key);
  const fresh = before ? keys.filter((k) => !before.has(k)).length : keys.length;
  const target = join(o.corpusDir, file);
  // A server that sends no validators answers in full every time: the same bytes are not rewritten.
  const same = existsSync(target) && Buffer.from(checked.bytes).equals(readFileSync(target));
  if (!same) writeAtomic(target, checked.bytes);
  // A copy under another name (the feed switched between XML and JSON, or came with a moved address)
  // would put every item in the build twice.
  if (hasCopy && prevPath && prev && prev.file !== file) rmSync(prevPath, { force: true });
  remember({
    file,
    ...(got.etag ? { etag: got.etag } : {}),
    ...(got.lastModified ? { lastModified: got.lastModified } : {}),
  });
  sum.saved++;
  sum.newItems += fresh;
  const of = before ? `${keys.length} in the feed` : "first copy";
  o.print(
    `${at}: ${plural(fresh, "new item")} (${of}), ${same ? "the same as" : "saved to"} ${display(file)}`,
  );
  for (const w of checked.read.warnings) o.print(formatWarning({ file: display(file), ...w }));
}

/**
 * A source the state does not know, which an unlisted source was permanently redirected to: the user
 * updated the OPML as told. It takes over that copy and its validators, so no item arrives twice.
 */
function adopt(
  key: string,
  state: FetchState,
  listedUrls: Set<string>,
  at: string,
  o: FetchOptions,
  display: (rel: string) => string,
): SourceState | undefined {
  const old = Object.keys(state)
    .sort()
    .find((k) => !listedUrls.has(k) && state[k]?.movedTo === key);
  const entry = old ? state[old] : undefined;
  if (!old || !entry) return undefined;
  delete state[old];
  const { movedTo: _, ...rest } = entry;
  state[key] = rest;
  o.print(`${at}: takes over ${display(entry.file)} from ${old}, which moved here`);
  return rest;
}

function reportMove(moved: Moved, source: Source, o: FetchOptions): void {
  o.print(
    formatWarning({
      file: o.opmlLabel,
      line: source.line,
      message: `${source.url.href} moved permanently (HTTP ${moved.status}) to ${moved.to}`,
      fix: `set xmlUrl="${moved.to}" in ${o.opmlLabel}; the saved copy follows it`,
    }),
  );
}

/** Copies of feeds the OPML no longer lists: still built, so said once per run, never dropped silently. */
function warnOrphans(state: FetchState, listedUrls: Set<string>, o: FetchOptions): void {
  for (const url of Object.keys(state).sort()) {
    const entry = state[url];
    if (!entry || listedUrls.has(url)) continue;
    if (!existsSync(join(o.corpusDir, entry.file))) {
      delete state[url];
      continue;
    }
    o.print(
      formatWarning({
        file: `${o.corpusLabel}/${entry.file}`,
        line: 1,
        message: `was fetched from ${url}, which ${o.opmlLabel} no longer lists; the build still reads it`,
        fix: "delete the file to drop its articles, or list the address again",
      }),
    );
  }
}
