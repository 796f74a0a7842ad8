import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.steps.ts", "**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    // Specs that run Convex components under convex-test choose the edge runtime per file
    // (`// @vitest-environment edge-runtime`, or happy-dom where a React hook renders too);
    // convex-test, and the `./test` entries of the rate limiter, the workflow, the workpool and
    // the action retrier (TypeScript source), must then go through vite.
    server: {
      deps: {
        inline: [
          "convex-test",
          "@convex-dev/rate-limiter",
          "@convex-dev/batch-worker",
          "@convex-dev/workflow",
          "@convex-dev/workpool",
          "@convex-dev/action-retrier",
        ],
      },
    },
    // Workpool and workflow log a JSON line per job and step, the action retrier a line per run,
    // and the saga and durability specs make steps and calls fail on purpose (their errors, the
    // injected faults); the specs read the persisted outcomes instead.
    onConsoleLog: (log) =>
      !(
        /"event":"|INSUFFICIENT_STOCK|PAYMENT_DECLINED|NO_CARRIER|REFUNDS_SUSPENDED|SAGA_COMPENSATION_FAILED|payment gateway unreachable/.test(
          log,
        ) ||
        log.includes("(injected fault)") ||
        log.includes("DCB_SCOPE_CONFLICT") ||
        log.includes("loop is not running") ||
        /\bRun [0-9a-z]+runs\b/.test(log)
      ),
    // Some steps run the repository's tools (npm pack of every package, installs, checks):
    // their time grows with the number of packages.
    testTimeout: 60_000,
  },
});
