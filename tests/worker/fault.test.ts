import { afterEach, describe, expect, it, vi } from "vitest";
import { RouteTable } from "../../src/worker/table";
import { direct, firstPath } from "./support";

const SECRET = "forced-fault-7f3a";

afterEach(() => vi.restoreAllMocks());

describe("a fault inside the Worker", () => {
  const feed = firstPath("feed");
  // Each case breaks a different layer: the route table lookup (prerendered middleware), a record read
  // (the route handler), and a non-Error thrown (past Hono's onError, caught at the entry point).
  const cases: { name: string; breakIt: () => void; path: string; method?: string }[] = [
    {
      name: "the table lookup throws an Error",
      breakIt: () =>
        vi.spyOn(RouteTable.prototype, "find").mockImplementation(() => {
          throw new Error(SECRET);
        }),
      path: feed,
    },
    {
      name: "a record read throws an Error (HEAD)",
      breakIt: () =>
        vi.spyOn(RouteTable.prototype, "record").mockImplementation(() => {
          throw new Error(SECRET);
        }),
      path: feed,
      method: "HEAD",
    },
    {
      name: "a record read throws a non-Error",
      breakIt: () =>
        vi.spyOn(RouteTable.prototype, "record").mockImplementation(() => {
          throw SECRET;
        }),
      path: feed,
    },
    {
      name: "the 404 page's record read throws",
      breakIt: () =>
        vi.spyOn(RouteTable.prototype, "record").mockImplementation(() => {
          throw new TypeError(SECRET);
        }),
      path: "/no/such/page",
    },
  ];

  it.each(cases)("$name: 500, logged, no error text", async ({ breakIt, path, method }) => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    breakIt();
    const res = await direct(path, { method: method ?? "GET" });
    const body = await res.text();
    expect(res.status).toBe(500);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(body).not.toContain(SECRET);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.slice(1))).toContain(SECRET);
  });

  it("without the fault the same requests are served, and client faults stay 4xx", async () => {
    expect((await direct(feed)).status).toBe(200);
    expect((await direct("/no/such/page")).status).toBe(404);
    expect((await direct(feed, { method: "POST" })).status).toBe(405);
  });
});
