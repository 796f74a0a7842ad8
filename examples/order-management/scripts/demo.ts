// @vitest-environment edge-runtime
// `npm start` runs this file through vitest (scripts/runDemo.mjs): convex-test and the
// components' test entries need vite (import.meta.glob), and the Workpool runs on fake timers.
import { inject, test, vi } from "vitest";
import { formatReport } from "./demo/print.js";
import { runStory } from "./demo/story.js";

declare module "vitest" {
  export interface ProvidedContext {
    demoFormat: "text" | "json";
  }
}

test("the order-management story", async () => {
  vi.useFakeTimers();
  const report = await runStory();
  const text =
    inject("demoFormat") === "json" ? JSON.stringify(report, null, 2) : formatReport(report);
  // Straight to stdout: the demo's reporter prints nothing of vitest's own.
  process.stdout.write(`${text}\n`);
}, 60_000);
