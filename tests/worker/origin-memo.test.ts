// The request's origin in bodies (issue 11): only origins that need no escaping are spliced (anything
// else is a 400, tested by calling the handler directly, since today's runtime already blocks such
// Hosts), and the joined bodies of several origins share one byte budget: a site on a few hostnames
// keeps them all memoized, and any number of hostile Hosts stays within the budget.
import { describe, expect, it } from "vitest";
import { handle } from "../../src/worker/index";
import { isSafeOrigin, OriginJoiner } from "../../src/worker/origin";
import { firstPath, manifest } from "./support";

/** A Request whose URL holds a host the runtime's own URL parser may refuse to build a Request with. */
function requestFor(url: string): Request {
  try {
    return new Request(url);
  } catch {
    return { method: "GET", url, headers: new Headers() } as unknown as Request;
  }
}

describe("isSafeOrigin", () => {
  it.each([
    ["https://news.example.org", true],
    ["http://localhost:8787", true],
    ["http://127.0.0.1:8080", true],
    ["http://[::1]:8787", true],
    ["https://xn--n-nga1b.example", true],
    ["http://my_host.example.", true],
    ['http://a"b', false],
    ["http://a&b", false],
    ["http://a'b", false],
    ["http://a<b", false],
    ["http://a$b", false],
    ["http://a;b", false],
    ["http://a b", false],
    ["http://A.example", false],
    ["ftp://a.example", false],
    ["null", false],
    [`http://${"a".repeat(400)}`, false],
  ])("%s -> %s", (origin, safe) => {
    expect(isSafeOrigin(origin)).toBe(safe);
  });
});

describe.skipIf(manifest.origin !== null)("hosts that would need escaping", () => {
  const paths = [firstPath("feed"), firstPath("html"), "/api/articles?limit=1", "/no/such/page"];
  const hosts = ['a"b', "a&b", "a'b", "a$b", "a;b"];

  it.each(hosts)("Host %s is a 400 on every route, its text never echoed", async (host) => {
    for (const path of paths) {
      const res = await handle(requestFor(`http://${host}${path}`));
      expect(res.status, `${host} ${path}`).toBe(400);
      const body = await res.text();
      expect(body).not.toContain(host);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("a plain Host on the same routes is still served", async () => {
    for (const path of paths.slice(0, 3)) {
      const res = await handle(requestFor(`http://a-b.example${path}`));
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain("http://a-b.example");
    }
  });
});

describe("memo across origins", () => {
  const TOKEN = "https://origin-token.invalid";
  it("API summaries: two origins alternate from the memo, many stay bounded", () => {
    const blob = new TextEncoder().encode(`{"url":"/x"}`);
    const joiner = new OriginJoiner(blob, null, TOKEN);
    const segments = [0, 8, 8, 4];
    const a = joiner.body(0, segments, "https://a.example");
    const b = joiner.body(0, segments, "https://b.example");
    expect(new TextDecoder().decode(a)).toBe(`{"url":"https://a.example/x"}`);
    for (let i = 0; i < 10; i++) {
      expect(joiner.body(0, segments, "https://a.example")).toBe(a);
      expect(joiner.body(0, segments, "https://b.example")).toBe(b);
    }
    for (let i = 0; i < 20_000; i++) joiner.body(i % 50, segments, `https://h${i}.example`);
    expect(joiner.memoBytes).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(joiner.memoBytes).toBeGreaterThan(0);
  });
});
