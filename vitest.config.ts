import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Tests bound their work (fixed inputs, fixed property-run counts), never their time: the timeout is only
// a guard against a hang, far above what any test needs on a busy two-core machine, so it cannot flake.
const HANG_GUARD_MS = 600_000;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "pipeline",
          include: ["tests/pipeline/**/*.test.ts"],
          setupFiles: ["tests/support/fast-check-seed.ts"],
          environment: "node",
          testTimeout: HANG_GUARD_MS,
          hookTimeout: HANG_GUARD_MS,
        },
      },
      {
        test: {
          name: "fetch",
          include: ["tests/fetch/**/*.test.ts"],
          environment: "node",
          testTimeout: HANG_GUARD_MS,
          hookTimeout: HANG_GUARD_MS,
        },
      },
      {
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: {
          name: "worker",
          include: ["tests/worker/**/*.test.ts"],
          testTimeout: HANG_GUARD_MS,
          hookTimeout: HANG_GUARD_MS,
        },
      },
    ],
  },
});
