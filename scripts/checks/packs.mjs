// Helpers of check-packs.mjs that need no network: which pnpm to run, what a tarball must
// contain, which entries to import, how to run a command and how to print the table.
import { spawn } from "node:child_process";
import {
  importableEntries,
  isTypeScriptSource,
  runtimeTarget,
  typesTargets,
} from "./workspace.mjs";

/**
 * @typedef {object} Invocation
 * @property {string} command
 * @property {string[]} args prefix arguments before pnpm's own
 * @property {string} label for the report
 */

/**
 * The pnpm to run, fastest first: the pnpm running this script (`pnpm check:packs` sets
 * npm_execpath), a `pnpm` on PATH of the pinned version, else `npx --yes pnpm@<pinned>`.
 * @param {object} options
 * @param {Record<string, string | undefined>} options.env
 * @param {string | null} options.pinned version from the root packageManager field
 * @param {() => string | null} options.pathVersion `pnpm --version` on PATH (null when absent),
 *   asked only when no pnpm runs this script
 * @param {string} [options.node] path of the node binary
 * @returns {Invocation}
 */
export function choosePnpm({ env, pinned, pathVersion, node = process.execPath }) {
  const execPath = env.npm_execpath ?? "";
  const agent = env.npm_config_user_agent ?? "";
  const running = /^pnpm\/(\S+)/.exec(agent)?.[1];
  if (/pnpm/.test(execPath) && running && (pinned === null || running === pinned)) {
    return /\.[cm]?js$/.test(execPath)
      ? { command: node, args: [execPath], label: `pnpm ${running}` }
      : { command: execPath, args: [], label: `pnpm ${running}` };
  }
  const onPath = pathVersion();
  if (onPath && (pinned === null || onPath === pinned)) {
    return { command: "pnpm", args: [], label: `pnpm ${onPath}` };
  }
  const version = pinned ?? "10";
  return { command: "npx", args: ["--yes", `pnpm@${version}`], label: `pnpm ${version} (npx)` };
}

/**
 * The file name npm and pnpm give a package tarball: `@convex-es/platform-fsm` 0.1.0 ->
 * `convex-es-platform-fsm-0.1.0.tgz`.
 * @param {Record<string, any>} manifest
 */
export function tarballName(manifest) {
  return `${String(manifest.name).replace(/^@/, "").replace("/", "-")}-${manifest.version}.tgz`;
}

/**
 * @typedef {object} EntryPlan
 * @property {string} subpath
 * @property {string} specifier what a consumer writes, e.g. `@convex-es/platform-fsm/testing`
 * @property {"import" | "typescript-source" | "types-only"} mode
 * @property {string | null} runtime file inside the package, without `./`
 */

/** @param {string} path */
const clean = (path) => path.replace(/^\.\//, "");

/**
 * What to do with each export entry, and what the tarball lacks for it: runtime files, and
 * `types` targets, which must be dist/**\/*.d.ts files in the tarball (an entry with no `types`
 * condition needs a .d.ts beside its .js).
 * @param {Record<string, any>} manifest
 * @param {Set<string>} files paths in the tarball, relative to the package root
 * @returns {{ entries: EntryPlan[], problems: string[] }}
 */
export function planEntries(manifest, files) {
  /** @type {EntryPlan[]} */
  const entries = [];
  /** @type {string[]} */
  const problems = [];
  for (const { subpath, target } of importableEntries(manifest)) {
    const specifier = `${manifest.name}${subpath.slice(1)}`;
    const runtimeRaw = runtimeTarget(target);
    const runtime = runtimeRaw === null ? null : clean(runtimeRaw);
    if (runtime !== null && !files.has(runtime)) {
      problems.push(`"${subpath}" points to ${runtime}, which is not in the tarball`);
    }
    const types = typesTargets(target).map(clean);
    for (const file of types) {
      if (!/^dist\/.+\.d\.[cm]?ts$/.test(file)) {
        problems.push(`"${subpath}" types ${file} is not a dist/**/*.d.ts file`);
      } else if (!files.has(file)) {
        problems.push(`"${subpath}" types ${file} is not in the tarball`);
      }
    }
    if (types.length === 0 && runtime !== null && !isTypeScriptSource(runtime)) {
      const beside = runtime.replace(/\.([cm]?)js$/, ".d.$1ts");
      if (!files.has(beside)) {
        problems.push(`"${subpath}" has no "types" condition and no ${beside} in the tarball`);
      }
    }
    if (runtime === null && types.length === 0) {
      problems.push(`"${subpath}" has neither a runtime target nor types`);
    }
    const mode =
      runtime === null
        ? "types-only"
        : isTypeScriptSource(runtime)
          ? "typescript-source"
          : "import";
    entries.push({ subpath, specifier, mode, runtime });
  }
  for (const field of ["types", "typings"]) {
    const value = manifest[field];
    if (typeof value === "string" && !files.has(clean(value))) {
      problems.push(`"${field}": ${clean(value)} is not in the tarball`);
    }
  }
  if (entries.length === 0) problems.push("no importable entry in the exports map");
  return { entries, problems };
}

/**
 * Whether a compiled module is empty on purpose: TypeScript emits `export {};` for a module
 * that only declares types (a component's `_generated/component.ts`).
 * @param {string} text
 */
export function isTypesOnlyModule(text) {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .replace(/\s+/g, "");
  return code === "" || code === "export{};";
}

/**
 * The ESM script run in the fresh project: imports each specifier and writes the exported
 * names (or the error) to a JSON file.
 * @param {string[]} specifiers
 * @param {string} resultFile
 */
export function importerScript(specifiers, resultFile) {
  return [
    `import { writeFileSync } from "node:fs";`,
    `const results = {};`,
    `for (const specifier of ${JSON.stringify(specifiers)}) {`,
    `  try {`,
    `    results[specifier] = { names: Object.keys(await import(specifier)) };`,
    `  } catch (error) {`,
    `    results[specifier] = { error: String(error && error.stack ? error.stack : error) };`,
    `  }`,
    `}`,
    `writeFileSync(${JSON.stringify(resultFile)}, JSON.stringify(results));`,
    ``,
  ].join("\n");
}

/**
 * Environment for npm in the temporary project: without the npm_* variables that a running
 * pnpm sets for its own scripts (they would configure npm), but with registry and cache.
 * @param {Record<string, string | undefined>} env
 */
export function npmEnvironment(env) {
  const kept = new Set([
    "npm_config_registry",
    "npm_config_cache",
    "npm_config_userconfig",
    "npm_config_globalconfig",
  ]);
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !/^npm_/i.test(key) || kept.has(key.toLowerCase())),
  );
}

/**
 * The optional peer dependency whose absence made an import fail, from Node's error
 * (`Cannot find package 'react' imported from ...`), as an install argument `name@range`; null
 * when the error is another one or names a package that is not an optional peer of `manifest`.
 * @param {string} error
 * @param {Record<string, any>} manifest
 * @returns {string | null}
 */
export function missingOptionalPeer(error, manifest) {
  const name = /Cannot find package '([^']+)'/.exec(error)?.[1];
  if (name === undefined || manifest.peerDependenciesMeta?.[name]?.optional !== true) return null;
  return `${name}@${manifest.peerDependencies?.[name] ?? "*"}`;
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: Record<string, string | undefined> }} options
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
export function run(command, args, { cwd, env = process.env }) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
  });
}

/** @param {number} bytes */
export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A plain left-aligned text table.
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function formatTable(header, rows) {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
