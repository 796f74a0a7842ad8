// @vitest-environment node
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { classifySpecifier, isTestFile, RULES, runCheckLayers } from "./layers.mjs";
import { copyToTemp, FIXTURES, removeTemps, runScript } from "./test-helpers.js";

const OK = join(FIXTURES, "layers", "ok");
const VIOLATIONS = join(FIXTURES, "layers", "violations");

afterAll(removeTemps);

type Expected = { file: string; line: number; subject: string; rule: keyof typeof RULES };

// Each folder under fixtures/layers/violations is laid over the passing workspace; the run must
// report exactly these violations.
const cases: Record<string, Expected[]> = {
  "layer-0-imports-convex": [
    {
      file: "packages/platform-fsm/src/validator.ts",
      line: 1,
      subject: 'import "convex/values"',
      rule: "layer-0-self-contained",
    },
  ],
  "layer-0-imports-zod-types": [
    {
      file: "packages/platform-decider/src/schema.ts",
      line: 1,
      subject: 'import type "zod"',
      rule: "layer-0-self-contained",
    },
  ],
  "layer-0-imports-workspace-package": [
    {
      file: "packages/platform-decider/src/lifecycle.ts",
      line: 2,
      subject: 'export ... from "@convex-es/platform-fsm"',
      rule: "layer-0-self-contained",
    },
  ],
  "layer-0-node-builtin-in-source": [
    {
      file: "packages/platform-fsm/src/clock.ts",
      line: 1,
      subject: 'import "node:perf_hooks"',
      rule: "layer-0-self-contained",
    },
  ],
  "layer-0-test-imports-convex-test": [
    {
      file: "packages/platform-fsm/tests/convex.steps.ts",
      line: 2,
      subject: 'import "convex-test"',
      rule: "layer-0-self-contained",
    },
  ],
  "layer-0-dynamic-import": [
    {
      file: "packages/platform-decider/src/lazy.ts",
      line: 1,
      subject: 'import("zod")',
      rule: "layer-0-self-contained",
    },
  ],
  "bc-imports-convex-values": [
    {
      file: "packages/platform-bc/src/validators.ts",
      line: 1,
      subject: 'import "convex/values"',
      rule: "bc-convex-types-only",
    },
    {
      file: "packages/platform-bc/src/validators.ts",
      line: 4,
      subject: 'export ... from "convex/values"',
      rule: "bc-convex-types-only",
    },
  ],
  "bc-imports-other-package": [
    {
      file: "packages/platform-bc/src/harness.ts",
      line: 1,
      subject: 'import type "@convex-es/platform-store"',
      rule: "bc-allowed-imports",
    },
    {
      file: "packages/platform-bc/src/harness.ts",
      line: 2,
      subject: 'import "node:crypto"',
      rule: "bc-allowed-imports",
    },
  ],
  "component-imports-core": [
    {
      file: "packages/platform-store/src/client/orchestrator.ts",
      line: 2,
      subject: 'import type "@convex-es/platform-core"',
      rule: "component-no-core",
    },
  ],
  "imports-example-by-name": [
    {
      file: "packages/platform-core/src/demo.ts",
      line: 1,
      subject: 'import "@convex-es/example-order-management"',
      rule: "no-examples-import",
    },
  ],
  "imports-example-by-path": [
    {
      file: "packages/platform-core/src/demo.ts",
      line: 1,
      subject: 'import "../../../examples/order-management/convex/orders.js"',
      rule: "no-examples-import",
    },
  ],
  "relative-import-across-packages": [
    {
      file: "packages/platform-core/src/shortcut.ts",
      line: 1,
      subject: 'import "../../platform-decider/src/index.js"',
      rule: "no-cross-package-relative-import",
    },
  ],
  "subpath-not-exported": [
    {
      file: "packages/platform-core/src/deep.ts",
      line: 1,
      subject: 'import "@convex-es/platform-bc/src/index.js"',
      rule: "import-through-exports",
    },
    {
      file: "packages/platform-core/src/deep.ts",
      line: 2,
      subject: 'import "@convex-es/platform-core/features/internal/secret"',
      rule: "import-through-exports",
    },
  ],
  "undeclared-dependency": [
    {
      file: "packages/platform-core/src/fsm.ts",
      line: 1,
      subject: 'import "@convex-es/platform-fsm"',
      rule: "declared-dependency",
    },
    {
      file: "packages/platform-core/src/fsm.ts",
      line: 2,
      subject: 'import "zod"',
      rule: "declared-dependency",
    },
  ],
  "dev-dependency-at-run-time": [
    {
      file: "packages/platform-store/src/client/testing.ts",
      line: 2,
      subject: 'import "convex-test"',
      rule: "declared-dependency",
    },
  ],
  "package-metadata": [
    {
      file: "packages/platform-extra/package.json",
      line: 1,
      subject: 'field "exports"',
      rule: "package-metadata",
    },
    {
      file: "packages/platform-extra/package.json",
      line: 5,
      subject: 'field "files"',
      rule: "package-metadata",
    },
    {
      file: "packages/platform-extra/package.json",
      line: 8,
      subject: 'field "type"',
      rule: "package-metadata",
    },
    {
      file: "packages/platform-extra/package.json",
      line: 9,
      subject: 'field "scripts"',
      rule: "package-metadata",
    },
  ],
};

