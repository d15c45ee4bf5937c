// The /api/articles index in assets storage, read back through the Worker's own reader
// (src/worker/api-assets.ts): every query answers exactly what bundle storage answers, summaries and
// postings spanning several fixed-size files included, and a page touches few files.
import { describe, expect, it } from "vitest";
import { emit } from "../../../src/pipeline/pack/emit";
import {
  type ApiIndex,
  type ManifestApi,
  postingOffsets,
  pushPositions,
  pushVarint,
  readPositions,
  unzigzag,
  VarintReader,
  zigzag,
} from "../../../src/shared/api-index";
import { ApiAssetsReader, replaceAll } from "../../../src/worker/api-assets";
import { parseApiQuery, postingsNeeded, runApiQuery } from "../../../src/worker/api-query";
import { FileCache } from "../../../src/worker/store";
import { route } from "../../support/routes";

const TOKEN = "https://origin-0123456789abcdef.invalid";
const ORIGIN = "https://news.example";
const enc = new TextEncoder();
const dec = new TextDecoder();

const NF = route("/404", "missing", { status: 404 });

/** A deterministic index of `n` articles: dates with ties, 4 tags, a Zipf-ish vocabulary. */
function syntheticIndex(n: number): ApiIndex {
  let s = 12345;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const words = Array.from({ length: 300 }, (_, i) => `w${i}${"abcdefgh"[i % 8]}`);
  const ids: string[] = [];
  const dates: string[] = [];
  const summaries: string[] = [];
  const terms: Record<string, number[]> = {};
  const tags = ["alpha", "beta", "gamma", "delta"].map((slug) => ({ slug, postings: [] as number[] }));
  for (let i = 0; i < n; i++) {
    // Three articles a day, ids ascending within the day: the API order's tie-break.
    const day = Date.UTC(2026, 0, 1) - Math.floor(i / 3) * 86_400_000;
    ids.push(`urn:x:${String(i % 3)}-${String(1e6 + Math.floor(i / 3))}`);
    dates.push(new Date(day).toISOString());
    const own = new Set<string>();
    for (let k = 0; k < 12; k++) own.add(words[Math.floor(words.length * rnd() ** 3)] ?? "w");
    for (const w of own) {
      const list = terms[w] ?? [];
      list.push(i);
      terms[w] = list;
    }
    tags.forEach((t, k) => {
      if (rnd() < 0.5 / (k + 1)) t.postings.push(i);
    });
    summaries.push(
      JSON.stringify({
        id: ids[i],
        url: `${TOKEN}/articles/a${i}`,
        words: [...own],
        pad: "é".repeat(i % 500),
      }),
    );
  }
  // Ids must ascend within a date: the three of a day are 0-, 1-, 2-.
  return { ids, dates, tags, terms, summaries, updated: "2026-01-01T00:00:00Z" };
}

const QUERIES = [
  "",
  "limit=100",
  "tag=alpha",
  "tag=beta&tag=delta&limit=7",
  "q=w0a",
  "q=w1b%20w0a",
  "q=w10",
  "q=w2",
  "q=nothing",
  "since=2025-06-01",
  "until=2025-01-01&tag=gamma&q=w3d",
  `limit=5&cursor=${btoa(`v1,${Date.UTC(2025, 11, 1)},urn:x:1-1000010`).replace(/=+$/, "")}`,
];

function setup(n: number) {
  const index = syntheticIndex(n);
  const routes = [route("/", "home")];
  const bundle = emit(routes, NF, {
    origin: null,
    originToken: TOKEN,
    storage: "bundle",
    extra: { api: index },
  });
  const assets = emit(routes, NF, {
    origin: null,
    originToken: TOKEN,
    storage: "assets",
    extra: { api: index },
  });
  const files = new Map(assets.files.map((f) => [f.path, f.bytes]));
  const fetched: string[] = [];
  const fetchFile = async (path: string) => {
    fetched.push(path);
    const f = files.get(path);
    return f ? (f.slice().buffer as ArrayBuffer) : null;
  };
  const desc = assets.worker.apiAssets;
  if (!desc) throw new Error("no apiAssets");
  const reader = new ApiAssetsReader(desc, new FileCache(1 << 24), TOKEN);
  return { bundle, assets, reader, fetchFile, fetched, files, desc };
}

