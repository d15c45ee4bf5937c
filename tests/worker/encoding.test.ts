import { describe, expect, it } from "vitest";
import { hasBrotliBody } from "../../src/shared/manifest";
import { negotiate, parseAcceptEncoding } from "../../src/worker/encoding";
import { decodedBytes, direct, manifest, REPEATED_ON_304 } from "./support";

const paths = Object.keys(manifest.routes).sort();
const brPaths = paths.filter((p) => {
  const e = manifest.routes[p];
  return e !== undefined && hasBrotliBody(e);
});

const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

/** Byte equality without a deep diff per element (vitest's toEqual on 30 KB arrays is slow). */
function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

describe("content codings in workerd", () => {
  it("every route: gzip decodes to the identity bytes, with Content-Encoding, Vary and its own ETag", async () => {
    for (const path of paths) {
      const plain = await direct(path);
      const gz = await direct(path, { headers: { "Accept-Encoding": "gzip" } });
      expect(plain.headers.get("content-encoding"), path).toBeNull();
      expect(plain.headers.get("vary"), path).toBe("Accept-Encoding");
      expect(gz.headers.get("content-encoding"), path).toBe("gzip");
      expect(gz.headers.get("vary"), path).toBe("Accept-Encoding");
      const etag = plain.headers.get("etag") ?? "";
      expect(gz.headers.get("etag"), path).toBe(`${etag.slice(0, -1)}-gz"`);
      expect(same(await decodedBytes(gz), await bytesOf(plain)), path).toBe(true);
    }
  });

  it("routes with a brotli body send it when preferred; it decodes to the identity bytes", async () => {
    expect(brPaths.length).toBeGreaterThan(0);
    for (const path of brPaths) {
      const plain = await direct(path);
      const br = await direct(path, { headers: { "Accept-Encoding": "gzip, deflate, br" } });
      expect(br.headers.get("content-encoding"), path).toBe("br");
      expect(br.headers.get("etag"), path).toBe(`${(plain.headers.get("etag") ?? "").slice(0, -1)}-br"`);
      // Brotli's stream header is never the identity body's first bytes; decoding: tests/pipeline/pack.
      const bytes = await bytesOf(br);
      expect(bytes.length, path).toBeGreaterThan(0);
      expect(same(bytes, await bytesOf(plain)), path).toBe(false);
    }
    // Routes that hold the request's origin have no brotli body: gzip instead.
    const gapped = paths.find((p) => (manifest.routes[p]?.gaps ?? 0) > 0) ?? "/feed.xml";
    const res = await direct(gapped, { headers: { "Accept-Encoding": "br, gzip" } });
    expect(res.headers.get("content-encoding")).toBe(manifest.routes[gapped]?.gaps ? "gzip" : "br");
  });

  it("identity when asked for, when absent, and when nothing acceptable is available", async () => {
    const path = "/feed.xml";
    const plain = await bytesOf(await direct(path));
    for (const ae of [null, "", "identity", "deflate", "gzip;q=0", "*;q=0", "compress, zstd"]) {
      const res = await direct(path, ae === null ? {} : { headers: { "Accept-Encoding": ae } });
      expect(res.status, String(ae)).toBe(200);
      expect(res.headers.get("content-encoding"), String(ae)).toBeNull();
      expect(same(await bytesOf(res), plain), String(ae)).toBe(true);
    }
  });

  it("If-None-Match is per coding: each coding's ETag matches only that coding", async () => {
    const path = "/atom.xml";
    const plain = await direct(path);
    const gz = await direct(path, { headers: { "Accept-Encoding": "gzip" } });
    const idTag = plain.headers.get("etag") ?? "";
    const gzTag = gz.headers.get("etag") ?? "";
    expect(gzTag).not.toBe(idTag);
    const cases: [string | null, string, number][] = [
      ["gzip", gzTag, 304],
      ["gzip", idTag, 200],
      [null, idTag, 304],
      [null, gzTag, 200],
      ["gzip", `${idTag}, ${gzTag}`, 304],
    ];
    for (const [ae, inm, status] of cases) {
      const headers: Record<string, string> = { "If-None-Match": inm };
      if (ae) headers["Accept-Encoding"] = ae;
      const res = await direct(path, { headers });
      expect(res.status, `${ae} ${inm}`).toBe(status);
      expect(res.headers.get("etag"), `${ae} ${inm}`).toBe(ae ? gzTag : idTag);
      if (status === 304) expect(await res.text()).toBe("");
    }
  });

  it("HEAD and 304 carry the GET's headers for each coding; HEAD's Content-Length is the coded length", async () => {
    for (const path of ["/feed.json", "/", paths.find((p) => p.startsWith("/articles/")) ?? "/"]) {
      for (const ae of ["gzip", "identity", ...(brPaths.includes(path) ? ["br"] : [])]) {
        const h = { "Accept-Encoding": ae };
        const full = await direct(path, { headers: h });
        const body = await bytesOf(full);
        const head = await direct(path, { method: "HEAD", headers: h });
        expect(await head.text()).toBe("");
        for (const name of ["content-type", "content-encoding", "etag", "vary", "cache-control", "link"]) {
          expect(head.headers.get(name), `${path} ${ae} HEAD ${name}`).toBe(full.headers.get(name));
        }
        expect(Number(head.headers.get("content-length")), `${path} ${ae}`).toBe(body.length);
        const not = await direct(path, {
          headers: { ...h, "If-None-Match": full.headers.get("etag") ?? "" },
        });
        expect(not.status).toBe(304);
        for (const name of [...REPEATED_ON_304, "content-encoding"]) {
          expect(not.headers.get(name), `${path} ${ae} 304 ${name}`).toBe(full.headers.get(name));
        }
      }
    }
  });

  it("follows the client's own header (cf.clientAcceptEncoding) over the one the platform sets", async () => {
    const headers = { "Accept-Encoding": "br, gzip" };
    const plain = await direct("/feed.xml", { headers, cf: { clientAcceptEncoding: "" } } as RequestInit);
    expect(plain.headers.get("content-encoding")).toBeNull();
    const gz = await direct("/feed.xml", { headers, cf: { clientAcceptEncoding: "gzip" } } as RequestInit);
    expect(gz.headers.get("content-encoding")).toBe("gzip");
  });

  it("the 404 page is precompressed too", async () => {
    const plain = await direct("/no/such/page");
    const gz = await direct("/no/such/page", { headers: { "Accept-Encoding": "gzip" } });
    expect(gz.status).toBe(404);
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(same(await decodedBytes(gz), await bytesOf(plain))).toBe(true);
  });
});

