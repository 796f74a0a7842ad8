import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.steps.ts", "**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    // Specs that run Convex components under convex-test choose the edge runtime per file
    // (`// @vitest-environment edge-runtime`, or happy-dom where a React hook renders too);
    // convex-test, and the `./test` entries of the rate limiter, the workflow and the workpool
    // (TypeScript source), must then go through vite.
    server: {
      deps: {
        inline: [
          "convex-test",
          "@convex-dev/rate-limiter",
          "@convex-dev/batch-worker",
          "@convex-dev/workflow",
          "@convex-dev/workpool",
        ],
      },
    },
    // Workpool and workflow log a JSON line per job and step, and an error for each step the
    // saga specs make fail on purpose; the specs read the persisted outcomes instead.
    onConsoleLog: (log) =>
      !/"event":"|INSUFFICIENT_STOCK|PAYMENT_DECLINED|NO_CARRIER|REFUNDS_SUSPENDED|SAGA_COMPENSATION_FAILED|payment gateway unreachable/.test(
        log,
      ),
    // Some steps run the repository's tools (npm pack of every package, installs, checks):
    // their time grows with the number of packages.
    testTimeout: 60_000,
  },
});
