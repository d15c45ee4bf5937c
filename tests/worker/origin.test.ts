import { describe, expect, it } from "vitest";
import { firstPath, get, manifest } from "./support";

const HOSTS = ["https://news.example.org", "http://localhost:8787"];

describe.skipIf(manifest.origin !== null)("request origin substitution", () => {
  const paths = [
    firstPath("feed"),
    firstPath("html"),
    firstPath("json"),
    "/api/articles?limit=3",
    "/no/such/page",
  ];

  it.each(paths)("%s: each Host gets its own origin in the body, Link and ETag", async (path) => {
    const [a, b] = await Promise.all(HOSTS.map((h) => get(path, {}, h)));
    const [ta, tb] = [await a?.text(), await b?.text()];
    expect(ta).toContain(HOSTS[0]);
    expect(ta).not.toContain(HOSTS[1]);
    expect(tb).toContain(HOSTS[1]);
    expect(tb).not.toContain(HOSTS[0]);
    for (const t of [ta, tb]) expect(t).not.toContain(manifest.originToken);
    const link = a?.headers.get("link");
    if (link) expect(link).toContain(HOSTS[0]);
    if (a?.status === 200) {
      expect(a?.headers.get("etag")).not.toBe(b?.headers.get("etag"));
      // An ETag issued for one origin never validates the other's bytes.
      const cross = await get(path, { headers: { "If-None-Match": a?.headers.get("etag") ?? "" } }, HOSTS[1]);
      expect(cross.status).toBe(200);
      const same = await get(path, { headers: { "If-None-Match": a?.headers.get("etag") ?? "" } }, HOSTS[0]);
      expect(same.status).toBe(304);
    }
  });

  it("alternating origins always serve the right bytes (memo keyed by origin)", async () => {
    const path = firstPath("feed");
    for (let i = 0; i < 6; i++) {
      const host = HOSTS[i % 2] ?? "";
      const body = await (await get(path, {}, host)).text();
      expect(body).toContain(host);
      expect(body).not.toContain(HOSTS[(i + 1) % 2] ?? "");
    }
  });

  it("a non-default port is part of the origin", async () => {
    const body = await (await get(firstPath("feed"), {}, "http://example.com:8080")).text();
    expect(body).toContain("http://example.com:8080");
    expect(body).not.toContain("http://example.com/");
    expect(body).toContain("http://example.com:8080/");
  });

  it("many distinct hosts keep working (hostile Host headers)", async () => {
    const path = firstPath("html");
    for (let i = 0; i < 50; i++) {
      const host = `http://h${i}.example`;
      const res = await get(path, {}, host);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(host);
    }
  });
});
