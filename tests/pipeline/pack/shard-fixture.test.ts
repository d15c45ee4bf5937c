import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shardFixture } from "../../support/shard-fixture";

describe("the shard fixture of the workerd tests", () => {
  it("is what the emitter writes today (else: npx tsx scripts/dev/shard-fixture.ts)", () => {
    const stored = JSON.parse(readFileSync("tests/fixtures/shards/site.json", "utf8"));
    const now = shardFixture();
    expect(stored).toEqual(now);
    expect(Object.keys(now.files).filter((p) => p.startsWith("/routes/")).length).toBeGreaterThan(3);
  });
});
