// The /api/articles index in assets storage, read in workerd: its parts are fetched on the first query
// (the `terms` part only for a query with `q`), shared between concurrent requests without any request
// awaiting another's unfinished read, kept under a byte budget, and a missing or damaged part is a
// BodyUnavailable (which the Worker answers 503 with Retry-After: see the Miniflare test in
// tests/pipeline/pack/storage-workerd.test.ts). Answers match bundle storage's, recorded in the fixture
// (tests/fixtures/api-index/site.json).
import { describe, expect, it } from "vitest";
import { ApiAssetsReader } from "../../src/worker/api-assets";
import { parseApiQuery, postingsNeeded, runApiQuery } from "../../src/worker/api-query";
import { BodyUnavailable, FileCache, type FileFetcher } from "../../src/worker/store";
import fixtureJson from "../fixtures/api-index/site.json";
import { API_FIXTURE_ORIGIN, API_FIXTURE_TOKEN, type ApiFixture } from "../support/api-fixture-data";
import { bytesOf, filesFetcher } from "../support/fixture-files";

const fixture = fixtureJson as unknown as ApiFixture;
const CORE = "/api-index/core.bin";
const TERMS = "/api-index/terms.bin";

/** One request's fetcher over the fixture's files; `hang` paths never answer. */
const fetcher = filesFetcher(fixture.files);

/** Polls without a real clock: the join wait is counted, never timed. */
const instant = () => Promise.resolve();

function fresh(joinWaitMs = 11_000, budget?: number) {
  return new ApiAssetsReader(
    fixture.desc,
    new FileCache(1 << 20, instant, joinWaitMs),
    API_FIXTURE_TOKEN,
    budget,
  );
}

async function answer(reader: ApiAssetsReader, qs: string, fetchFile: FileFetcher) {
  const p = parseApiQuery(new URLSearchParams(qs), fixture.desc);
  if (!p.ok) throw new Error(p.error.message);
  const index = await reader.index(p.query.terms.length > 0 || p.query.prefix !== null, fetchFile);
  const lists = await reader.postings(index, postingsNeeded(p.query, index), fetchFile);
  const r = runApiQuery(p.query, index, { postings: (i) => lists.get(i) ?? [] });
  const items = await reader.summaries(index, r.positions, API_FIXTURE_ORIGIN, fetchFile);
  return { positions: r.positions, total: r.total, items: items.map((b) => new TextDecoder().decode(b)) };
}

describe("API index parts (assets storage)", () => {
  it.each(Object.keys(fixture.answers))("%j: the answer bundle storage gives", async (qs) => {
    expect(await answer(fresh(), qs, fetcher([]))).toEqual(fixture.answers[qs]);
  });

  it("a cold core part is read once; a query without q never reads the terms part", async () => {
    const reader = fresh();
    const seen: string[] = [];
    await reader.index(false, fetcher(seen));
    expect(seen).toEqual([CORE]);
    await reader.index(false, fetcher(seen));
    expect(seen).toEqual([CORE]);
    await reader.index(true, fetcher(seen));
    await reader.index(true, fetcher(seen));
    expect(seen).toEqual([CORE, TERMS]);
  });

  it("concurrent requests for the index share one read per part", async () => {
    const reader = fresh();
    const seen: string[] = [];
    const all = await Promise.all(Array.from({ length: 8 }, () => reader.index(true, fetcher(seen))));
    expect(all.every((ix) => ix.ids.length === fixture.desc.count)).toBe(true);
    expect(seen.sort()).toEqual([CORE, TERMS]);
  });

  it("a request never awaits another request's unfinished read: it reads for itself", async () => {
    const reader = fresh(50);
    const stuck: string[] = [];
    let stuckDone = false;
    const hung = reader.index(false, fetcher(stuck, new Set([CORE]))).then(() => {
      stuckDone = true;
    });
    const seen: string[] = [];
    const ix = await reader.index(false, fetcher(seen));
    expect(ix.count).toBe(fixture.desc.count);
    expect(seen).toEqual([CORE]);
    expect(stuck).toEqual([CORE]);
    expect(stuckDone).toBe(false);
    void hung;
  });

  it("a missing part is a BodyUnavailable, and is read again on the next request", async () => {
    const reader = fresh();
    const seen: string[] = [];
    const broken: FileFetcher = (p) => {
      seen.push(p);
      return Promise.resolve(null);
    };
    await expect(reader.index(false, broken)).rejects.toBeInstanceOf(BodyUnavailable);
    await expect(reader.index(true, broken)).rejects.toBeInstanceOf(BodyUnavailable);
    const ix = await reader.index(true, fetcher(seen));
    expect(ix.vocabulary.length).toBe(fixture.desc.vocabularySize);
    expect(seen.filter((p) => p === CORE)).toHaveLength(3);
  });

  it("a damaged or truncated part is a BodyUnavailable too", async () => {
    const garbage: FileFetcher = () => Promise.resolve(new Uint8Array([1, 2, 3, 4, 5]).buffer);
    await expect(fresh().index(false, garbage)).rejects.toBeInstanceOf(BodyUnavailable);
    const core = bytesOf(fixture.files[CORE] ?? "");
    const short: FileFetcher = () => Promise.resolve(core.slice(0, core.length - 8).buffer);
    await expect(fresh().index(false, short)).rejects.toBeInstanceOf(BodyUnavailable);
  });

  it("parts are kept under their byte budget (past it, read again per query, answers unchanged)", async () => {
    const budget = 4 * (fixture.desc.indexBytes.core + 64);
    const reader = fresh(11_000, budget);
    const seen: string[] = [];
    for (const qs of Object.keys(fixture.answers)) {
      expect(await answer(reader, qs, fetcher(seen))).toEqual(fixture.answers[qs]);
    }
    expect(reader.memoBytes).toBeLessThanOrEqual(budget);
    expect(reader.memoBytes).toBeGreaterThan(0);
  });
});