describe("check-layers", () => {
  it("passes on a workspace that keeps every rule", () => {
    const { code, output } = runScript("check-layers.mjs", ["--root", OK]);
    expect(output).toContain("6 packages");
    expect(output).toContain("✓ layer rules hold");
    expect(code).toBe(0);
  });

  it("has an expectation for every violation fixture", () => {
    expect(readdirSync(VIOLATIONS).sort()).toEqual(Object.keys(cases).sort());
  });

  // The report and exit code come from runCheckLayers, which the script prints as is; running
  // it in process keeps this suite fast (each node process spends ~0.5 s loading TypeScript).
  it.each(Object.entries(cases))(
    "%s: fails naming the file, the import and the rule",
    (name, expected) => {
      const root = copyToTemp(OK, join(VIOLATIONS, name));
      const { exitCode, report } = runCheckLayers(root);
      expect(exitCode).toBe(1);
      const reported = report.split("\n").filter((line) => line.includes(" breaks "));
      expect(reported).toHaveLength(expected.length);
      for (const { file, line, subject, rule } of expected) {
        expect(report).toContain(`${file}:${line}: ${subject} breaks ${rule}: `);
        expect(report).toContain(`  ${rule} (`);
        expect(report).toContain(RULES[rule]);
      }
      expect(report).toContain(`✗ ${expected.length} layer violation`);
    },
  );

  it("exits 1 from the command line, with the report on stdout", () => {
    const root = copyToTemp(OK, join(VIOLATIONS, "layer-0-imports-convex"));
    const { code, output } = runScript("check-layers.mjs", [], { CONVEX_ES_ROOT: root });
    expect(code).toBe(1);
    expect(output).toContain(
      'packages/platform-fsm/src/validator.ts:1: import "convex/values" breaks layer-0-self-contained: ',
    );
  });

  it("rejects unknown arguments", () => {
    const { code, output } = runScript("check-layers.mjs", ["--fix"]);
    expect(code).toBe(2);
    expect(output).toContain("unknown argument --fix");
  });
});

describe("classifySpecifier", () => {
  it.each([
    ["node:fs", { type: "builtin" }],
    ["fs/promises", { type: "builtin" }],
    ["./x.js", { type: "path" }],
    ["../x.js", { type: "path" }],
    ["virtual:module", { type: "other" }],
    ["zod", { type: "package", name: "zod", subpath: "." }],
    ["convex/values", { type: "package", name: "convex", subpath: "./values" }],
    [
      "@convex-es/platform-decider/testing",
      { type: "package", name: "@convex-es/platform-decider", subpath: "./testing" },
    ],
  ])("%s", (specifier, expected) => {
    expect(classifySpecifier(specifier)).toEqual(expected);
  });
});

describe("isTestFile", () => {
  it.each([
    ["tests/steps/fsm.steps.ts", true],
    ["src/define.test.ts", true],
    ["test/helpers.ts", true],
    ["vitest.config.ts", true],
    ["src/component/convex.config.ts", false],
    ["src/testing/index.ts", false],
    ["src/test.ts", false],
  ])("%s -> %s", (path, expected) => {
    expect(isTestFile(path)).toBe(expected);
  });
});
