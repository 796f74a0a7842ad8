import { defineConfig } from "vitest/config";

// `pnpm bench` only: the benchmark is not part of `pnpm test` (vitest.config.ts).
export default defineConfig({
  test: {
    include: ["bench/**/*.bench.ts"],
    environment: "edge-runtime",
    server: {
      deps: { inline: ["convex-test", "@convex-dev/workpool", "@convex-dev/batch-worker"] },
    },
    // The figures go straight to the terminal, not into vitest's per-test log blocks.
    disableConsoleIntercept: true,
    testTimeout: 300_000,
  },
});
