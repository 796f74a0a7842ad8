// The demo (scripts/demo.ts) runs under vitest like the tests: see scripts/runDemo.mjs.
import { defineConfig } from "vitest/config";
import { embeddedRuntime } from "./vitest.config.js";

export default defineConfig({
  test: {
    include: ["scripts/demo.ts"],
    ...embeddedRuntime,
    provide: { demoFormat: "text" },
  },
});
