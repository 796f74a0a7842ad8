import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.steps.ts"],
    // convex-test runs Convex functions; the edge runtime matches Convex's own.
    environment: "edge-runtime",
    server: { deps: { inline: ["convex-test"] } },
  },
});
