// Rewrites tests/fixtures/api-index/site.json (see tests/support/api-fixture.ts).
import { writeFileSync } from "node:fs";
import { apiFixture } from "../../tests/support/api-fixture";

writeFileSync("tests/fixtures/api-index/site.json", `${JSON.stringify(apiFixture(), null, 1)}\n`);