describe("Accept-Encoding negotiation (RFC 9110 §12.5.3)", () => {
  const cases: [string | null, boolean, string][] = [
    [null, true, "identity"],
    ["", true, "identity"],
    ["gzip", true, "gzip"],
    ["x-gzip", false, "gzip"],
    ["GZIP;Q=0.5", false, "gzip"],
    ["br", true, "br"],
    ["br", false, "identity"],
    ["gzip, br", true, "br"],
    ["gzip;q=1, br;q=0.5", true, "gzip"],
    ["br;q=0.5, gzip;q=0.5", true, "br"],
    ["*", true, "br"],
    ["*", false, "gzip"],
    ["*;q=0.5, identity", true, "identity"],
    ["gzip;q=0, br;q=0", true, "identity"],
    ["identity;q=0, gzip;q=0.1", false, "gzip"],
    ["identity;q=0", false, "identity"],
    ["gzip;q=bogus", false, "gzip"],
    ["deflate, compress", true, "identity"],
  ];
  it.each(cases)("%j (brotli body: %s) -> %s", (ae, hasBr, want) => {
    expect(negotiate(ae, hasBr)).toBe(want);
  });
  it("a q of 0 excludes and * covers what is not named", () => {
    expect(parseAcceptEncoding("*;q=0.3, gzip;q=0")).toEqual({ gzip: 0, br: 0.3, identity: 0.0001 });
    expect(parseAcceptEncoding("*;q=0")).toEqual({ gzip: 0, br: 0, identity: 0 });
  });
});
