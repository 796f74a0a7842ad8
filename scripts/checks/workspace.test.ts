// @vitest-environment node
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  isInside,
  isSubpathExported,
  parseArgs,
  readWorkspace,
  REPO_ROOT,
  runtimeTarget,
  typesTargets,
  workspaceGlobs,
} from "./workspace.mjs";
import { copyToTemp, removeTemps } from "./test-helpers.js";

afterAll(removeTemps);

/** @param files path -> content, relative to a new temporary root */
function tree(files: Record<string, string>) {
  const root = copyToTemp();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const manifest = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name, ...extra });

describe("readWorkspace", () => {
  it("finds packages through pnpm-workspace.yaml, including new ones", () => {
    const root = tree({
      "pnpm-workspace.yaml":
        "# comment\npackages:\n  - packages/*\n  - 'examples/*'\n  - \"tools/**\"\n  - '!packages/ignored'\nonlyBuiltDependencies:\n  - esbuild\n",
      "packages/a/package.json": manifest("a"),
      "packages/b/package.json": manifest("b", { private: true }),
      "packages/ignored/package.json": manifest("ignored"),
      "packages/no-manifest/readme.md": "",
      "examples/app/package.json": manifest("app"),
      "tools/deep/nested/package.json": manifest("nested"),
      "esbuild/package.json": manifest("not-a-workspace-package"),
    });
    expect(workspaceGlobs(root)).toEqual([
      "packages/*",
      "examples/*",
      "tools/**",
      "!packages/ignored",
    ]);
    expect(readWorkspace(root).map((p) => [p.relDir, p.name, p.isPrivate])).toEqual([
      ["examples/app", "app", false],
      ["packages/a", "a", false],
      ["packages/b", "b", true],
      ["tools/deep/nested", "nested", false],
    ]);
  });

  it("falls back to package.json workspaces, then packages/* and examples/*", () => {
    const withWorkspaces = tree({ "package.json": JSON.stringify({ workspaces: ["libs/*"] }) });
    expect(workspaceGlobs(withWorkspaces)).toEqual(["libs/*"]);
    expect(workspaceGlobs(tree({ "package.json": "{}" }))).toEqual(["packages/*", "examples/*"]);
  });
});

describe("exports maps", () => {
  const exportsMap = {
    ".": { types: "./dist/index.d.ts", import: "./dist/index.js" },
    "./testing": { import: { types: "./dist/testing.d.ts", default: "./dist/testing.js" } },
    "./features/*": "./dist/features/*.js",
    "./features/private/*": null,
    "./_generated/component.js": { types: "./dist/component.d.ts" },
  };

  it.each([
    [".", true],
    ["./testing", true],
    ["./features/sagas", true],
    ["./features/private/x", false],
    ["./features/", false],
    ["./src/index.js", false],
  ])("%s exported: %s", (subpath, expected) => {
    expect(isSubpathExported(exportsMap, subpath)).toBe(expected);
  });

  it("treats a string or a conditions object as the single entry '.'", () => {
    expect(isSubpathExported("./index.js", ".")).toBe(true);
    expect(isSubpathExported({ import: "./index.js" }, "./x")).toBe(false);
    expect(isSubpathExported(undefined, ".")).toBe(false);
  });

  it("resolves the file Node imports, and every types target", () => {
    expect(runtimeTarget(exportsMap["."])).toBe("./dist/index.js");
    expect(runtimeTarget(exportsMap["./testing"])).toBe("./dist/testing.js");
    expect(runtimeTarget(exportsMap["./_generated/component.js"])).toBeNull();
    expect(runtimeTarget({ require: "./x.cjs", node: { import: "./x.mjs" } })).toBe("./x.mjs");
    expect(typesTargets(exportsMap["./testing"])).toEqual(["./dist/testing.d.ts"]);
  });
});

describe("parseArgs", () => {
  it("defaults to the repository root, or CONVEX_ES_ROOT", () => {
    expect(parseArgs([], [], {}).root).toBe(REPO_ROOT);
    expect(parseArgs([], [], { CONVEX_ES_ROOT: "/tmp/ws" }).root).toBe("/tmp/ws");
    expect(parseArgs(["--root=/a", "--write"], ["--write"], {})).toEqual({
      root: "/a",
      flags: new Set(["--write"]),
    });
    expect(() => parseArgs(["--root"], [], {})).toThrow("--root needs a directory");
  });

  it("knows what is inside a directory", () => {
    expect(isInside("/w/packages/a", "/w/packages/a/src/x.ts")).toBe(true);
    expect(isInside("/w/packages/a", "/w/packages/a")).toBe(true);
    expect(isInside("/w/packages/a", "/w/packages/ab/x.ts")).toBe(false);
    expect(isInside("/w/packages/a", "/w/packages/a/..b/x.ts")).toBe(true);
  });
});
