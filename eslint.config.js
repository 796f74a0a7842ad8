import js from "@eslint/js";
import convexPlugin from "@convex-dev/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/.turbo/**",
      "**/_generated/**",
      "**/.pack-check/**",
      "**/coverage/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        URL: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "always"],
      "no-console": "off",
    },
  },
  {
    // Convex functions: apps keep them in convex/, components in src/component/.
    ...convexPlugin.configs.recommended[0],
    files: ["**/convex/**/*.ts", "**/src/component/**/*.ts"],
    rules: {
      ...convexPlugin.configs.recommended[0].rules,
      // Tables grow without bound: every read goes through an index range.
      "@convex-dev/no-filter-in-query": "error",
    },
  },
);
