// The build's extract-and-enrich stage on worker threads: planSite and finishSite (site.ts) in this
// thread, the capture jobs between them on the pool (pool.ts).
import type { SiteSettings } from "../../shared/types";
import type { ExtractCache } from "../cache/index";
import { runJobsCached } from "../cache/run";
import type { CorpusListing } from "../read/read";
import { type AssembleResult, finishSite, planSite } from "../site";
import { type PoolOptions, runJobs } from "./pool";

export { defaultThreads } from "./pool";

/** assembleSite's result, with the per-file work on `opts.threads` threads: the same for any count. */
export async function assembleSiteOnThreads(
  listing: CorpusListing,
  settings: SiteSettings,
  corpusLabel: string,
  opts: PoolOptions & { cache?: ExtractCache | null },
): Promise<AssembleResult> {
  const plan = planSite(listing, settings, corpusLabel);
  const results = opts.cache
    ? await runJobsCached(plan.jobs, plan.context, plan.rules, opts, opts.cache)
    : await runJobs(plan.jobs, plan.context, plan.rules, opts);
  return finishSite(plan, results);
}
