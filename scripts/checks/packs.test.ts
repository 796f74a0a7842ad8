// @vitest-environment node
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  choosePnpm,
  formatTable,
  importerScript,
  isTypesOnlyModule,
  missingOptionalPeer,
  npmEnvironment,
  planEntries,
  tarballName,
} from "./packs.mjs";
import { listTarball, packageFiles } from "./tar.mjs";
import { copyToTemp, edit, FIXTURES, removeTemps, runScript } from "./test-helpers.js";

afterAll(removeTemps);

describe("listTarball", () => {
  const longDir = `package/${"deeply-nested-folder/".repeat(6)}dist`;

  it.each(["gnu", "pax", "ustar"])("lists files of a %s archive, long paths included", (format) => {
    const dir = copyToTemp();
    mkdirSync(join(dir, longDir), { recursive: true });
    writeFileSync(join(dir, "package", "package.json"), "{}");
    writeFileSync(join(dir, longDir, "index.d.ts"), "export {};\n");
    const archive = join(dir, "package.tgz");
    const tar = spawnSync("tar", [`--format=${format}`, "-czf", archive, "-C", dir, "package"]);
    expect(tar.status).toBe(0);
    const bytes = readFileSync(archive);
    const files = listTarball(bytes).filter((entry) => entry.type === "file");
    expect(files.map((entry) => entry.path).sort()).toEqual([
      `${longDir}/index.d.ts`,
      "package/package.json",
    ]);
    expect(files.find((entry) => entry.path.endsWith("index.d.ts"))?.size).toBe(11);
    expect(packageFiles(bytes)).toEqual(
      new Set(["package.json", `${longDir.slice("package/".length)}/index.d.ts`]),
    );
  });
});

describe("planEntries", () => {
  const manifest = {
    name: "@convex-es/platform-store",
    exports: {
      ".": { types: "./dist/client/index.d.ts", import: "./dist/client/index.js" },
      "./convex.config": "./dist/component/convex.config.js",
      "./_generated/component.js": { types: "./dist/component/_generated/component.d.ts" },
      "./test": "./src/test.ts",
      "./features/*": "./dist/features/*.js",
      "./package.json": "./package.json",
    },
  };
  const complete = new Set([
    "package.json",
    "dist/client/index.js",
    "dist/client/index.d.ts",
    "dist/component/convex.config.js",
    "dist/component/convex.config.d.ts",
    "dist/component/_generated/component.d.ts",
    "src/test.ts",
  ]);

  it("imports runtime entries and only looks for TypeScript source and types-only ones", () => {
    const { entries, problems } = planEntries(manifest, complete);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.specifier, e.mode])).toEqual([
      ["@convex-es/platform-store", "import"],
      ["@convex-es/platform-store/convex.config", "import"],
      ["@convex-es/platform-store/_generated/component.js", "types-only"],
      ["@convex-es/platform-store/test", "typescript-source"],
    ]);
  });

  it("names what the tarball lacks", () => {
    const files = new Set(complete);
    files.delete("dist/client/index.d.ts");
    files.delete("dist/component/convex.config.d.ts");
    files.delete("src/test.ts");
    expect(planEntries(manifest, files).problems).toEqual([
      '"." types dist/client/index.d.ts is not in the tarball',
      '"./convex.config" has no "types" condition and no dist/component/convex.config.d.ts in the tarball',
      '"./test" points to src/test.ts, which is not in the tarball',
    ]);
  });

  it("wants types under dist/", () => {
    const odd = {
      name: "x",
      exports: { ".": { types: "./index.d.ts", import: "./dist/index.js" } },
    };
    const files = new Set(["index.d.ts", "dist/index.js"]);
    expect(planEntries(odd, files).problems).toEqual([
      '"." types index.d.ts is not a dist/**/*.d.ts file',
    ]);
  });
});

describe("choosePnpm", () => {
  const none = () => null;

  it("reuses the pnpm that runs the script", () => {
    const env = {
      npm_execpath: "/cache/pnpm/bin/pnpm.cjs",
      npm_config_user_agent: "pnpm/10.34.9 npm/? node/v20.20.2 linux x64",
    };
    expect(choosePnpm({ env, pinned: "10.34.9", pathVersion: none, node: "/bin/node" })).toEqual({
      command: "/bin/node",
      args: ["/cache/pnpm/bin/pnpm.cjs"],
      label: "pnpm 10.34.9",
    });
  });

  it("uses pnpm on PATH when it is the pinned version, npx otherwise", () => {
    const onPath = choosePnpm({ env: {}, pinned: "10.34.9", pathVersion: () => "10.34.9" });
    expect(onPath.command).toBe("pnpm");
    const other = choosePnpm({ env: {}, pinned: "10.34.9", pathVersion: () => "9.0.0" });
    expect([other.command, ...other.args]).toEqual(["npx", "--yes", "pnpm@10.34.9"]);
  });

  it("does not take npm for pnpm", () => {
    const env = {
      npm_execpath: "/usr/lib/node_modules/npm/bin/npm-cli.js",
      npm_config_user_agent: "npm/11",
    };
    expect(choosePnpm({ env, pinned: "10.34.9", pathVersion: none }).command).toBe("npx");
  });
});

