#!/usr/bin/env node
// Enforces the layer rules of DESIGN.md over every .ts/.tsx/.mts/.cts/.js/.jsx/.mjs/.cjs file of
// the workspace packages under packages/ and examples/ (node_modules, dist and _generated are
// skipped; specs/ and scripts/ are tooling and not checked). Packages come from
// pnpm-workspace.yaml and roles from names and metadata (the names are the constants at the top
// of checks/layers.mjs; a component is any package with src/component/convex.config.ts; an
// example is any package under examples/), so a new package is checked without editing this file.
//
//   node scripts/check-layers.mjs [--root <workspace>]   (or CONVEX_ES_ROOT=<workspace>)
//
// Imports are read from the TypeScript AST: `import`, `import type`, inline `type` specifiers,
// `export ... from`, `import x = require()`, dynamic `import()`, `require()` and type-level
// `import("x")`. Rules (the id is printed with each violation):
//
// layer-0-self-contained  @convex-es/platform-fsm and @convex-es/platform-decider: source files
//   import only their own modules, by relative path. No package at all (no convex, no zod, no
//   @convex-es/*), no Node built-ins, no import of the package by its own name.
//   Tests (tests/, test/, __tests__/, __mocks__/, bench/, benchmarks/, *.test.*, *.spec.*,
//   *.steps.*, *.bench.*, and config files at the package root such as vitest.config.ts) may
//   also import vitest, @amiceli/vitest-cucumber, `node:` built-ins (with the prefix) and the
//   package itself by name through its exports map (to test the public surface). `src/testing/`
//   is published code, not a test: the testing DSL throws plain errors, it does not import vitest.
// bc-allowed-imports / bc-convex-types-only  @convex-es/platform-bc: zod, the layer-0 packages,
//   and convex only in type positions (`import type`, `import { type A, type B }` where every
//   specifier is a type, `export type ... from`, `import("convex/...")` types). A value import of
//   convex, any other package (even as a type) or a Node built-in outside tests is a violation;
//   tests get the same allowances as layer 0.
// component-no-core  a package with src/component/convex.config.ts never imports
//   @convex-es/platform-core (not even types).
// no-examples-import  nothing imports a package under examples/, by name or by relative path.
// no-cross-package-relative-import  a relative import resolves inside its own package directory.
// import-through-exports  a workspace package is imported by name through a subpath its
//   `exports` map has (`@convex-es/platform-decider/testing`, not `.../src/x` or `.../dist/x`).
// declared-dependency  every imported package (workspace or not) is declared in the importer's
//   dependencies, peerDependencies, optionalDependencies or devDependencies (a type-only import
//   may be covered by @types/<name>); and published source (not tests) of a non-private package
//   does not import at run time a package that is only a devDependency.
// package-metadata  every non-private package has an `exports` map, `files` including "dist",
//   `"type": "module"` and a `build` script.
//
// Exit code: 0 when clean, 1 on violations, 2 on a usage error.
import { runCheckLayers } from "./checks/layers.mjs";
import { parseArgs, UsageError } from "./checks/workspace.mjs";

try {
  const { root } = parseArgs(process.argv.slice(2), []);
  const { exitCode, report } = runCheckLayers(root);
  console.log(report);
  process.exitCode = exitCode;
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`check-layers: ${error.message}`);
  process.exitCode = 2;
}
