// `pnpm bench`: runs every benchmark section on the embedded runtime (convex-test) and prints
// its figures. It is a vitest file only because convex-test needs vite (edge runtime, module
// maps); it asserts no timing, and `pnpm test` does not run it (vitest.bench.config.ts).
import { test } from "vitest";
import { benchSections } from "./sections.js";

test("platform-core benchmark", async () => {
  console.log(`platform-core benchmark on convex-test, Node ${process.version}`);
  for (const section of benchSections) {
    const lines = await section.run();
    console.log(`\n${section.title}\n${lines.map((line) => `  ${line}`).join("\n")}`);
  }
});