describe("API index in assets storage", () => {
  const { bundle, assets, reader, fetchFile, fetched, files, desc } = setup(3000);
  const shipped = bundle.manifest.api;
  if (!shipped) throw new Error("no api");
  const api: ManifestApi = shipped;
  const offsets = postingOffsets(api);
  const blob = bundle.blob;

  function bundleAnswer(qs: string) {
    const p = parseApiQuery(new URLSearchParams(qs), api);
    if (!p.ok) throw new Error(p.error.message);
    const r = runApiQuery(p.query, api, {
      postings: (i) =>
        new Uint32Array(blob.buffer, blob.byteOffset + (offsets[i] ?? 0), api.postingCounts[i] ?? 0),
    });
    const items = r.positions.map((pos) => {
      const segs = api.summaries[pos] ?? [];
      const pieces: string[] = [];
      for (let k = 0; k < segs.length; k += 2) {
        pieces.push(dec.decode(blob.subarray(segs[k] ?? 0, (segs[k] ?? 0) + (segs[k + 1] ?? 0))));
      }
      return pieces.join(ORIGIN);
    });
    return { ...r, items };
  }

  async function assetsAnswer(qs: string) {
    const p = parseApiQuery(new URLSearchParams(qs), desc);
    if (!p.ok) throw new Error(p.error.message);
    const ix = await reader.index(p.query.terms.length > 0 || p.query.prefix !== null, fetchFile);
    const lists = await reader.postings(ix, postingsNeeded(p.query, ix), fetchFile);
    const r = runApiQuery(p.query, ix, { postings: (i) => lists.get(i) ?? [] });
    const items = (await reader.summaries(ix, r.positions, ORIGIN, fetchFile)).map((b) => dec.decode(b));
    return { ...r, items };
  }

  it("really spreads summaries and postings over several files, and leaves bodies.bin empty", () => {
    const desc = assets.manifest.apiAssets;
    expect(desc?.summaryFiles).toBeGreaterThan(5);
    expect(desc?.postingsFiles).toBeGreaterThanOrEqual(1);
    expect(assets.blob.length).toBe(0);
    expect(files.has("/api-index/core.bin")).toBe(true);
    expect(files.has("/api-index/terms.bin")).toBe(true);
    expect(assets.manifest.api).toBeUndefined();
  });

  it("decodes ids, dates, vocabulary and tags exactly", async () => {
    const ix = await reader.index(true, fetchFile);
    expect(ix.ids).toEqual(api.ids);
    expect([...ix.dates]).toEqual(api.dates);
    expect(ix.vocabulary).toEqual(api.vocabulary);
    expect(ix.tagPostings.map((t) => [...t])).toEqual(api.tagPostings);
  });

  it.each(QUERIES)("%s: same positions, total, cursor and summary bytes as bundle storage", async (qs) => {
    const want = bundleAnswer(qs);
    const got = await assetsAnswer(qs);
    expect(got).toEqual(want);
    for (const item of got.items) expect(item).not.toContain(TOKEN);
  });

  it("pages through a whole tag identically", async () => {
    let cursor = "";
    let pages = 0;
    for (;;) {
      const qs = `tag=gamma&limit=40${cursor}`;
      const [a, b] = [bundleAnswer(qs), await assetsAnswer(qs)];
      expect(b).toEqual(a);
      pages++;
      if (!a.next) break;
      cursor = `&cursor=${btoa(`v1,${a.next.date},${a.next.id}`).replace(/=+$/, "")}`;
    }
    expect(pages).toBeGreaterThan(3);
  });

  it("a default page touches at most two summary files; repeats are memoized", async () => {
    fetched.length = 0;
    await assetsAnswer("limit=20&since=2024-01-01");
    expect(fetched.filter((p) => p.includes("summaries")).length).toBeLessThanOrEqual(2);
    fetched.length = 0;
    await assetsAnswer("limit=20&since=2024-01-01");
    expect(fetched).toEqual([]);
  });

  it("reads the terms part only for a query with q, each part once", async () => {
    const r = new ApiAssetsReader(desc, new FileCache(0), TOKEN);
    const seen: string[] = [];
    const fetchOne = (path: string) => {
      seen.push(path);
      return fetchFile(path);
    };
    await r.index(false, fetchOne);
    await r.index(false, fetchOne);
    expect(seen).toEqual(["/api-index/core.bin"]);
    await r.index(true, fetchOne);
    await r.index(true, fetchOne);
    expect(seen).toEqual(["/api-index/core.bin", "/api-index/terms.bin"]);
    expect(r.memoBytes).toBeGreaterThanOrEqual(desc.indexBytes.core + desc.indexBytes.terms);
    expect(r.memoBytes).toBeLessThan(desc.indexBytes.core + desc.indexBytes.terms + 64);
  });

  it("a missing file is a clear error, not a crash or a wrong answer", async () => {
    const r = new ApiAssetsReader(desc, new FileCache(0), TOKEN);
    const ix = await r.index(false, fetchFile);
    await expect(r.summaries(ix, [0], ORIGIN, async () => null)).rejects.toThrow(/missing or short/);
    await expect(
      new ApiAssetsReader(desc, new FileCache(0), TOKEN).index(false, async () => null),
    ).rejects.toThrow(/api-index\/core.bin is missing/);
  });
});

