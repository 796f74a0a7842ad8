import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.steps.ts", "**/*.test.ts"],
    exclude: ["**/node_modules/**"],
  },
});
