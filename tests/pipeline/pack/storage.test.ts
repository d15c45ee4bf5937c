// Body storage: content-defined chunking, deduplication, the binary route table and both storages, read
// back through the Worker's own reader (src/worker/table.ts, src/worker/store.ts, both pure).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { settingsFromVars } from "../../../src/pipeline/config";
import { CHUNK_MAX, CHUNK_MIN, chunkEnds, emit, linkTemplate } from "../../../src/pipeline/pack/emit";
import type { RenderedRoute } from "../../../src/pipeline/render/types";
import { expandLink, hasBrotliBody, pathHash64 } from "../../../src/shared/manifest";
import type { Coding } from "../../../src/worker/encoding";
import { ByteMemo } from "../../../src/worker/store";
import { base64url, RouteTable } from "../../../src/worker/table";
import { decode, fileFetcher, readerFor, servedCoded, wholeView } from "../../support/served";

const TOKEN = "https://origin-0123456789abcdef.invalid";
const enc = new TextEncoder();

function route(path: string, body: string, extra: Partial<RenderedRoute> = {}): RenderedRoute {
  return {
    path,
    body,
    type: "application/rss+xml; charset=utf-8",
    kind: "feed",
    lastModified: "2026-03-01T10:00:00.750Z",
    ...extra,
  };
}
const NF = route("/404", `missing, see ${TOKEN}/`, {
  status: 404,
  kind: "html",
  type: "text/html; charset=utf-8",
});

/** Deterministic pseudo-random text (no Math.random): `n` words from a small vocabulary. */
function text(seed: number, n: number): string {
  const words = ["llama", "meta", "model", "world", "<item>", "</item>", "&amp;", "lecun", "open", "é", "—"];
  let s = seed >>> 0;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(words[s % words.length] ?? "x");
  }
  return out.join(" ");
}

