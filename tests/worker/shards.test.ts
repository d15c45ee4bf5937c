// The route table in assets storage, read in workerd: shards are fetched on first use, shared between
// concurrent requests without any request awaiting another's unfinished read, and a missing shard is a
// BodyUnavailable (which the Worker answers 503 with Retry-After: see the Miniflare test in
// tests/pipeline/pack/storage-workerd.test.ts). The site is tests/fixtures/shards/site.json.
import { describe, expect, it } from "vitest";
import { EncodedBodies } from "../../src/worker/fragments";
import { openRoutes, RouteDirectory, ShardedRoutes } from "../../src/worker/shards";
import { BodyUnavailable, FileCache, type FileFetcher } from "../../src/worker/store";
import type { RouteView } from "../../src/worker/table";
import fixtureJson from "../fixtures/shards/site.json";
import { bytesOf, filesFetcher } from "../support/fixture-files";
import { FIXTURE_ORIGIN, type ShardFixture } from "../support/shard-fixture-data";

const fixture = fixtureJson as ShardFixture;

const directory = () => bytesOf(fixture.directory).buffer as ArrayBuffer;

/** One request's fetcher over the fixture's files; `hang` paths never answer. */
const fetcher = filesFetcher(fixture.files);

/** Polls without a real clock: the join wait is counted, never timed. */
const instant = () => Promise.resolve();

function fresh(joinWaitMs = 11_000) {
  const files = new FileCache(1 << 20, instant, joinWaitMs);
  return { files, routes: openRoutes(directory(), files) };
}

const paths = Object.keys(fixture.routes);

describe("route table shards (assets storage)", () => {
  it("the fixture has several shards, and routes.bin is their directory", () => {
    const dir = new RouteDirectory(directory());
    expect(dir.shards).toBeGreaterThan(3);
    expect(dir.count).toBe(paths.length);
    expect(fresh().routes).toBeInstanceOf(ShardedRoutes);
  });

  it("a cold shard is read once; then lookups of its routes need no I/O", async () => {
    const { routes } = fresh();
    const seen: string[] = [];
    const path = paths[3] ?? "";
    const first = routes.view([path], fetcher(seen));
    expect(first).toBeInstanceOf(Promise);
    const view = await first;
    const index = view.find(path);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(view.record(index).etag).toBe(fixture.routes[path]?.etag);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^\/routes\/\d+\.bin$/);
    const again = routes.view([path], fetcher(seen));
    expect(again).not.toBeInstanceOf(Promise);
    expect((again as RouteView).find(path)).toBe(index);
    expect(seen).toHaveLength(1);
  });

  it("every route is found with its ETag and body; indexes are unique; the 404 needs no shard", async () => {
    const { files, routes } = fresh();
    const bodies = new EncodedBodies(new Uint8Array(0), undefined, fixture.layout, files);
    const seen: string[] = [];
    const indexes = new Set<number>();
    for (const path of paths) {
      const view = await routes.view([path], fetcher(seen));
      const index = view.find(path);
      indexes.add(index);
      const rec = view.record(index);
      expect(rec.etag).toBe(fixture.routes[path]?.etag);
      const body = await bodies.load(rec, "identity", FIXTURE_ORIGIN, fetcher(seen));
      expect(new TextDecoder().decode(body)).toBe(fixture.routes[path]?.body);
    }
    expect(indexes.size).toBe(paths.length);
    const none = routes.view([], fetcher(seen)) as RouteView;
    expect(none.record(none.notFound).etag).toBe(fixture.notFound);
    expect(none.record(none.notFound).status).toBe(404);
    expect(none.find("/r/0")).toBe(-1);
  });

  it("an unknown path is -1 after reading its shard", async () => {
    const { routes } = fresh();
    const view = await routes.view(["/no/such/page"], fetcher([]));
    expect(view.find("/no/such/page")).toBe(-1);
  });

  it("concurrent requests for one shard share one read", async () => {
    const { routes } = fresh();
    const seen: string[] = [];
    const path = paths[5] ?? "";
    const views = await Promise.all(Array.from({ length: 8 }, () => routes.view([path], fetcher(seen))));
    for (const v of views) expect(v.record(v.find(path)).etag).toBe(fixture.routes[path]?.etag);
    expect(seen).toHaveLength(1);
  });

  it("a request never awaits another request's unfinished read: it reads for itself", async () => {
    const { routes } = fresh(50);
    const path = paths[7] ?? "";
    const dir = new RouteDirectory(directory());
    const shard = `/routes/${dir.shardOfPath(path)}.bin`;
    const stuck: string[] = [];
    let stuckDone = false;
    const hung = Promise.resolve(routes.view([path], fetcher(stuck, new Set([shard])))).then(() => {
      stuckDone = true;
    });
    const seen: string[] = [];
    const view = await routes.view([path], fetcher(seen));
    expect(view.record(view.find(path)).etag).toBe(fixture.routes[path]?.etag);
    expect(seen).toEqual([shard]);
    expect(stuck).toEqual([shard]);
    expect(stuckDone).toBe(false);
    void hung;
  });

  it("a missing shard is a BodyUnavailable, and is read again on the next request", async () => {
    const { routes } = fresh();
    const path = paths[9] ?? "";
    const seen: string[] = [];
    const broken: FileFetcher = (p) => {
      seen.push(p);
      return Promise.resolve(null);
    };
    await expect(Promise.resolve(routes.view([path], broken))).rejects.toBeInstanceOf(BodyUnavailable);
    const view = await routes.view([path], fetcher(seen));
    expect(view.find(path)).toBeGreaterThanOrEqual(0);
    expect(seen).toHaveLength(2);
  });

  it("a damaged shard is a BodyUnavailable too", async () => {
    const { routes } = fresh();
    const garbage: FileFetcher = () => Promise.resolve(new Uint8Array([1, 2, 3, 4, 5]).buffer);
    await expect(Promise.resolve(routes.view([paths[0] ?? ""], garbage))).rejects.toBeInstanceOf(
      BodyUnavailable,
    );
  });

  it("shards are kept under their byte budget", async () => {
    const files = new FileCache(0, instant);
    const routes = new ShardedRoutes(new RouteDirectory(directory()), files, 4096);
    for (const path of paths) await routes.view([path], fetcher([]));
    expect(routes.memoBytes).toBeLessThanOrEqual(4096);
    expect(routes.memoBytes).toBeGreaterThan(0);
  });
});
