// Rewrites tests/fixtures/shards/site.json (see tests/support/shard-fixture.ts).
import { writeFileSync } from "node:fs";
import { shardFixture } from "../../tests/support/shard-fixture";

writeFileSync("tests/fixtures/shards/site.json", `${JSON.stringify(shardFixture(), null, 1)}\n`);
