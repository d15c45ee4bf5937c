// What a pool worker runs: one capture job at a time, with the rules rebuilt once from the context the
// pool sent when the worker started (never per job). A null job is the pool asking whether the worker
// has loaded.
import Tinypool from "tinypool";
import type { CaptureResult } from "../capture";
import { type CaptureJob, type JobContext, rulesOf, runJob } from "./job";

const context = Tinypool.workerData as JobContext;
const rules = rulesOf(context.taxonomy);

export default function capture(job: CaptureJob | null): CaptureResult | null {
  return job === null ? null : runJob(job, rules, context.language);
}
