#!/usr/bin/env node
// `pnpm demo` (and `npm start` from the repository root): runs scripts/demo.ts on the embedded
// runtime. convex-test, the components' `./test` entries (import.meta.glob) and the fake timers
// the Workpool runs on need vite and vitest, so the demo runs through vitest's runner with a
// reporter that prints only the story, or its failure. `--json` prints the report as JSON.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startVitest } from "vitest/node";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const json = process.argv.includes("--json");
const started = Date.now();

/** Prints nothing but failures: the story writes its own output. */
const storyOnly = {
  onTestCaseResult(testCase) {
    const result = testCase.result();
    if (result.state !== "failed") return;
    for (const error of result.errors ?? []) {
      process.stderr.write(`demo failed: ${error.stack ?? error.message}\n`);
    }
  },
  onTestRunEnd(_modules, unhandledErrors) {
    for (const error of unhandledErrors) {
      process.stderr.write(`demo failed: ${error.stack ?? error.message}\n`);
    }
  },
};

const vitest = await startVitest(
  "test",
  [],
  {
    root,
    config: "vitest.demo.config.ts",
    run: true,
    watch: false,
    reporters: [storyOnly],
    provide: { demoFormat: json ? "json" : "text" },
  },
  {},
);
await vitest?.close();
if (!json && process.exitCode !== 1) {
  process.stdout.write(`\nThe story ran in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}
