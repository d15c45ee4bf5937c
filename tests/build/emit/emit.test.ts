import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emit, strongEtag, toImfFixdate, writeGenerated } from "../../../src/build/emit";
import type { RenderedRoute } from "../../../src/build/render/types";
import { FIXTURE_TOKEN, fixtureEmit } from "../../support/fixture-site";

const TOKEN = "https://origin.invalid";

function route(path: string, body: string, extra: Partial<RenderedRoute> = {}): RenderedRoute {
  return {
    path,
    body,
    type: "text/html; charset=utf-8",
    kind: "html",
    lastModified: "2026-03-01T10:00:00Z",
    ...extra,
  };
}
const NF = route("/404", "not found", { status: 404 });

function bytesOf(blob: Uint8Array, pairs: number[], gap: string): string {
  const parts: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    parts.push(new TextDecoder().decode(blob.subarray(pairs[i], (pairs[i] ?? 0) + (pairs[i + 1] ?? 0))));
  }
  return parts.join(gap);
}

describe("emit", () => {
  it("cuts bodies at every origin token when no origin is configured", () => {
    const body = `<a href="${TOKEN}/x">${TOKEN}</a>${TOKEN}`;
    const { manifest, blob } = emit([route("/", body)], NF, { origin: null, originToken: TOKEN });
    const e = manifest.routes["/"];
    expect(e?.body.length).toBe(8);
    expect(bytesOf(blob, e?.body ?? [], TOKEN)).toBe(body);
    expect(bytesOf(blob, e?.body ?? [], "https://h.example")).toBe(
      body.replaceAll(TOKEN, "https://h.example"),
    );
  });

  it("keeps one segment with a configured origin", () => {
    const body = `<a href="https://site.example/x">https://origin.invalid</a>`;
    const { manifest, blob } = emit([route("/", body)], NF, {
      origin: "https://site.example",
      originToken: TOKEN,
    });
    expect(manifest.routes["/"]?.body.length).toBe(2);
    expect(bytesOf(blob, manifest.routes["/"]?.body ?? [], "")).toBe(body);
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
    for (let i = 0; i < api.vocabulary.length; i++) {
      const off = api.postings[i * 2] ?? 0;
      expect(off % 4).toBe(0);
      const view = new DataView(blob.buffer, blob.byteOffset + off, (api.postings[i * 2 + 1] ?? 0) * 4);
      for (let k = 0; k < view.byteLength / 4; k++)
        expect(view.getUint32(k * 4, true)).toBeLessThan(api.count);
    }
    const first = JSON.parse(bytesOf(blob, api.summaries[0] ?? [], "https://x.example")) as {
      url: string;
      id: string;
    };
    expect(first.id).toBe(api.ids[0]);
    expect(first.url.startsWith("https://x.example/articles/")).toBe(true);
    expect(FIXTURE_TOKEN).toBe(manifest.originToken);
  });

  it("writeGenerated writes manifest.json and bodies.bin", () => {
    const dir = mkdtempSync(join(tmpdir(), "emit-"));
    const result = emit([route("/", "hi")], NF, { origin: null, originToken: TOKEN });
    writeGenerated(join(dir, "out"), result);
    expect(JSON.parse(readFileSync(join(dir, "out", "manifest.json"), "utf8"))).toEqual(result.manifest);
    expect(Buffer.from(readFileSync(join(dir, "out", "bodies.bin"))).equals(Buffer.from(result.blob))).toBe(
      true,
    );
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