describe("small helpers", () => {
  it("names tarballs as pnpm does", () => {
    expect(tarballName({ name: "@convex-es/platform-fsm", version: "0.1.0" })).toBe(
      "convex-es-platform-fsm-0.1.0.tgz",
    );
    expect(tarballName({ name: "plain", version: "1.0.0" })).toBe("plain-1.0.0.tgz");
  });

  it("recognises modules compiled from types only", () => {
    expect(isTypesOnlyModule("export {};\n//# sourceMappingURL=component.js.map\n")).toBe(true);
    expect(isTypesOnlyModule("/* generated */\n")).toBe(true);
    expect(isTypesOnlyModule("const x = 1;\n")).toBe(false);
  });

  it("keeps registry settings but not pnpm's npm_* variables", () => {
    const env = npmEnvironment({
      PATH: "/bin",
      npm_config_registry: "https://registry.example/",
      npm_config_frozen_lockfile: "true",
      npm_execpath: "/pnpm.cjs",
    });
    expect(env).toEqual({ PATH: "/bin", npm_config_registry: "https://registry.example/" });
  });

  it("names the optional peer an import failed for, and nothing else", () => {
    const core = {
      name: "@x/core",
      peerDependencies: { convex: "^1.48.0", react: "^18.0.0 || ^19.0.0" },
      peerDependenciesMeta: { react: { optional: true } },
    };
    const missing = (name: string) =>
      `Error [ERR_MODULE_NOT_FOUND]: Cannot find package '${name}' imported from /p/node_modules/@x/core/dist/react/index.js`;
    expect(missingOptionalPeer(missing("react"), core)).toBe("react@^18.0.0 || ^19.0.0");
    expect(missingOptionalPeer(missing("convex"), core)).toBeNull();
    expect(missingOptionalPeer(missing("left-pad"), core)).toBeNull();
    expect(missingOptionalPeer("SyntaxError: Unexpected token", core)).toBeNull();
  });

  it("aligns the table", () => {
    expect(formatTable(["a", "bb"], [["xxx", "y"]])).toBe("a    bb\n---  --\nxxx  y");
  });

  it("imports each specifier and records names or the error", () => {
    const project = copyToTemp();
    const pkg = join(project, "node_modules", "fake");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      join(pkg, "package.json"),
      JSON.stringify({ name: "fake", type: "module", exports: { ".": "./index.js" } }),
    );
    writeFileSync(join(pkg, "index.js"), "export const one = 1;\nexport default 2;\n");
    const results = join(project, "results.json");
    writeFileSync(join(project, "run.mjs"), importerScript(["fake", "fake/missing"], results));
    expect(spawnSync(process.execPath, ["run.mjs"], { cwd: project }).status).toBe(0);
    const outcome = JSON.parse(readFileSync(results, "utf8"));
    expect(outcome.fake).toEqual({ names: ["default", "one"] });
    expect(outcome["fake/missing"].error).toContain("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });
});

// End to end on a two-package fixture: pnpm pack (workspace:* rewritten), one npm install of both
// tarballs in a temporary project, imports by public specifier. No registry access is needed.
describe("check-packs on a fixture workspace", () => {
  function builtWorkspace() {
    const root = copyToTemp(join(FIXTURES, "packs"));
    for (const name of ["alpha", "beta"]) {
      const dir = join(root, "packages", name);
      cpSync(join(dir, "prebuilt"), join(dir, "dist"), { recursive: true });
    }
    // pnpm resolves workspace:* from the installed workspace; nothing is downloaded.
    const pnpm = choosePnpm({ env: process.env, pinned: "10.34.9", pathVersion: () => null });
    const install = spawnSync(pnpm.command, [...pnpm.args, "install", "--offline"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(install.status, install.stderr).toBe(0);
    return root;
  }

  it("fails fast when a package has no dist", () => {
    const root = copyToTemp(join(FIXTURES, "packs"));
    const { code, output } = runScript("check-packs.mjs", ["--root", root]);
    expect(code).toBe(1);
    expect(output).toContain("packages/alpha/dist is missing");
    expect(output).toContain("run `pnpm build` first");
  });

  it("installs and imports every entry point from the tarballs", { timeout: 120_000 }, () => {
    const root = builtWorkspace();
    const { code, output } = runScript("check-packs.mjs", ["--root", root]);
    expect(output).toMatch(
      /@fixture-packs\/alpha\s+0\.1\.0\s+\S+ B\s+8\s+\. \(1 name\), \.\/testing \(1 name\)/,
    );
    expect(output).toContain("./_generated/component.js (types only)");
    expect(output).toContain("./test (TypeScript source, for vitest)");
    expect(output).toMatch(/@fixture-packs\/beta\s+0\.2\.0/);
    expect(output).not.toContain("tools");
    expect(output).toContain("✓ every package installs and imports from its tarball");
    expect(code).toBe(0);

    // An entry that exports nothing fails, naming the specifier.
    edit(join(root, "packages", "alpha", "dist", "testing.js"), () => "const nothing = 0;\n");
    const empty = runScript("check-packs.mjs", ["--root", root]);
    expect(empty.code).toBe(1);
    expect(empty.output).toContain('✗ import "@fixture-packs/alpha/testing" exported no name');

    // A types target missing from the tarball fails before anything is installed.
    rmSync(join(root, "packages", "beta", "dist", "index.d.ts"));
    const untyped = runScript("check-packs.mjs", ["--root", root]);
    expect(untyped.code).toBe(1);
    expect(untyped.output).toContain(
      '✗ @fixture-packs/beta: "." types dist/index.d.ts is not in the tarball',
    );
  });
});
