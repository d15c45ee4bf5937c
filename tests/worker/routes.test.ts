import { describe, expect, it } from "vitest";
import { BASE, firstPath, get, manifest, pathsOf, tagSlugs } from "./support";

const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

describe("every canonical route", () => {
  const all = Object.keys(manifest.routes).sort();

  it("has routes of every kind the site needs", () => {
    for (const kind of ["feed", "html", "json", "opml"] as const)
      expect(pathsOf(kind).length).toBeGreaterThan(0);
  });

  it.each(all)("GET %s: status, exact type, validators, cache, nosniff", async (path) => {
    const e = manifest.routes[path];
    const res = await get(path);
    expect(res.status).toBe(e?.status ?? 200);
    expect(res.headers.get("content-type")).toBe(e?.type);
    // Text says its charset; images (the raster icons) have none.
    if (!e?.type.startsWith("image/png") && !e?.type.startsWith("image/vnd.microsoft.icon"))
      expect(res.headers.get("content-type")).toMatch(/charset=utf-8$/i);
    expect(res.headers.get("etag")).toMatch(/^"[^"]+"$/);
    expect(res.headers.get("last-modified")).toBe(e?.lastModified);
    expect(res.headers.get("cache-control")).toBe(e?.cacheControl);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = await res.text();
    expect(body.length).toBeGreaterThan(0);
    if (manifest.origin === null) {
      expect(body).not.toContain(manifest.originToken);
      expect(res.headers.get("link") ?? "").not.toContain(manifest.originToken);
    }
  });
});

describe("headers by kind", () => {
  it.each([
    ["feed", true, false],
    ["opml", true, false],
    ["json", true, false],
    ["html", false, true],
  ] as const)("%s: CORS %s, HTML security headers %s", async (kind, cors, html) => {
    const res = await get(firstPath(kind));
    expect(res.headers.get("access-control-allow-origin")).toBe(cors ? "*" : null);
    expect(res.headers.get("access-control-expose-headers")).toBe(cors ? "ETag, Last-Modified, Link" : null);
    expect(res.headers.get("content-security-policy")).toBe(html ? CSP : null);
    expect(res.headers.get("referrer-policy")).toBe(html ? "strict-origin-when-cross-origin" : null);
  });

  it("main feeds carry exact content types and a Link to the other formats", async () => {
    const types: Record<string, string> = {
      "/feed.xml": "application/rss+xml; charset=utf-8",
      "/atom.xml": "application/atom+xml; charset=utf-8",
      "/feed.json": "application/feed+json; charset=utf-8",
    };
    for (const [path, type] of Object.entries(types)) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      if (manifest.routes[path]?.link) expect(res.headers.get("link")).toMatch(/^<http:\/\/example\.com\//);
    }
  });

  it("every tag has a page and three feeds", async () => {
    for (const slug of tagSlugs()) {
      for (const p of ["", "/feed.xml", "/atom.xml", "/feed.json"]) {
        expect((await get(`/tags/${slug}${p}`)).status, `/tags/${slug}${p}`).toBe(200);
      }
    }
  });
});

describe("HEAD", () => {
  it.each([firstPath("feed"), firstPath("html"), firstPath("json"), "/api/articles", "/no/such/page"])(
    "HEAD %s: same status and headers as GET, no body",
    async (path) => {
      const g = await get(path);
      const gBody = new Uint8Array(await g.arrayBuffer());
      const h = await get(path, { method: "HEAD" });
      expect(h.status).toBe(g.status);
      const names = [...new Set([...g.headers.keys(), ...h.headers.keys()])].filter(
        (n) => n !== "content-length",
      );
      for (const n of names) expect(h.headers.get(n), n).toBe(g.headers.get(n));
      expect(await h.text()).toBe("");
      const len = h.headers.get("content-length");
      if (len !== null) expect(Number(len)).toBe(gBody.length);
    },
  );
});

describe("methods", () => {
  it.each(["POST", "PUT", "DELETE", "PATCH", "PROPFIND", "TRACE"])("%s -> 405 with Allow", async (method) => {
    const res = await get("/feed.xml", { method });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  it.each(["/feed.xml", "/api/articles", "/nowhere"])("OPTIONS %s -> 204 preflight", async (path) => {
    const res = await get(path, {
      method: "OPTIONS",
      headers: { Origin: "https://reader.example", "Access-Control-Request-Method": "GET" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/If-None-Match/);
    expect(await res.text()).toBe("");
  });
});

describe("canonical paths", () => {
  const tag = tagSlugs()[0] ?? "llama";
  it.each([
    [`/tags/${tag}/`, `/tags/${tag}`],
    [`/tags/${tag}//`, `/tags/${tag}`],
    [`/tags/${tag}/?x=1`, `/tags/${tag}?x=1`],
    ["/feed.xml/", "/feed.xml"],
    ["/api/articles/", "/api/articles"],
    ["/api/tags/", "/api/tags"],
  ])("%s -> 308 %s", async (from, to) => {
    const res = await get(from, { redirect: "manual" });
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe(to);
  });

  it("never redirects to a path we do not serve", async () => {
    const res = await get("//evil.example/", { redirect: "manual" });
    expect(res.status).toBe(404);
    expect(res.headers.get("location")).toBeNull();
  });

  it("query strings are ignored on feeds and pages", async () => {
    const a = await get("/feed.xml");
    const b = await get("/feed.xml?utm_source=x&foo=<b>");
    expect(b.status).toBe(200);
    expect(b.headers.get("etag")).toBe(a.headers.get("etag"));
    expect(await b.text()).toBe(await a.text());
  });
});

describe("not found", () => {
  it("unknown path -> the prerendered 404 page naming every tag", async () => {
    const res = await get("/no/such/page");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe(manifest.notFound.type);
    expect(res.headers.get("content-security-policy")).toBe(CSP);
    const body = await res.text();
    for (const slug of tagSlugs()) expect(body).toContain(`/tags/${slug}`);
  });

  it.each(["/api", "/api/nope", "/api/articles/no-such-article"])("%s -> 404 JSON error", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("not_found");
    expect(body.error.message).toMatch(/\/api\/articles/);
  });

  it("does not answer prototype property names", async () => {
    for (const p of ["/__proto__", "/constructor", "/toString", "/hasOwnProperty"]) {
      expect((await get(p)).status).toBe(404);
    }
  });
});

it("serves the same bytes through two requests (memo does not corrupt)", async () => {
  const p = firstPath("feed");
  const a = await (await get(p)).text();
  const b = await (await get(p)).text();
  expect(b).toBe(a);
  expect(BASE).toBe("http://example.com");
});
