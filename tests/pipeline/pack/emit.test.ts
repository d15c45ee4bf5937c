import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type EmitResult,
  emit,
  strongEtag,
  toImfFixdate,
  writeGenerated,
} from "../../../src/pipeline/pack/emit";
import type { RenderedRoute } from "../../../src/pipeline/render/types";
import { postingOffsets } from "../../../src/shared/api-index";
import { FIXTURE_TOKEN, fixtureEmit } from "../../support/fixture-site";
import { route } from "../../support/routes";
import { servedCoded, wholeView } from "../../support/served";

const TOKEN = "https://origin.invalid";

const NF = route("/404", "not found", { status: 404 });

/** A route's body as the Worker serves it for `origin`, read back through the Worker's own reader. */
async function served(result: EmitResult, path: string | null, origin: string): Promise<string> {
  const table = wholeView(result);
  const index = path === null ? table.notFound : table.find(path);
  if (index < 0) throw new Error(`no route ${path}`);
  return new TextDecoder().decode(await servedCoded(result, index, origin, "identity"));
}

function _toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

describe("emit", () => {
  it.each(["bundle", "assets"] as const)("%s: cuts bodies at every origin token", async (storage) => {
    const body = `<a href="${TOKEN}/x">${TOKEN}</a>${TOKEN}`;
    const result = emit([route("/", body)], NF, { origin: null, originToken: TOKEN, storage });
    expect(result.manifest.storage).toBe(storage);
    const e = result.manifest.routes["/"];
    expect(e?.gaps).toBe(3);
    expect(e?.size).toBe(new TextEncoder().encode(body.replaceAll(TOKEN, "")).length);
    expect(await served(result, "/", TOKEN)).toBe(body);
    expect(await served(result, "/", "https://h.example")).toBe(body.replaceAll(TOKEN, "https://h.example"));
    expect(await served(result, null, "https://h.example")).toBe("not found");
  });

  it.each(["bundle", "assets"] as const)("%s: no cuts with a configured origin", async (storage) => {
    const body = `<a href="https://site.example/x">https://origin.invalid</a>`;
    const result = emit([route("/", body)], NF, {
      origin: "https://site.example",
      originToken: TOKEN,
      storage,
    });
    expect(result.manifest.routes["/"]?.gaps).toBe(0);
    expect(await served(result, "/", "https://other.example")).toBe(body);
  });

  it("computes strong ETags, IMF-fixdate and default Cache-Control by kind", () => {
    const routes: RenderedRoute[] = [
      route("/", "home"),
      route("/feed.xml", "<rss/>", { kind: "feed", type: "application/rss+xml; charset=utf-8" }),
      route("/opml.xml", "<opml/>", { kind: "opml", type: "text/x-opml; charset=utf-8" }),
      route("/api/tags", "{}", { kind: "json", type: "application/json; charset=utf-8" }),
      route("/a.css", "x", {
        kind: "asset",
        type: "text/css; charset=utf-8",
        cacheControl: "public, max-age=31536000, immutable",
      }),
    ];
    const { manifest } = emit(routes, NF, { origin: null, originToken: TOKEN });
    const feed = "public, max-age=300, stale-while-revalidate=86400";
    expect(manifest.routes["/"]?.cacheControl).toBe("public, max-age=300");
    expect(manifest.routes["/feed.xml"]?.cacheControl).toBe(feed);
    expect(manifest.routes["/opml.xml"]?.cacheControl).toBe(feed);
    expect(manifest.routes["/api/tags"]?.cacheControl).toBe(feed);
    expect(manifest.routes["/a.css"]?.cacheControl).toBe("public, max-age=31536000, immutable");
    expect(manifest.routes["/"]?.lastModified).toBe("Sun, 01 Mar 2026 10:00:00 GMT");
    expect(manifest.routes["/"]?.etag).toBe(strongEtag(new TextEncoder().encode("home")));
    expect(manifest.routes["/"]?.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(manifest.notFound.status).toBe(404);
    expect(manifest.routes["/"]?.status).toBeUndefined();
  });

  it("known SHA-256 prefix (sha256('abc') = ba7816bf8f01cfea414140de5dae2223...)", () => {
    expect(strongEtag(new TextEncoder().encode("abc"))).toBe(
      `"${Buffer.from("ba7816bf8f01cfea414140de5dae2223", "hex").toString("base64url")}"`,
    );
  });

  it.each([
    ["duplicate path", [route("/a", "1"), route("/a", "2")], /duplicate route path "\/a"/],
    ["relative path", [route("a", "1")], /must start with "\/"/],
    ["bad date", [route("/a", "1", { lastModified: "yesterday" })], /route \/a: lastModified "yesterday"/],
    ["no charset", [route("/a", "1", { type: "text/html" })], /charset=utf-8/],
    [
      "asset without cacheControl",
      [route("/a", "1", { kind: "asset", type: "image/png" })],
      /explicit cacheControl/,
    ],
  ])("throws on %s", (_name, routes, message) => {
    expect(() => emit(routes, NF, { origin: null, originToken: TOKEN })).toThrow(message);
  });

  it("is deterministic regardless of route order; buildId changes with any byte", () => {
    const routes = [
      route("/b", `b ${TOKEN}`),
      route("/a", "a"),
      route("/c", "c", { link: `<${TOKEN}/x>; rel="alternate"` }),
    ];
    const one = emit(routes, NF, { origin: null, originToken: TOKEN });
    const two = emit([...routes].reverse(), NF, { origin: null, originToken: TOKEN });
    expect(JSON.stringify(two.manifest)).toBe(JSON.stringify(one.manifest));
    expect(Buffer.from(two.blob).equals(Buffer.from(one.blob))).toBe(true);
    expect(Buffer.from(two.table).equals(Buffer.from(one.table))).toBe(true);
    expect(Object.keys(one.manifest.routes)).toEqual(["/a", "/b", "/c"]);
    const three = emit([...routes, route("/d", "d")], NF, { origin: null, originToken: TOKEN });
    expect(three.manifest.buildId).not.toBe(one.manifest.buildId);
    const four = emit(
      routes.map((r) => (r.path === "/a" ? { ...r, cacheControl: "no-cache" } : r)),
      NF,
      { origin: null, originToken: TOKEN },
    );
    expect(four.manifest.buildId).not.toBe(one.manifest.buildId);
  });

  it("packs the API index: aligned uint32 postings, segmented summaries", () => {
    const { manifest, blob } = fixtureEmit();
    const api = manifest.api;
    expect(api).toBeDefined();
    if (!api) return;
    expect(api.count).toBe(api.ids.length);
    expect([...api.vocabulary].sort()).toEqual(api.vocabulary);
    const offsets = postingOffsets(api);
    expect(offsets.length).toBe(api.vocabulary.length + 1);
    for (let i = 0; i < api.vocabulary.length; i++) {
      const off = offsets[i] ?? 0;
      expect(off % 4).toBe(0);
      const view = new DataView(blob.buffer, blob.byteOffset + off, (api.postingCounts[i] ?? 0) * 4);
      for (let k = 0; k < view.byteLength / 4; k++)
        expect(view.getUint32(k * 4, true)).toBeLessThan(api.count);
    }
    const pairs = api.summaries[0] ?? [];
    const pieces: string[] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const off = pairs[i] ?? 0;
      pieces.push(new TextDecoder().decode(blob.subarray(off, off + (pairs[i + 1] ?? 0))));
    }
    const first = JSON.parse(pieces.join("https://x.example")) as {
      url: string;
      id: string;
    };
    expect(first.id).toBe(api.ids[0]);
    expect(first.url.startsWith("https://x.example/articles/")).toBe(true);
    expect(FIXTURE_TOKEN).toBe(manifest.originToken);
  });

  it("writeGenerated writes every file; assets/ always exists and never keeps stale files", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "emit-")), "out");
    const assets = emit([route("/", "hi")], NF, { origin: null, originToken: TOKEN, storage: "assets" });
    writeGenerated(dir, assets);
    expect(readdirSync(join(dir, "assets", "gzip"))).toEqual(["0.bin"]);
    const result = emit([route("/", "hi")], NF, { origin: null, originToken: TOKEN });
    writeGenerated(dir, result);
    expect(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"))).toEqual(result.manifest);
    expect(JSON.parse(readFileSync(join(dir, "worker.json"), "utf8"))).toEqual(result.worker);
    expect(readFileSync(join(dir, "bodies.bin")).equals(Buffer.from(result.blob))).toBe(true);
    expect(readFileSync(join(dir, "routes.bin")).equals(Buffer.from(result.table))).toBe(true);
    expect(readdirSync(join(dir, "assets"))).toEqual(["placeholder.txt"]);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
  });
});

describe("toImfFixdate", () => {
  it.each([
    ["2026-03-01T10:00:00Z", "Sun, 01 Mar 2026 10:00:00 GMT"],
    ["2026-03-01T10:00:00+02:00", "Sun, 01 Mar 2026 08:00:00 GMT"],
    ["2026-03-01", "Sun, 01 Mar 2026 00:00:00 GMT"],
  ])("%s -> %s", (input, out) => {
    expect(toImfFixdate(input, "x")).toBe(out);
  });
  it.each(["", "Sun, 01 Mar 2026", "2026-13-45"])("rejects %j", (input) => {
    expect(() => toImfFixdate(input, "x")).toThrow(/not an RFC 3339 date/);
  });
});