function _ab(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

describe("chunkEnds (gear-hash content-defined chunking)", () => {
  it.each([0, 1, 255, 256, 257, 5000, 100_000])("covers %i bytes exactly, within min/max", (n) => {
    const bytes = enc.encode(text(n, n)).subarray(0, n);
    const ends = chunkEnds(bytes);
    expect(ends.at(-1) ?? 0).toBe(bytes.length);
    let start = 0;
    ends.forEach((end, i) => {
      const len = end - start;
      expect(len).toBeLessThanOrEqual(CHUNK_MAX);
      if (i < ends.length - 1) expect(len).toBeGreaterThanOrEqual(CHUNK_MIN);
      start = end;
    });
  });

  it("averages roughly 16 KiB on text", () => {
    const bytes = enc.encode(text(7, 1_000_000));
    const avg = bytes.length / chunkEnds(bytes).length;
    expect(avg).toBeGreaterThan(10_000);
    expect(avg).toBeLessThan(24_000);
  });

  it("is content-defined: a prefix insert only moves boundaries near it", () => {
    const body = text(3, 400_000);
    const a = enc.encode(body);
    const prefix = enc.encode("<inserted header line>\n");
    const b = enc.encode(`<inserted header line>\n${body}`);
    const endsA = new Set(chunkEnds(a));
    const shifted = chunkEnds(b).map((e) => e - prefix.length);
    const shared = shifted.filter((e) => endsA.has(e)).length;
    expect(shared / endsA.size).toBeGreaterThan(0.9);
  });

  it("does not cut a run of identical bytes below the maximum", () => {
    expect(chunkEnds(new Uint8Array(70_000))).toEqual([32768, 65536, 70000]);
  });
});

describe("deduplication", () => {
  it("stores an item repeated across feeds once", () => {
    // Item text never holds an item marker (a feed escapes it); cuts.ts cuts at each marker.
    const items = Array.from(
      { length: 30 },
      (_, i) => `<item>${text(i, 1000).replaceAll("<item>", "<i>")}</item>`,
    );
    // Every feed holds a different subset, in a different order, like tag feeds.
    const routes = Array.from({ length: 10 }, (_, f) =>
      route(
        `/tags/t${f}/feed.xml`,
        `<rss><channel>${f}${items.filter((_, i) => i % (f + 2) !== 1).join("\n")}</channel></rss>`,
      ),
    );
    const result = emit(routes, NF, {
      origin: "https://site.example",
      originToken: TOKEN,
      storage: "bundle",
    });
    const raw = routes.reduce((n, r) => n + enc.encode(r.body).length, 0);
    const unique = enc.encode(items.join("\n")).length;
    expect(result.manifest.storedBytes).toBeLessThan(raw / 4);
    expect(result.manifest.storedBytes).toBeLessThan(unique * 1.6);
  });
});

describe("route table", () => {
  const routes = [
    route("/", `home ${TOKEN}/feed.xml`, { kind: "html", type: "text/html; charset=utf-8" }),
    route("/feed.xml", `<rss>${TOKEN}</rss>`, { link: `<${TOKEN}/atom.xml>; rel="alternate"` }),
    route("/atom.xml", "<feed/>", { type: "application/atom+xml; charset=utf-8", cacheControl: "no-cache" }),
    route("/gone", "gone", { status: 410, lastModified: "1969-07-20T20:17:40Z" }),
  ];

  it.each(["bundle", "assets"] as const)("%s: every record matches the manifest entry", (storage) => {
    const result = emit(routes, NF, { origin: null, originToken: TOKEN, storage });
    const table = wholeView(result);
    expect(table.count).toBe(routes.length);
    for (const [path, e] of [
      ...Object.entries(result.manifest.routes),
      [null, result.manifest.notFound] as const,
    ]) {
      const index = path === null ? table.notFound : table.find(path);
      expect(index, String(path)).toBeGreaterThanOrEqual(0);
      const rec = table.record(index);
      expect(rec.etag).toBe(e.etag);
      expect(new Date(rec.lastModifiedMs).toUTCString()).toBe(e.lastModified);
      expect(Number.isInteger(rec.lastModifiedMs / 1000)).toBe(true);
      expect(rec.kind).toBe(e.kind);
      expect(rec.status).toBe(e.status ?? 200);
      expect(result.worker.types[rec.typeIndex]).toBe(e.type);
      expect(result.worker.cacheControls[rec.cacheIndex]).toBe(e.cacheControl);
      expect(rec.link === null ? undefined : expandLink(rec.link, path ?? "")).toBe(e.link);
      expect([rec.size, rec.gaps]).toEqual([e.size, e.gaps]);
    }
  });

  it.each(["", "/feed.xml/", "/FEED.xml", "/__proto__", "/constructor", "/404", "//feed.xml"])(
    "does not find %j",
    (path) => {
      const table = wholeView(emit(routes, NF, { origin: null, originToken: TOKEN }));
      expect(table.find(path)).toBe(-1);
    },
  );

  it("rejects a buffer that is not a route table", () => {
    expect(() => new RouteTable(new ArrayBuffer(8))).toThrow(/too short/);
    expect(() => new RouteTable(new ArrayBuffer(64))).toThrow(/not a route table/);
  });

  it("pathHash64 depends on seed and every character", () => {
    expect(pathHash64("/a", 0)).not.toEqual(pathHash64("/a", 1));
    expect(pathHash64("/a", 0)).not.toEqual(pathHash64("/b", 0));
    expect(pathHash64("/a", 0)).toEqual(pathHash64("/a", 0));
  });

  it.each([
    [[], ""],
    [[0xff], "_w"],
    [[0xfb, 0xff], "-_8"],
    [[1, 2, 3], "AQID"],
  ])("base64url(%j) = %j", (bytes, out) => {
    expect(base64url(new Uint8Array(bytes))).toBe(out);
    expect(base64url(new Uint8Array(bytes))).toBe(Buffer.from(bytes).toString("base64url"));
  });
});

describe("Link templates", () => {
  it.each([
    [
      "/tags/llama/feed.xml",
      `<${TOKEN}/tags/llama/atom.xml>; rel="alternate"`,
      `<${TOKEN}/\x02/\x03/atom.xml>; rel="alternate"`,
    ],
    [
      "/articles/a",
      `<${TOKEN}/api/articles/a>; rel="alternate"`,
      `<${TOKEN}/api/\x02/\x03>; rel="alternate"`,
    ],
    ["/archive/1", `<${TOKEN}/archive/2>; rel="next", <${TOKEN}/archive/1/feed.json>`, null],
    ["/tags/origin", `<${TOKEN}/tags/origin>`, null],
    ["/", `<${TOKEN}/feed.xml>`, `<${TOKEN}/feed.xml>`],
  ])("%s: the template expands back to the exact value", (path, link, template) => {
    const t = linkTemplate(link, path);
    if (template !== null) expect(t).toBe(template);
    expect(expandLink(t, path)).toBe(link);
  });

  it("article routes of a big site share one template", () => {
    const routes = Array.from({ length: 200 }, (_, i) =>
      route(`/articles/a-${i}`, "x", { link: `<${TOKEN}/api/articles/a-${i}>; rel="alternate"` }),
    );
    const result = emit(routes, NF, { origin: null, originToken: TOKEN });
    const heap = wholeView(result);
    const templates = new Set(routes.map((r) => heap.record(heap.find(r.path)).link));
    expect(templates.size).toBe(1);
  });

  it("rejects control characters in a Link value", () => {
    expect(() =>
      emit([route("/a", "x", { link: "<a>\x01" })], NF, { origin: null, originToken: TOKEN }),
    ).toThrow(/Link value holds control characters/);
  });
});

describe("storage selection", () => {
  const routes = Array.from({ length: 40 }, (_, i) => route(`/p/${i}`, text(i, 2000)));

  it("auto stays in the bundle under the threshold and moves to assets over it", () => {
    const small = emit(routes, NF, { origin: null, originToken: TOKEN });
    expect(small.manifest.storage).toBe("bundle");
    expect(small.files).toEqual([]);
    const big = emit(routes, NF, { origin: null, originToken: TOKEN, autoThreshold: 50_000 });
    expect(big.manifest.storage).toBe("assets");
    expect(big.files.length).toBeGreaterThan(1);
    // Assets storage keeps only the API data in bodies.bin (here: nothing).
    expect(big.blob.length).toBe(0);
    for (const f of big.files) expect(f.path).toMatch(/^\/(bodies|gzip|br|routes)\/\d+\.bin$/);
  });

  it("rejects an unknown storage", () => {
    expect(() =>
      emit(routes, NF, { origin: null, originToken: TOKEN, storage: "disk" as unknown as "bundle" }),
    ).toThrow(/storage "disk" is not one of auto, bundle, assets/);
  });

  it("the same routes give the same validators in both storages", () => {
    const a = emit(routes, NF, { origin: null, originToken: TOKEN, storage: "bundle" });
    const b = emit(routes, NF, { origin: null, originToken: TOKEN, storage: "assets" });
    expect(b.manifest.routes).toEqual(a.manifest.routes);
    expect(b.manifest.buildId).not.toBe(a.manifest.buildId);
  });
});

describe("round trip through the Worker's reader (property)", () => {
  const piece = fc.oneof(
    fc.string({ maxLength: 40, unit: "grapheme" }),
    fc.constant(TOKEN),
    fc.constantFrom("<item>", "</item>", "&amp;"),
    fc.string({ minLength: 300, maxLength: 3000, unit: "binary-ascii" }),
  );
  const body = fc.array(piece, { maxLength: 30 }).map((p) => p.join(""));

  it.each(["bundle", "assets"] as const)("%s: any bodies, any origin, exact bytes", async (storage) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(body, { minLength: 1, maxLength: 8 }),
        fc.constantFrom("https://a.example", "http://localhost:8787", "https://x.example:8443"),
        async (bodies, origin) => {
          // Every other route a feed: feeds without an origin gap get a brotli body (hasBrotliBody).
          const feed = { kind: "feed", type: "application/rss+xml; charset=utf-8" } as const;
          const rs = bodies.map((b, i) => route(`/r/${i}`, b, i % 2 ? feed : {}));
          const result = emit(rs, NF, { origin: null, originToken: TOKEN, storage });
          const table = wholeView(result);
          const { table: t2, bodies: reader } = readerFor(result);
          for (const r of rs) {
            const index = table.find(r.path);
            const want = enc.encode(r.body.replaceAll(TOKEN, origin));
            const rec = t2.record(index);
            const entry = result.manifest.routes[r.path];
            expect(rec.brLength > 0, r.path).toBe(
              entry !== undefined && hasBrotliBody(entry) && entry.size > 0,
            );
            const codings: Coding[] = rec.brLength > 0 ? ["identity", "gzip", "br"] : ["identity", "gzip"];
            for (const coding of codings) {
              const got = await servedCoded(result, index, origin, coding);
              expect(Buffer.from(decode(got, coding)).equals(Buffer.from(want)), coding).toBe(true);
              expect(reader.length(rec, coding, origin), coding).toBe(got.length);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("ByteMemo", () => {
  it("never holds more than its budget and evicts oldest first", () => {
    const memo = new ByteMemo<number>(1000);
    for (let i = 0; i < 50; i++) memo.set(i, new Uint8Array(100));
    expect(memo.size).toBeLessThanOrEqual(1000);
    expect(memo.get(49)).toBeDefined();
    expect(memo.get(0)).toBeUndefined();
  });

  it("skips values over a quarter of the budget", () => {
    const memo = new ByteMemo<string>(1000);
    memo.set("big", new Uint8Array(251));
    expect(memo.get("big")).toBeUndefined();
    expect(memo.size).toBe(0);
  });
});

describe("EncodedBodies in assets storage", () => {
  it("concurrent misses on one body file fetch it once; a missing file is a BodyUnavailable", async () => {
    const routes = Array.from({ length: 6 }, (_, i) => route(`/p/${i}`, `${text(i, 50)} ${TOKEN}/x`));
    const result = emit(routes, NF, { origin: null, originToken: TOKEN, storage: "assets" });
    expect(result.files.filter((f) => f.path.startsWith("/gzip/")).length).toBe(1);
    const { table, bodies } = readerFor(result);
    const seen: string[] = [];
    const fetchFile = fileFetcher(result, seen);
    const got = await Promise.all(
      routes.map((r) =>
        bodies.load(table.record(table.find(r.path)), "identity", "https://h.example", fetchFile),
      ),
    );
    expect(seen).toEqual(["/gzip/0.bin"]);
    expect(got.map((b) => new TextDecoder().decode(b))).toEqual(
      routes.map((r) => r.body.replaceAll(TOKEN, "https://h.example")),
    );
    const cold = readerFor(result).bodies;
    await expect(cold.load(table.record(0), "gzip", "https://h.example", async () => null)).rejects.toThrow(
      /missing/,
    );
  });

  it("keeps bodies of several origins memoized at once (no read after each origin's first)", async () => {
    const routes = Array.from({ length: 3 }, (_, i) => route(`/o/${i}`, `${text(i, 40)} ${TOKEN}/x`));
    const result = emit(routes, NF, { origin: null, originToken: TOKEN, storage: "assets" });
    const { table, bodies } = readerFor(result);
    const seen: string[] = [];
    const fetchFile = fileFetcher(result, seen);
    const origins = ["https://a.example", "http://b.example:8080"];
    const rec = table.record(table.find("/o/1"));
    const first = await Promise.all(origins.map((o) => bodies.load(rec, "identity", o, fetchFile)));
    const reads = seen.length;
    for (let i = 0; i < 20; i++) {
      const o = origins[i % 2] ?? "";
      const again = bodies.ready(rec, "identity", o);
      expect(again).toBe(first[i % 2]);
      expect(new TextDecoder().decode(again ?? new Uint8Array())).toContain(`${o}/x`);
    }
    expect(seen.length).toBe(reads);
  });

  it("a feed's item is stored once: the unique chunks are far fewer than the bytes served", () => {
    const items = Array.from({ length: 30 }, (_, i) => `<item>${text(i + 7, 1500)}</item>`);
    // Ten overlapping "feeds" of ten items each, like a main feed, tag feeds and archives.
    const feeds = Array.from({ length: 10 }, (_, f) =>
      route(`/f/${f}`, `<rss>${items.slice(f * 2, f * 2 + 10).join("")}</rss>`),
    );
    const result = emit(feeds, NF, { origin: null, originToken: TOKEN, storage: "assets" });
    const served = feeds.reduce((n, r) => n + enc.encode(r.body).length, 0);
    const unique = enc.encode(items.join("")).length;
    expect(result.manifest.streamBytes.identity).toBeLessThan(served / 2.5);
    expect(result.manifest.streamBytes.identity).toBeLessThan(unique * 1.5);
  });
});

describe("STORAGE setting (wrangler.toml [vars], FEED_STORAGE)", () => {
  it.each([
    [undefined, "auto"],
    ["", "auto"],
    ["auto", "auto"],
    ["bundle", "bundle"],
    ["Assets", "assets"],
  ])("%j -> %s", (value, storage) => {
    const r = settingsFromVars({ STORAGE: value });
    expect(r.problems).toEqual([]);
    expect(r.storage).toBe(storage);
  });

  it("names the variable and the choices on a bad value", () => {
    const r = settingsFromVars({ STORAGE: "disk" });
    expect(r.problems.map((p) => p.message).join("\n")).toMatch(
      /STORAGE is "disk", not auto, bundle or assets/,
    );
  });
});

describe("linkTemplate", () => {
  /** What linkTemplate did with a regular expression per segment (its scan must give the same). */
  function byRegExp(link: string, path: string): string {
    const segments = path
      .split("/")
      .map((text, i) => ({ text, i }))
      .filter((s) => s.i < 8 && s.text.length > 0)
      .sort((a, b) => b.text.length - a.text.length || a.i - b.i);
    let out = link;
    for (const s of segments) {
      const escaped = s.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      out = out.replace(new RegExp(`(?<=/)${escaped}(?=[/.>?#]|$)`, "g"), String.fromCharCode(1 + s.i));
    }
    return out;
  }
  const piece = fc.constantFrom("a", "ab", "b", "/", ".", ">", "?", "#", "x.y", "<", ";", "aa");
  const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(""));
  it("replaces exactly what the regular expression did", () => {
    fc.assert(
      fc.property(text, text, (link, path) => {
        expect(linkTemplate(link, `/${path}`)).toBe(byRegExp(link, `/${path}`));
      }),
      { numRuns: 2_000 },
    );
  });
});
