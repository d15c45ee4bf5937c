// A small site in assets storage with its route table cut into several shards, for the workerd tests of
// shard reading (tests/worker/shards.test.ts), which cannot run the emitter themselves. Written by
// `npx tsx scripts/dev/shard-fixture.ts`; tests/pipeline/pack/shard-fixture.test.ts checks it is current.
import { emit } from "../../src/pipeline/pack/emit";
import { route } from "./routes";
import { FIXTURE_ORIGIN, FIXTURE_TOKEN, type ShardFixture } from "./shard-fixture-data";

export { FIXTURE_ORIGIN, type ShardFixture };

export function shardFixture(): ShardFixture {
  const routes = Array.from({ length: 40 }, (_, i) =>
    route(
      `/r/${i}`,
      `<p>Route ${i}: ${"lorem ipsum ".repeat(i % 7)}<a href="${FIXTURE_TOKEN}/r/${i}">self</a></p>`,
    ),
  );
  const notFound = route("/404", "<p>Not here.</p>", { status: 404 });
  const result = emit(routes, notFound, {
    origin: null,
    originToken: FIXTURE_TOKEN,
    storage: "assets",
    shardTarget: 1024,
  });
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
  const layout = result.worker.files;
  if (!layout) throw new Error("shard fixture: not in assets storage");
  return {
    directory: b64(result.table),
    files: Object.fromEntries(result.files.map((f) => [f.path, b64(f.bytes)])),
    layout,
    routes: Object.fromEntries(
      routes.map((r) => [
        r.path,
        {
          etag: result.manifest.routes[r.path]?.etag ?? "",
          body: r.body.replaceAll(FIXTURE_TOKEN, FIXTURE_ORIGIN),
        },
      ]),
    ),
    notFound: result.manifest.notFound.etag,
  };
}
