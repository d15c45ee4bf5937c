import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiFixture } from "../../support/api-fixture";

describe("the API index fixture of the workerd tests", () => {
  it("is what the emitter writes today (else: npx tsx scripts/dev/api-fixture.ts)", () => {
    const stored = JSON.parse(readFileSync("tests/fixtures/api-index/site.json", "utf8"));
    const now = apiFixture();
    expect(stored).toEqual(now);
    expect(Object.keys(now.files)).toContain("/api-index/core.bin");
    expect(Object.keys(now.files)).toContain("/api-index/terms.bin");
  });
});
