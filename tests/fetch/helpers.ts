// Runs the fetcher in-process against the local server, in a fresh corpus folder.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FetchOptions, type FetchSummary, runFetch } from "../../src/fetch/run";
import { LIMITS } from "../../src/pipeline/read/limits";
import { opml } from "./server";

// A guard against a hang only: the routes meant to time out set their own small timeout.
const HANG_GUARD_MS = 120_000;

export interface Run {
  lines: string[];
  sum: FetchSummary;
}

export function tempCorpus(): string {
  return mkdtempSync(join(tmpdir(), "fetch-"));
}

export async function fetchInto(
  dir: string,
  origin: string,
  paths: readonly string[],
  over: Partial<Omit<FetchOptions, "http">> & { http?: Partial<FetchOptions["http"]> } = {},
  opmlDir = dir,
): Promise<Run> {
  const opmlPath = join(opmlDir, "sources.opml");
  writeFileSync(opmlPath, opml(origin, paths));
  const lines: string[] = [];
  const { http, ...rest } = over;
  const sum = await runFetch({
    corpusDir: dir,
    corpusLabel: "corpus",
    opmlPath,
    opmlLabel: "corpus/sources.opml",
    delayMs: 0,
    ...rest,
    http: {
      userAgent: "feed-aggregator/test",
      timeoutMs: HANG_GUARD_MS,
      maxBytes: LIMITS.fileBytes,
      maxRedirects: 5,
      fetch: globalThis.fetch,
      ...http,
    },
    print: (l) => lines.push(l),
  });
  return { lines, sum };
}

/** The printed line about the outline on `line` of the OPML (outlines start on line 4). */
export const lineFor = (run: Run, outline: number): string[] =>
  run.lines.filter((l) => l.startsWith(`corpus/sources.opml:${outline + 4}: `));
