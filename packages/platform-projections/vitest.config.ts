import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.steps.ts"],
    // convex-test runs the component's functions; the edge runtime matches Convex's own.
    environment: "edge-runtime",
    // Simulations and convex-test runs are CPU-bound; turbo runs packages side by side on 2 cores.
    testTimeout: 60_000,
    server: { deps: { inline: ["convex-test"] } },
  },
});
