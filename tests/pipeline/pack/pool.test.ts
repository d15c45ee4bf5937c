// The compression pool (zlib-pool.ts) must not change a byte: every job's result, in submission order,
// equals the inline one, whichever thread did it (workers, or this thread when they are all busy), and
// a whole emit gives the same table, streams and files with 0, 1 or 2 workers.
import { describe, expect, it } from "vitest";
import { ANALYSE, BROTLI, CHUNK, compressWith, type Kind, SHARD } from "../../../src/pipeline/pack/codings";
import { type EmitOptions, emit } from "../../../src/pipeline/pack/emit";
import { compressor } from "../../../src/pipeline/pack/zlib-pool";
import type { RenderedRoute } from "../../../src/pipeline/render/types";
import { FIXTURE_TOKEN, fixtureEmitCases } from "../../support/fixture-site";
import { route } from "../../support/routes";

/** Bytes that compress a little (a fixed LCG over a small alphabet). */
function text(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = 97 + (s >>> 28);
  }
  return out;
}

describe("zlib pool", () => {
  it("gives every job the inline result, in submission order, also when this thread helps", () => {
    // Far more batches than the workers may hold at once, handed out faster than they compress.
    const kinds: Kind[] = [CHUNK, ANALYSE, CHUNK, SHARD, BROTLI];
    const jobs = Array.from({ length: 240 }, (_, i) => ({
      kind: kinds[i % kinds.length] as Kind,
      bytes: text(i + 1, i % kinds.length === 4 ? 2_000 : 20_000 + i),
    }));
    for (const threads of [1, 2]) {
      const pool = compressor(threads);
      const got: { out: Uint8Array; crc: number; i: number }[] = [];
      try {
        jobs.forEach((job, i) => {
          pool.run(job.kind, job.bytes, (out, crc) => got.push({ out: out.slice(), crc, i }));
        });
        pool.flush();
      } finally {
        pool.close();
      }
      expect(got.map((g) => g.i)).toEqual(jobs.map((_, i) => i));
      jobs.forEach((job, i) => {
        const want = compressWith(job.kind, job.bytes);
        expect(Buffer.from(got[i]?.out ?? []).equals(want.out), `job ${i}`).toBe(true);
        if (job.kind !== ANALYSE) expect(got[i]?.crc).toBe(want.crc);
      });
    }
  });
});

describe("emit with compression workers", () => {
  const base = { origin: null, originToken: FIXTURE_TOKEN };
  const big: RenderedRoute[] = Array.from({ length: 150 }, (_, i) => {
    const body = Buffer.from(text(i % 40, 9_000)).toString("latin1");
    return route(`/r/${(i * 37) % 150}`, i % 3 ? `<item>${body}</item><a href="${FIXTURE_TOKEN}/x">` : body);
  });
  const NF = route("/404", "not found", { status: 404 });
  const cases: [string, RenderedRoute[], RenderedRoute, EmitOptions][] = [
    ...fixtureEmitCases(),
    ["repeated bodies, assets, small shards", big, NF, { ...base, storage: "assets", shardTarget: 4_096 }],
  ];
  it.each(cases)("%s", (_, routes, notFound, opts) => {
    const results = [0, 1, 2].map((compressThreads) => emit(routes, notFound, { ...opts, compressThreads }));
    const [want, ...others] = results.map((r) => ({
      manifest: JSON.stringify(r.manifest),
      worker: JSON.stringify(r.worker),
      table: Buffer.from(r.table).toString("base64"),
      blob: Buffer.from(r.blob).toString("base64"),
      files: r.files.map((f) => [f.path, Buffer.from(f.bytes).toString("base64")]),
    }));
    for (const other of others) expect(other).toEqual(want);
  });
});
