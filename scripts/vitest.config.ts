import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/fixtures/**"],
    // convex-test runs Convex functions; the edge runtime matches Convex's own.
    environment: "edge-runtime",
    server: { deps: { inline: ["convex-test"] } },
    // The type-check step runs tsc on the fixture app (a few seconds on two cores).
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
