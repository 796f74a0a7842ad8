import { defineConfig } from "vitest/config";

/** What running the app on convex-test needs, for the tests and the demo alike. */
export const embeddedRuntime = {
  // Workpool reports each job as a JSON log line, and its batch worker's watchdog says it
  // restarts its loop whenever fake timers jump ahead; the tests read the outcomes instead.
  // A fulfilment saga step that refuses (an order cancelled before its saga ran, a reservation
  // that expired) throws for the saga to compensate, and the Workpool prints the error; the saga
  // records the outcome, which the tests and the demo read.
  onConsoleLog: (log: string) =>
    !log.includes('"event":"report"') &&
    !log.startsWith("[monitor]") &&
    !(
      log.includes('ConvexError: {"code":') &&
      (log.includes("the fulfilment saga fulfils submitted orders only") ||
        (log.includes("was rejected") && log.includes("command orderFulfillment:")))
    ),
  // The app's structured logs (one JSON line per command) stay out of the output.
  env: { LOG_LEVEL: "ERROR" },
  // convex-test and the components' `./test` entries (TypeScript source with
  // import.meta.glob) must go through vite.
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
};

export default defineConfig({
  test: {
    include: ["tests/**/*.steps.ts", "tests/**/*.test.ts"],
    ...embeddedRuntime,
    // Whole-app scenarios run many transactions on convex-test; turbo runs packages side by side.
    testTimeout: 60_000,
  },
});