describe("assets emit", () => {
  it("refuses ids or terms holding a newline, with the culprit named", () => {
    const index = syntheticIndex(3);
    const bad = { ...index, ids: ["a\nb", ...index.ids.slice(1)] };
    expect(() =>
      emit([route("/", "x")], NF, {
        origin: null,
        originToken: TOKEN,
        storage: "assets",
        extra: { api: bad },
      }),
    ).toThrow(/article id "a\\nb" holds a newline/);
  });

  // The index is made before any route is rendered (so it is not held beside them), and made again
  // only when `auto` turns out to bundle a small site.
  it.each<[string, "auto" | "bundle" | "assets", number, number, string]>([
    ["assets: once, first", "assets", 1_000, 1, "assets"],
    ["bundle: once", "bundle", 1_000, 1, "bundle"],
    ["auto that bundles: twice, first and for the bundle", "auto", 1_000_000, 2, "bundle"],
    ["auto with bodies past the threshold: once, first", "auto", 10, 1, "assets"],
  ])("the index is made %s", (_, storage, autoThreshold, calls, chosen) => {
    const index = syntheticIndex(50);
    const order: string[] = [];
    const routes = (function* () {
      order.push("route");
      yield route("/", "x".repeat(200));
    })();
    const made = emit(routes, NF, {
      origin: null,
      originToken: TOKEN,
      storage,
      autoThreshold,
      extra: {
        api: () => {
          order.push("index");
          return index;
        },
      },
    });
    expect(made.manifest.storage).toBe(chosen);
    expect(order.filter((x) => x === "index")).toHaveLength(calls);
    if (storage !== "bundle") expect(order[0]).toBe("index");
    const same = emit([route("/", "x".repeat(200))], NF, {
      origin: null,
      originToken: TOKEN,
      storage,
      autoThreshold,
      extra: { api: index },
    });
    expect(made.manifest.buildId).toBe(same.manifest.buildId);
  });

  it("is deterministic", () => {
    const a = setup(200);
    const b = setup(200);
    expect(a.assets.manifest.buildId).toBe(b.assets.manifest.buildId);
    expect(a.assets.files.map((f) => Buffer.from(f.bytes).toString("base64"))).toEqual(
      b.assets.files.map((f) => Buffer.from(f.bytes).toString("base64")),
    );
  });
});

describe("varint codecs", () => {
  it.each([0, 1, 127, 128, 300, 2 ** 31, 2 ** 32 + 5, 2 ** 53 - 1])("round-trips %d", (v) => {
    const out: number[] = [];
    pushVarint(out, v);
    expect(new VarintReader(Uint8Array.from(out)).next()).toBe(v);
  });

  it.each([0, -1, 1, -86_400_000, 1_767_225_600_000, -62_135_596_800_000])("zigzag round-trips %d", (v) => {
    expect(zigzag(v)).toBeGreaterThanOrEqual(0);
    expect(unzigzag(zigzag(v))).toBe(v);
  });

  it.each([[[]], [[0]], [[5]], [[0, 1, 2, 1000, 70000]]])("positions round-trip %j", (list) => {
    const out: number[] = [];
    pushPositions(out, list);
    expect([...readPositions(new VarintReader(Uint8Array.from(out)))]).toEqual(list);
  });

  it("a corrupt count is an error, not a huge allocation", () => {
    const out: number[] = [];
    pushVarint(out, 2 ** 40);
    expect(() => readPositions(new VarintReader(Uint8Array.from(out)))).toThrow(RangeError);
  });

  it.each([
    ["", ""],
    ["no token", "no token"],
    [`${TOKEN}/a`, `${ORIGIN}/a`],
    [`x${TOKEN}${TOKEN}y${TOKEN}`, `x${ORIGIN}${ORIGIN}y${ORIGIN}`],
  ])("replaceAll(%j)", (input, want) => {
    expect(dec.decode(replaceAll(enc.encode(input), enc.encode(TOKEN), enc.encode(ORIGIN)))).toBe(want);
  });
});
