import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { convexTest } from "convex-test";
import type { FunctionReference, SchemaDefinition } from "convex/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { discoverProjects } from "./discover.mjs";
import { renderProject } from "./generate.mjs";
import { listModules } from "./modules.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, "cli.mjs");
const scriptsNodeModules = join(here, "..", "node_modules");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp dir; `node_modules` links to the scripts package's, so fixtures resolve convex. */
function tempDir(withNodeModules = true): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "convex-codegen-")));
  temps.push(dir);
  if (withNodeModules) symlinkSync(scriptsNodeModules, join(dir, "node_modules"), "dir");
  return dir;
}

function copyFixtures(): string {
  const dir = tempDir();
  cpSync(join(here, "fixtures"), dir, { recursive: true });
  return dir;
}

function runCli(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(path: string, contents: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, contents);
}

/** Module map for convex-test, loaded up front (eager) and without convex.config.ts. */
async function loadModules(dir: string): Promise<Record<string, () => Promise<unknown>>> {
  const paths = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => /\.(ts|js)$/.test(path) && !/\.d\.ts$|convex\.config\.ts$/.test(path))
    .map((path) => join(dir, path));
  const entries = await Promise.all(
    paths.map(async (path) => {
      const module: unknown = await import(/* @vite-ignore */ path);
      return [path, () => Promise.resolve(module)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

async function loadSchema(path: string) {
  const module = (await import(/* @vite-ignore */ path)) as {
    default: SchemaDefinition<never, boolean>;
  };
  return module.default;
}

describe("generated fixture app and component", () => {
  let root = "";
  beforeAll(() => {
    root = copyFixtures();
    const result = runCli(root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  test("writes the files the Convex CLI writes for an app and for a component", () => {
    expect(readdirSync(join(root, "app/convex/_generated")).sort()).toEqual([
      "api.d.ts",
      "api.js",
      "dataModel.d.ts",
      "server.d.ts",
      "server.js",
    ]);
    expect(readdirSync(join(root, "component/src/component/_generated")).sort()).toEqual([
      "api.ts",
      "component.ts",
      "dataModel.ts",
      "server.ts",
    ]);
    const apiDts = readFileSync(join(root, "app/convex/_generated/api.d.ts"), "utf8");
    expect(apiDts).toContain('import type * as admin_reset from "../admin/reset.js";');
    expect(apiDts).toContain('import type * as http from "../http.js";');
    expect(apiDts).toContain(
      'tally: import("../../../component/src/component/_generated/component.js").ComponentApi<"tally">;',
    );
  });

  test("the generated types compile and type api, internal and components references", () => {
    // typed-references.ts asserts exact types and uses @ts-expect-error for absent references,
    // so a reference typed `any` or wrongly fails this compile.
    const result = spawnSync(
      process.execPath,
      [tsc, "--noEmit", "-p", join(root, "app/tsconfig.json")],
      { encoding: "utf8" },
    );
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  test("convex-test runs the app's mutation through the registered component", async () => {
    const appDir = join(root, "app/convex");
    const componentDir = join(root, "component/src/component");
    const t = convexTest(await loadSchema(join(appDir, "schema.ts")), await loadModules(appDir));
    t.registerComponent(
      "tally",
      await loadSchema(join(componentDir, "schema.ts")),
      await loadModules(componentDir),
    );
    // The generated api.js (anyApi at run time), typed here by hand: the fixture is not part of
    // this package's compilation.
    const { api } = (await import(/* @vite-ignore */ join(appDir, "_generated/api.js"))) as {
      api: {
        counters: { get: FunctionReference<"query">; increment: FunctionReference<"mutation"> };
      };
    };

    expect(await t.mutation(api.counters.increment, { name: "apples", by: 2 })).toEqual({
      value: 2,
      tally: 2,
    });
    expect(await t.mutation(api.counters.increment, { name: "apples", by: 3 })).toEqual({
      value: 5,
      tally: 5,
    });
    expect(await t.query(api.counters.get, { name: "apples" })).toEqual({ value: 5, tally: 5 });
    expect(await t.query(api.counters.get, { name: "pears" })).toEqual({ value: 0, tally: 0 });
    const response = await t.fetch("/counter?name=apples");
    expect(await response.json()).toEqual({ value: 5, tally: 5 });
  });
});

describe("--check", () => {
  test("passes when up to date, fails naming each stale, missing or unexpected file", () => {
    const root = copyFixtures();
    const appGenerated = join(root, "app/convex/_generated");
    const componentServer = join(root, "component/src/component/_generated/server.ts");
    expect(runCli("--check", root).status).toBe(1);
    expect(runCli(root).status).toBe(0);
    const clean = runCli("--check", root);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain("all generated files are up to date");

    // A new module makes api.d.ts stale; --check reports it and writes nothing.
    const apiBefore = readFileSync(join(appGenerated, "api.d.ts"), "utf8");
    write(join(root, "app/convex/extra.ts"), 'export const answer = "42";\n');
    const afterAdd = runCli("--check", root);
    expect(afterAdd.status).toBe(1);
    expect(afterAdd.stderr).toMatch(/stale\s+\S*app\/convex\/_generated\/api\.d\.ts/);
    expect(readFileSync(join(appGenerated, "api.d.ts"), "utf8")).toBe(apiBefore);
    unlinkSync(join(root, "app/convex/extra.ts"));

    // Edited, deleted and leftover generated files are each listed.
    appendFileSync(componentServer, "// edited by hand\n");
    unlinkSync(join(appGenerated, "dataModel.d.ts"));
    write(join(appGenerated, "old.js"), "export {};\n");
    const afterEdits = runCli("--check", root);
    expect(afterEdits.status).toBe(1);
    expect(afterEdits.stderr).toMatch(/stale\s+\S*component\/_generated\/server\.ts/);
    expect(afterEdits.stderr).toMatch(/missing\s+\S*app\/convex\/_generated\/dataModel\.d\.ts/);
    expect(afterEdits.stderr).toMatch(/unexpected\s+\S*app\/convex\/_generated\/old\.js/);
    expect(afterEdits.stderr).toContain("3 generated file(s) out of date");

    expect(runCli(root).status).toBe(0);
    expect(runCli("--check", root).status).toBe(0);
  });
});

describe("discovery", () => {
  test("finds apps and components in packages/*, examples/* and specs/, nothing else", () => {
    const root = tempDir(false);
    const component = 'import { defineComponent } from "convex/server";\n';
    write(join(root, "packages/store/package.json"), "{}");
    write(
      join(root, "packages/store/src/component/convex.config.ts"),
      `${component}export default defineComponent("store");\n`,
    );
    write(join(root, "packages/store/src/component/lib.ts"), "export const x = 1;\n");
    write(
      join(root, "packages/store/dist/component/convex.config.js"),
      `${component}export default defineComponent("store");\n`,
    );
    write(
      join(root, "packages/store/node_modules/dep/convex.config.ts"),
      `${component}export default defineComponent("dep");\n`,
    );
    write(join(root, "examples/shop/package.json"), "{}");
    write(join(root, "examples/shop/convex/orders.ts"), "export const y = 1;\n");
    write(join(root, "examples/custom/convex.json"), '{ "functions": "src/backend/" }');
    write(join(root, "examples/custom/src/backend/tasks.ts"), "export const z = 1;\n");
    write(join(root, "scripts/fixture/convex/convex.config.ts"), "export default {};\n");
    write(
      join(root, "specs/area/support/app/convex/convex.config.ts"),
      'import { defineApp } from "convex/server";\nconst app = defineApp();\nexport default app;\n',
    );
    write(join(root, "specs/area/support/app/convex/commands.ts"), "export const w = 1;\n");
    write(
      join(root, "specs/node_modules/dep/convex.config.ts"),
      `${component}export default defineComponent("dep");\n`,
    );

    const result = runCli("--check", "--root", root);
    expect(result.status).toBe(1);
    const listed = [...result.stderr.matchAll(/missing\s+(\S+)/g)].map(([, path]) =>
      dirname(path!).slice(root.length + 1),
    );
    expect([...new Set(listed)].sort()).toEqual([
      "examples/custom/src/backend/_generated",
      "examples/shop/convex/_generated",
      "packages/store/src/component/_generated",
      "specs/area/support/app/convex/_generated",
    ]);
  });

  test("no projects: a clear message and exit 0", () => {
    const root = tempDir(false);
    mkdirSync(join(root, "packages/empty"), { recursive: true });
    for (const args of [
      ["--root", root],
      ["--check", "--root", root],
    ]) {
      const result = runCli(...args);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("no Convex projects found");
    }
  });

  test("module list follows the CLI's rules", () => {
    const dir = tempDir(false);
    const files = {
      "a.ts": "export const a = 1;",
      "http.ts": "export default {};",
      "crons.ts": "export default {};",
      "nested/deep/b.ts": "import 'x';",
      "with-dash.ts": "export {};",
      "a.test.ts": "export {};",
      "convex.config.ts": "export {};",
      "schema.ts": "export {};",
      "types.d.ts": "export {};",
      ".hidden.ts": "export {};",
      "no module.ts": "export {};",
      "script.ts": "console.log(1);",
      "notes.md": "# notes",
      "_generated/api.js": "export {};",
      "child/convex.config.ts": "export {};",
      "child/lib.ts": "export {};",
    };
    for (const [path, contents] of Object.entries(files)) write(join(dir, path), contents);
    expect(listModules(dir)).toEqual([
      "a.ts",
      "crons.ts",
      "http.ts",
      "nested/deep/b.ts",
      "with-dash.ts",
    ]);
  });

  test("reads component names, npm components and env vars from convex.config.ts", async () => {
    const root = copyFixtures();
    write(
      join(root, "app/convex/convex.config.ts"),
      [
        'import { defineApp } from "convex/server";',
        'import { v } from "convex/values";',
        'import tally from "../../component/src/component/convex.config.js";',
        'import workpool from "@convex-dev/workpool/convex.config";',
        "",
        "const app = defineApp({",
        '  env: { API_KEY: v.string(), MODE: v.optional(v.union(v.literal("a"), v.literal("b"))) },',
        "});",
        "app.use(tally);",
        'app.use(tally, { name: "second" });',
        'app.use(workpool, { name: "pool" });',
        "export default app;",
      ].join("\n"),
    );
    const [app] = discoverProjects([join(root, "app")]);
    expect(app?.children).toEqual([
      { name: "tally", importPath: "../../../component/src/component" },
      { name: "second", importPath: "../../../component/src/component" },
      { name: "pool", importPath: "@convex-dev/workpool" },
    ]);
    const files = await renderProject(app!);
    expect(files.get("api.d.ts")).toContain(
      'pool: import("@convex-dev/workpool/_generated/component.js").ComponentApi<"pool">;',
    );
    expect(files.get("server.d.ts")).toContain("readonly API_KEY: string;");
    expect(files.get("server.d.ts")).toContain('readonly MODE: "a" | "b" | undefined;');

    // Without { name }, an npm component's name comes from its published convex.config; an
    // unresolvable one is an error that says how to fix it.
    write(
      join(root, "app/node_modules/fake-component/package.json"),
      JSON.stringify({
        name: "fake-component",
        type: "module",
        exports: { "./convex.config.js": "./dist/component/convex.config.js" },
      }),
    );
    write(
      join(root, "app/node_modules/fake-component/dist/component/convex.config.js"),
      'import { defineComponent } from "convex/server";\n' +
        'const component = defineComponent("fakeName");\nexport default component;\n',
    );
    const useNpm = (specifier: string) =>
      write(
        join(root, "app/convex/convex.config.ts"),
        [
          'import { defineApp } from "convex/server";',
          `import child from "${specifier}";`,
          "const app = defineApp();",
          "app.use(child);",
          "export default app;",
        ].join("\n"),
      );
    useNpm("fake-component/convex.config.js");
    expect(discoverProjects([join(root, "app")])[0]?.children).toEqual([
      { name: "fakeName", importPath: "fake-component" },
    ]);
    useNpm("@example/not-installed/convex.config");
    expect(() => discoverProjects([join(root, "app")])).toThrow(
      /convex\.config\.ts:4: cannot resolve .*pass \{ name/,
    );
  });
});
