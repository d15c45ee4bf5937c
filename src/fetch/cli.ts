// `npm run fetch`: corpus/sources.opml -> saved feeds in corpus/feeds/ (see corpus/README.md,
// Subscriptions). Build-time only: the Worker never imports this, and `npm run build` never runs it, so
// a deploy builds from what corpus/ holds and stays offline and deterministic.
//
// Options: --corpus DIR (env FEED_CORPUS_DIR, default corpus), --opml FILE (default DIR/sources.opml),
// --timeout MS (per request, default 30000), --max-bytes N (default and most: the build's limit for one
// corpus file), --delay MS (between requests to one host, default 1000), --max-redirects N (default 5).
// Exit code 0 when every source was saved or not modified, 1 when any failed, 2 on a usage error.
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { readVars } from "../pipeline/config";
import { LIMITS } from "../pipeline/read/limits";
import { runFetch } from "./run";

class UsageError extends Error {}

interface Options {
  corpus: string;
  opml: string | null;
  timeoutMs: number;
  maxBytes: number;
  delayMs: number;
  maxRedirects: number;
}

function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const o: Options = {
    corpus: env.FEED_CORPUS_DIR || "corpus",
    opml: null,
    timeoutMs: 30_000,
    maxBytes: LIMITS.fileBytes,
    delayMs: 1_000,
    maxRedirects: 5,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    const count = (min: number, max = Number.MAX_SAFE_INTEGER) => {
      const v = next();
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < min || n > max)
        throw new UsageError(`${a} takes a whole number from ${min} to ${max}, not "${v}"`);
      return n;
    };
    if (a === "--corpus") o.corpus = next();
    else if (a === "--opml") o.opml = next();
    else if (a === "--timeout") o.timeoutMs = count(1);
    // Above the build's limit a saved copy would stop the build, so the cap can only be lowered.
    else if (a === "--max-bytes") o.maxBytes = count(1, LIMITS.fileBytes);
    else if (a === "--delay") o.delayMs = count(0);
    else if (a === "--max-redirects") o.maxRedirects = count(0, 20);
    else throw new UsageError(`unknown option ${a}`);
  }
  return o;
}

/** `feed-aggregator/0.1.0 (feed fetcher; +https://site.example/)`: who is asking, and where to look. */
function userAgent(env: NodeJS.ProcessEnv): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    name: string;
    version: string;
  };
  let site = env.FEED_BASE_URL;
  if (!site) {
    try {
      site = readVars(readFileSync("wrangler.toml", "utf8")).BASE_URL;
    } catch {
      site = undefined; // no settings file: the agent names the project alone
    }
  }
  return `${pkg.name}/${pkg.version} (feed fetcher${site ? `; +${site}` : ""})`;
}

const label = (p: string) => relative(process.cwd(), resolve(p)) || p;

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2), process.env);
  const opml = o.opml ?? join(o.corpus, "sources.opml");
  const sum = await runFetch({
    corpusDir: o.corpus,
    corpusLabel: label(o.corpus),
    opmlPath: opml,
    opmlLabel: label(opml),
    http: {
      userAgent: userAgent(process.env),
      timeoutMs: o.timeoutMs,
      maxBytes: o.maxBytes,
      maxRedirects: o.maxRedirects,
      fetch: globalThis.fetch,
    },
    delayMs: o.delayMs,
    print: (line) => process.stdout.write(`${line}\n`),
  });
  const problems = sum.problems
    ? `, ${sum.problems} problem${sum.problems === 1 ? "" : "s"} in the list`
    : "";
  process.stdout.write(
    `fetch: ${sum.sources} sources: ${sum.saved} saved (${sum.newItems} new items), ${sum.notModified} not modified, ${sum.failed} failed${problems}\n`,
  );
  return sum.failed > 0 || sum.problems > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const msg = e instanceof UsageError ? `usage: ${e.message}` : `internal error: ${(e as Error).message}`;
    process.stderr.write(`fetch: ${msg}\n`);
    if (process.env.DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 2;
  },
);
