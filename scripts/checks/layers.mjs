// The layer rules of DESIGN.md: package roles as data, `judgeImport` for each import, and the
// report. check-layers.mjs is the command line around `runCheckLayers` and documents the rules.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { extractImports } from "./imports.mjs";
import { checkManifest } from "./manifest.mjs";
import {
  exportEntries,
  formatMs,
  isInside,
  isSubpathExported,
  readWorkspace,
  toPosix,
} from "./workspace.mjs";

/** Pure packages: no import leaves the package. */
export const LAYER_0 = new Set(["@convex-es/platform-fsm", "@convex-es/platform-decider"]);
export const BOUNDED_CONTEXT = "@convex-es/platform-bc";
export const CORE = "@convex-es/platform-core";
/** What the tests of layer-0 packages and platform-bc may import besides the package itself. */
export const TEST_IMPORTS = new Set(["vitest", "@amiceli/vitest-cucumber"]);

/** Rule id -> the sentence of DESIGN.md it enforces. */
export const RULES = {
  "layer-0-self-contained":
    "platform-fsm and platform-decider import nothing outside themselves (no convex, no zod, no other package)",
  "bc-allowed-imports": "platform-bc imports only zod, convex types and the layer-0 packages",
  "bc-convex-types-only": "platform-bc uses convex types only, never convex values",
  "component-no-core": "component packages never import platform-core",
  "no-examples-import": "nothing imports examples/",
  "no-cross-package-relative-import": "no relative import crosses a package root",
  "import-through-exports": "packages import each other by name through their exports maps",
  "declared-dependency": "a package imports only what its package.json declares",
  "package-metadata":
    "a publishable package has exports, files with dist, type module and a build script",
};

/** @typedef {keyof typeof RULES} RuleId */

/**
 * @typedef {object} Violation
 * @property {string} file relative to the workspace root
 * @property {number} line
 * @property {string} subject what is wrong, e.g. `import "convex/values"` or `field "files"`
 * @property {RuleId} rule
 * @property {string} message
 */

/**
 * @typedef {import("./workspace.mjs").WorkspacePackage & {
 *   layer0: boolean, boundedContext: boolean, component: boolean, example: boolean
 * }} CheckedPackage
 */

const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIPPED_DIRS = new Set(["node_modules", "dist", "_generated", "coverage"]);
const TEST_DIRS = new Set(["tests", "test", "__tests__", "__mocks__", "bench", "benchmarks"]);
const TEST_FILE = /\.(test|spec|steps|bench)\.[cm]?[jt]sx?$/;
const ROOT_CONFIG_FILE = /^[^/]+\.config\.[cm]?[jt]s$/;
const DEPENDENCY_FIELDS = [
  "dependencies",
  "peerDependencies",
  "optionalDependencies",
  "devDependencies",
];

/**
 * Test and tooling files get the test allowances: anything under tests/, test/, __tests__/,
 * __mocks__/, bench/ or benchmarks/, files named *.test.*, *.spec.*, *.steps.*, *.bench.*, and
 * config files at the package root (vitest.config.ts). `src/testing/` is published code.
 * @param {string} relPath path inside the package, `/`-separated
 */
export function isTestFile(relPath) {
  const parts = relPath.split("/");
  const base = /** @type {string} */ (parts.pop());
  return (
    parts.some((part) => TEST_DIRS.has(part)) ||
    TEST_FILE.test(base) ||
    ROOT_CONFIG_FILE.test(relPath)
  );
}

/**
 * @param {string} specifier
 * @returns {{ type: "path" } | { type: "builtin" } | { type: "other" } |
 *   { type: "package", name: string, subpath: string }}
 */
export function classifySpecifier(specifier) {
  if (specifier.startsWith("node:")) return { type: "builtin" };
  if (specifier.startsWith(".") || specifier.startsWith("/")) return { type: "path" };
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return { type: "other" };
  if (isBuiltin(specifier)) return { type: "builtin" };
  const parts = specifier.split("/");
  const name = specifier.startsWith("@")
    ? parts.slice(0, 2).join("/")
    : /** @type {string} */ (parts[0]);
  const subpath = specifier === name ? "." : `.${specifier.slice(name.length)}`;
  return { type: "package", name, subpath };
}

/** @param {string} name */
function typesPackage(name) {
  return `@types/${name.startsWith("@") ? name.slice(1).replace("/", "__") : name}`;
}

/**
 * The dependency fields of a manifest that declare `name` (or its @types package, for a
 * type-only import).
 * @param {Record<string, any>} manifest
 * @param {string} name
 * @param {boolean} typeOnly
 */
function declaringFields(manifest, name, typeOnly) {
  const names = typeOnly ? [name, typesPackage(name)] : [name];
  return DEPENDENCY_FIELDS.filter((field) => {
    const deps = manifest[field];
    return deps && typeof deps === "object" && names.some((n) => Object.hasOwn(deps, n));
  });
}

