// A small site in assets storage with an API index, for the workerd tests of reading the index parts
// (tests/worker/api-index.test.ts), which cannot run the emitter themselves. Written by
// `npx tsx scripts/dev/api-fixture.ts`; tests/pipeline/pack/api-fixture.test.ts checks it is current.
// The expected answers come from bundle storage, so the workerd test compares the two storages.
import { emit } from "../../src/pipeline/pack/emit";
import { type ApiIndex, postingOffsets } from "../../src/shared/api-index";
import { parseApiQuery, runApiQuery } from "../../src/worker/api-query";
import { API_FIXTURE_ORIGIN, API_FIXTURE_TOKEN, type ApiFixture } from "./api-fixture-data";
import { route } from "./routes";

export const API_FIXTURE_QUERIES = ["", "limit=3&tag=odd", "q=word2", "q=wor", "tag=even&q=word1%20word3"];

function index(n: number): ApiIndex {
  const ids = Array.from({ length: n }, (_, i) => `urn:a:${String(i).padStart(3, "0")}`);
  const terms: Record<string, number[]> = {};
  for (let i = 0; i < n; i++) {
    for (let w = 1; w <= 4; w++) {
      if (i % w === 0) terms[`word${w}`] = [...(terms[`word${w}`] ?? []), i];
    }
  }
  return {
    ids,
    dates: ids.map((_, i) => new Date(Date.UTC(2026, 0, 31) - i * 3_600_000).toISOString()),
    tags: [
      { slug: "even", postings: ids.flatMap((_, i) => (i % 2 === 0 ? [i] : [])) },
      { slug: "odd", postings: ids.flatMap((_, i) => (i % 2 === 1 ? [i] : [])) },
    ],
    terms,
    summaries: ids.map((id, i) => JSON.stringify({ id, url: `${API_FIXTURE_TOKEN}/a/${i}` })),
    updated: "2026-01-31T00:00:00Z",
  };
}

export function apiFixture(): ApiFixture {
  const api = index(60);
  const routes = [route("/", "<p>home</p>")];
  const notFound = route("/404", "<p>Not here.</p>", { status: 404 });
  const opts = { origin: null, originToken: API_FIXTURE_TOKEN, extra: { api } } as const;
  const assets = emit(routes, notFound, { ...opts, storage: "assets" });
  const bundle = emit(routes, notFound, { ...opts, storage: "bundle" });
  const desc = assets.worker.apiAssets;
  const shipped = bundle.worker.api;
  if (!desc || !shipped) throw new Error("api fixture: no API index");
  const dec = new TextDecoder();
  const answers: ApiFixture["answers"] = {};
  for (const qs of API_FIXTURE_QUERIES) {
    const p = parseApiQuery(new URLSearchParams(qs), shipped);
    if (!p.ok) throw new Error(p.error.message);
    const offsets = postingOffsets(shipped);
    const r = runApiQuery(p.query, shipped, {
      postings: (i) => new Uint32Array(bundle.blob.slice(offsets[i] ?? 0, offsets[i + 1] ?? 0).buffer),
    });
    const items = r.positions.map((pos) => {
      const segs = shipped.summaries[pos] ?? [];
      const pieces: string[] = [];
      for (let k = 0; k < segs.length; k += 2) {
        const at = segs[k] ?? 0;
        pieces.push(dec.decode(bundle.blob.subarray(at, at + (segs[k + 1] ?? 0))));
      }
      return pieces.join(API_FIXTURE_ORIGIN);
    });
    answers[qs] = { positions: r.positions, total: r.total, items };
  }
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
  return {
    desc,
    files: Object.fromEntries(
      assets.files.filter((f) => f.path.startsWith("/api-")).map((f) => [f.path, b64(f.bytes)]),
    ),
    answers,
  };
}
