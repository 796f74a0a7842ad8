import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.steps.ts"],
    // Workpool, workflow and action retrier runs under convex-test are CPU-bound; turbo runs
    // packages side by side on 2 cores.
    testTimeout: 60_000,
    // Pure code runs in Node. The rate limiter, orchestrator, saga and durability steps run real
    // Convex components under convex-test and pick the edge runtime with a file comment (the
    // React hook's steps pick happy-dom); convex-test and the components' `./test` entries
    // (TypeScript source) must be transformed by vite.
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
    // Workpool and workflow log a JSON line per job and step (workpool's "report" among them),
    // the action retrier a line per run, and an error for each step the saga scenarios, each
    // delivery the event bus scenarios and each call the durability scenarios make fail on
    // purpose (DELIVERY_FAILED, injected faults, DCB_SCOPE_CONFLICT: the records keep the
    // errors); Workpool's batch-worker watchdog says it restarts the loop when fake timers jump
    // past it. The tests read the persisted outcomes instead.
    onConsoleLog: (log) =>
      !(
        /"event":"|STEP_REFUSED|SAGA_COMPENSATION_FAILED|DELIVERY_FAILED|loop is not running/.test(
          log,
        ) ||
        log.includes("(injected fault)") ||
        log.includes("DCB_SCOPE_CONFLICT") ||
        /\bRun [0-9a-z]+runs\b/.test(log)
      ),
  },
});
