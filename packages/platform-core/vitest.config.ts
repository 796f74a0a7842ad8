import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Workpool reports each job as a JSON log line; the tests read the outcomes instead.
    onConsoleLog: (log) => !log.includes('"event":"report"'),
    include: ["tests/**/*.test.ts", "tests/**/*.steps.ts"],
    // Pure code runs in Node. The rate limiter steps run the real @convex-dev/rate-limiter
    // component under convex-test and pick the edge runtime with a file comment; convex-test and
    // the component's `./test` entry (TypeScript source) must be transformed by vite.
    server: {
      deps: {
        inline: [
          "convex-test",
          "@convex-dev/rate-limiter",
          "@convex-dev/batch-worker",
          "@convex-dev/workpool",
        ],
      },
    },
  },
});