/**
 * @param {import("./workspace.mjs").WorkspacePackage} pkg
 * @returns {CheckedPackage}
 */
function withRoles(pkg) {
  return {
    ...pkg,
    layer0: LAYER_0.has(pkg.name),
    boundedContext: pkg.name === BOUNDED_CONTEXT,
    component: existsSync(join(pkg.dir, "src", "component", "convex.config.ts")),
    example: pkg.relDir.startsWith("examples/"),
  };
}

/**
 * @param {string} dir
 * @param {Set<string>} stopAt directories of other packages nested inside this one
 * @returns {string[]}
 */
function sourceFiles(dir, stopAt) {
  /** @type {string[]} */
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name) || entry.name.startsWith(".") || stopAt.has(path)) continue;
      files.push(...sourceFiles(path, stopAt));
    } else if (entry.isFile() && SOURCE_FILE.test(entry.name)) files.push(path);
  }
  return files.sort();
}

/**
 * @typedef {object} FileContext
 * @property {string} root
 * @property {CheckedPackage} pkg
 * @property {string} file absolute path
 * @property {boolean} isTest
 * @property {CheckedPackage[]} packages every workspace package
 * @property {Map<string, CheckedPackage>} byName
 */

/**
 * The rules one import breaks, as [rule, message] pairs.
 * @param {FileContext} ctx
 * @param {import("./imports.mjs").ImportRef} ref
 * @returns {[RuleId, string][]}
 */
export function judgeImport(ctx, ref) {
  const { pkg, isTest } = ctx;
  const spec = classifySpecifier(ref.specifier);
  /** @type {[RuleId, string][]} */
  const broken = [];

  if (spec.type === "path") {
    const target = resolve(dirname(ctx.file), ref.specifier);
    if (isInside(pkg.dir, target)) return broken;
    const where = toPosix(relative(ctx.root, target));
    const owner = ctx.packages
      .filter((p) => isInside(p.dir, target))
      .sort((a, b) => b.dir.length - a.dir.length)[0];
    if (owner?.example || where.startsWith("examples/")) {
      broken.push(["no-examples-import", `resolves into ${where}; nothing imports examples/`]);
    } else {
      const instead = owner ? `; import ${owner.name} by name through its exports map` : "";
      broken.push([
        "no-cross-package-relative-import",
        `resolves to ${where}, outside ${pkg.relDir}/${instead}`,
      ]);
    }
    return broken;
  }
  if (spec.type === "other") return broken;
  if (spec.type === "builtin") {
    if (pkg.layer0 && !isTest) {
      broken.push([
        "layer-0-self-contained",
        `${pkg.name} is layer 0: Node built-ins are allowed in its tests only`,
      ]);
    } else if (pkg.layer0 && !ref.specifier.startsWith("node:")) {
      broken.push(["layer-0-self-contained", `write "node:${ref.specifier}" in layer-0 tests`]);
    } else if (pkg.boundedContext && !isTest) {
      broken.push([
        "bc-allowed-imports",
        `${pkg.name} runs in Convex's runtime: Node built-ins are allowed in its tests only`,
      ]);
    }
    return broken;
  }

  const { name, subpath } = spec;
  const self = name === pkg.name;
  const testAllowed = isTest && (self || TEST_IMPORTS.has(name));
  if (pkg.layer0 && !testAllowed) {
    broken.push([
      "layer-0-self-contained",
      self
        ? `outside tests, ${pkg.name} imports its own modules by relative path, not by its name`
        : `${pkg.name} is layer 0 and imports nothing outside itself (no convex, no zod, no other package)` +
          (isTest
            ? "; its tests may import vitest, @amiceli/vitest-cucumber, node: built-ins and the package itself"
            : ""),
    ]);
  }
  if (pkg.boundedContext && !self && !testAllowed) {
    if (name === "convex") {
      if (!ref.typeOnly) {
        broken.push([
          "bc-convex-types-only",
          `${pkg.name} may use convex types only: use \`import type\` (or mark every specifier \`type\`)`,
        ]);
      }
    } else if (name !== "zod" && !LAYER_0.has(name)) {
      broken.push([
        "bc-allowed-imports",
        `${pkg.name} imports only zod, convex types and ${[...LAYER_0].join(", ")}`,
      ]);
    }
  }
  if (pkg.component && name === CORE) {
    broken.push([
      "component-no-core",
      `${pkg.name} is a Convex component package (it has src/component/convex.config.ts) and never imports ${CORE}`,
    ]);
  }
  const target = ctx.byName.get(name);
  if (target?.example && !self) {
    broken.push([
      "no-examples-import",
      `${name} is an example (${target.relDir}); nothing imports examples/`,
    ]);
  } else if (target && !isSubpathExported(target.manifest.exports, subpath)) {
    const exported = exportEntries(target.manifest.exports)
      .filter((entry) => entry.target !== null)
      .map((entry) => entry.subpath);
    broken.push([
      "import-through-exports",
      exported.length === 0
        ? `${name} has no exports map`
        : `"${subpath}" is not in ${name}'s exports map (it exports ${exported.join(", ")})`,
    ]);
  }
  // Declaring a dependency that a layer rule forbids would not fix anything: say it once.
  const forbidden = broken.some(([rule]) => rule !== "import-through-exports");
  if (!self && !forbidden) {
    const fields = declaringFields(pkg.manifest, name, ref.typeOnly);
    if (fields.length === 0) {
      broken.push([
        "declared-dependency",
        `${name} is not declared in ${pkg.relDir}/package.json (dependencies, peerDependencies or devDependencies)`,
      ]);
    } else if (
      !pkg.isPrivate &&
      !isTest &&
      !ref.typeOnly &&
      fields.every((f) => f === "devDependencies")
    ) {
      broken.push([
        "declared-dependency",
        `${name} is only a devDependency, but this published file imports it at run time: declare it in dependencies or peerDependencies`,
      ]);
    }
  }
  return broken;
}

