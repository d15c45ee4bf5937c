// The site icon's raster forms: /favicon.ico (an ICO of PNGs) and /assets/icon.png, served like every
// route (HEAD, 304, compression), referenced from every page, and the `<image>` of every RSS feed.
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { BASE, decodedBytes, decodedText, direct, get, manifest, pathsOf } from "./support";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (b: Uint8Array, prefix: number[], at = 0) => prefix.every((v, i) => b[at + i] === v);
const u32be = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at, false);
const u32le = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
const u16le = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint16(at, true);

/** Width and height of a PNG from its IHDR. */
function pngSize(b: Uint8Array): [number, number] {
  expect(startsWith(b, PNG_SIGNATURE)).toBe(true);
  return [u32be(b, 16), u32be(b, 20)];
}

describe("raster icons", () => {
  it("/assets/icon.png is a 64x64 PNG", async () => {
    const res = await get("/assets/icon.png", { headers: { "Accept-Encoding": "identity" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const bytes = await decodedBytes(res);
    expect(pngSize(bytes)).toEqual([64, 64]);
    expect(Number(res.headers.get("content-length") ?? bytes.length)).toBe(bytes.length);
  });

  it("/favicon.ico is an ICO holding 16 and 32 px PNGs", async () => {
    const res = await get("/favicon.ico", { headers: { "Accept-Encoding": "identity" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/vnd.microsoft.icon");
    const b = await decodedBytes(res);
    expect([u16le(b, 0), u16le(b, 2), u16le(b, 4)]).toEqual([0, 1, 2]);
    const sizes = [0, 1].map((i) => {
      const e = 6 + 16 * i;
      const [len, off] = [u32le(b, e + 8), u32le(b, e + 12)];
      expect(off + len).toBeLessThanOrEqual(b.length);
      const png = b.subarray(off, off + len);
      expect(pngSize(png)).toEqual([b[e], b[e + 1]]);
      return b[e];
    });
    expect(sizes).toEqual([16, 32]);
  });

  it.each(["/favicon.ico", "/assets/icon.png"])("%s: HEAD, 304, gzip; no brotli body", async (path) => {
    const identity = await decodedBytes(await get(path, { headers: { "Accept-Encoding": "identity" } }));
    const gz = await direct(path, { headers: { "Accept-Encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gz.headers.get("vary")).toBe("Accept-Encoding");
    expect(await decodedBytes(gz)).toEqual(identity);
    // Already compressed images get no brotli body (hasBrotliBody): a br-only client gets identity.
    const br = await direct(path, { headers: { "Accept-Encoding": "br" } });
    expect(br.headers.get("content-encoding")).toBeNull();
    expect(br.headers.get("vary")).toBe("Accept-Encoding");
    expect(await decodedBytes(br)).toEqual(identity);
    const head = await get(path, { method: "HEAD", headers: { "Accept-Encoding": "identity" } });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(identity.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const etag = head.headers.get("etag") ?? "";
    const again = await get(path, { headers: { "If-None-Match": etag, "Accept-Encoding": "identity" } });
    expect(again.status).toBe(304);
  });

  it("every HTML page links the SVG icon and its PNG fallback", async () => {
    const pages = [...pathsOf("html"), "/no/such/page"];
    for (const p of pages) {
      const html = await decodedText(await get(p));
      expect(html, p).toContain('<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">');
      expect(html, p).toContain('<link rel="icon" href="/assets/icon.png" type="image/png" sizes="64x64">');
    }
  });
});

describe("RSS <image>", () => {
  const rss = pathsOf("feed", (_p, e) => e.type.startsWith("application/rss+xml"));
  const parser = new XMLParser({ parseTagValue: false });

  it("the build has RSS feeds to check", () => expect(rss.length).toBeGreaterThan(3));

  it("every RSS feed (archives too) has <image> with url, title and link of its channel, 64x64", async () => {
    for (const p of rss) {
      const doc = parser.parse(await decodedText(await get(p))) as {
        rss: { channel: { title: string; link: string; image?: Record<string, string> } };
      };
      const ch = doc.rss.channel;
      expect(ch.image, p).toEqual({
        url: `${BASE}/assets/icon.png`,
        title: ch.title,
        link: ch.link,
        width: "64",
        height: "64",
      });
    }
    expect(manifest.routes["/assets/icon.png"]?.kind).toBe("asset");
  });
});