/**
 * How an import is shown in the report: `import "x"`, `import type "x"`, `export ... from "x"`,
 * `import("x")`, `require("x")`.
 * @param {import("./imports.mjs").ImportRef} ref
 */
export function describeImport(ref) {
  const specifier = JSON.stringify(ref.specifier);
  switch (ref.kind) {
    case "import":
      return `${ref.typeOnly ? "import type" : "import"} ${specifier}`;
    case "export":
      return `${ref.typeOnly ? "export type" : "export"} ... from ${specifier}`;
    case "dynamic-import":
      return `import(${specifier})`;
    case "require":
      return `require(${specifier})`;
    case "import-type":
      return `type import(${specifier})`;
    case "import-equals":
      return `import = require(${specifier})`;
  }
}

/**
 * Checks every source file of the workspace packages under packages/ and examples/.
 * @param {string} root
 */
export function checkLayers(root) {
  const packages = readWorkspace(root).map(withRoles);
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const checked = packages.filter((pkg) => /^(packages|examples)\//.test(pkg.relDir));
  /** @type {Violation[]} */
  const violations = [];
  let files = 0;
  let imports = 0;
  for (const pkg of checked) {
    if (!pkg.isPrivate) violations.push(...checkManifest(root, pkg.dir, pkg.manifest));
    const nested = new Set(
      packages.filter((p) => p !== pkg && isInside(pkg.dir, p.dir)).map((p) => p.dir),
    );
    for (const file of sourceFiles(pkg.dir, nested)) {
      files++;
      const relPath = toPosix(relative(pkg.dir, file));
      const ctx = { root, pkg, file, isTest: isTestFile(relPath), packages, byName };
      const refs = extractImports(file, readFileSync(file, "utf8"));
      imports += refs.length;
      for (const ref of refs) {
        for (const [rule, message] of judgeImport(ctx, ref)) {
          violations.push({
            file: toPosix(relative(root, file)),
            line: ref.line,
            subject: describeImport(ref),
            rule,
            message,
          });
        }
      }
    }
  }
  violations.sort((a, b) => a.file.localeCompare(b.file, "en") || a.line - b.line);
  return { packages: checked.map((pkg) => pkg.name), files, imports, violations };
}

/**
 * Runs the check and renders the report: one `file:line: import "x" breaks rule: why` line per
 * violation, then the rules broken with the sentence of DESIGN.md each one enforces.
 * @param {string} root
 * @returns {{ exitCode: number, report: string }}
 */
export function runCheckLayers(root) {
  const started = performance.now();
  const { packages, files, imports, violations } = checkLayers(root);
  const elapsed = formatMs(performance.now() - started);
  const lines = [
    `check-layers: ${packages.length} packages, ${files} source files, ${imports} imports (${elapsed})`,
  ];
  if (violations.length === 0) {
    lines.push("✓ layer rules hold");
    return { exitCode: 0, report: lines.join("\n") };
  }
  lines.push("");
  for (const v of violations) {
    lines.push(`${v.file}:${v.line}: ${v.subject} breaks ${v.rule}: ${v.message}`);
  }
  /** @type {Map<RuleId, number>} */
  const counts = new Map();
  for (const v of violations) counts.set(v.rule, (counts.get(v.rule) ?? 0) + 1);
  lines.push("", "Rules broken:");
  for (const [rule, count] of counts) lines.push(`  ${rule} (${count}): ${RULES[rule]}`);
  lines.push(`✗ ${violations.length} layer violation${violations.length === 1 ? "" : "s"}`);
  return { exitCode: 1, report: lines.join("\n") };
}
