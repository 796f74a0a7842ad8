// The workspace as the check-* scripts see it: its root, its packages (from
// pnpm-workspace.yaml, so new packages are picked up without edits) and how their `exports`
// maps resolve. Pure Node, no dependencies.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: scripts/checks/.. /.. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * @typedef {object} WorkspacePackage
 * @property {string} name
 * @property {string} dir absolute directory
 * @property {string} relDir directory relative to the root, with `/` separators
 * @property {Record<string, any>} manifest parsed package.json
 * @property {boolean} isPrivate
 */

/**
 * Reads `--root <dir>` / `--root=<dir>` (or the CONVEX_ES_ROOT environment variable) and the
 * flags a script accepts. Unknown arguments are an error, so a typo does not silently pass.
 * @param {string[]} argv arguments after the script name
 * @param {readonly string[]} allowedFlags e.g. ["--write", "--check"]
 * @param {Record<string, string | undefined>} [env]
 * @returns {{ root: string, flags: Set<string> }}
 */
export function parseArgs(argv, allowedFlags, env = process.env) {
  let root = env.CONVEX_ES_ROOT || REPO_ROOT;
  const flags = new Set();
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    if (arg === "--root") {
      const value = argv[++i];
      if (!value) throw new UsageError("--root needs a directory");
      root = value;
    } else if (arg.startsWith("--root=")) {
      root = arg.slice("--root=".length);
    } else if (allowedFlags.includes(arg)) {
      flags.add(arg);
    } else {
      const accepted = ["--root <dir>", ...allowedFlags].join(", ");
      throw new UsageError(`unknown argument ${arg} (accepted: ${accepted})`);
    }
  }
  return { root: resolve(root), flags };
}

export class UsageError extends Error {}

/** @param {string} file */
export function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** @param {string} path */
export function toPosix(path) {
  return path.split(sep).join("/");
}

/**
 * Whether `path` is `dir` or inside it.
 * @param {string} dir
 * @param {string} path
 */
export function isInside(dir, path) {
  const rel = relative(dir, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The `packages:` globs of pnpm-workspace.yaml (a list of plain strings is all it holds, so a
 * line reader is enough); falls back to package.json `workspaces`, then packages/* examples/*.
 * @param {string} root
 * @returns {string[]}
 */
export function workspaceGlobs(root) {
  const yamlFile = join(root, "pnpm-workspace.yaml");
  if (existsSync(yamlFile)) {
    /** @type {string[]} */
    const globs = [];
    let inPackages = false;
    for (const raw of readFileSync(yamlFile, "utf8").split(/\r?\n/)) {
      const line = raw.replace(/(^|\s)#.*$/, "");
      if (/^packages\s*:/.test(line)) {
        inPackages = true;
        continue;
      }
      if (!inPackages || line.trim() === "") continue;
      const item = /^\s*-\s*(["']?)(.+?)\1\s*$/.exec(line);
      if (item) globs.push(/** @type {string} */ (item[2]));
      else if (/^\S/.test(line)) inPackages = false;
    }
    if (globs.length > 0) return globs;
  }
  const rootManifest = join(root, "package.json");
  if (existsSync(rootManifest)) {
    const { workspaces } = readJson(rootManifest);
    const list = Array.isArray(workspaces) ? workspaces : workspaces?.packages;
    if (Array.isArray(list) && list.length > 0) return list;
  }
  return ["packages/*", "examples/*"];
}

const SKIPPED_DIRS = new Set(["node_modules", "dist", ".git", ".turbo", "coverage"]);

/**
 * Directories matched by one workspace glob (`*` and `**` segments; no brace expansion).
 * @param {string} root
 * @param {string} glob
 * @returns {string[]}
 */
function expandGlob(root, glob) {
  const segments = glob.replace(/^\.\//, "").replace(/\/+$/, "").split("/");
  /** @type {string[]} */
  let current = [root];
  for (const segment of segments) {
    /** @type {string[]} */
    const next = [];
    for (const dir of current) {
      if (segment === "**") next.push(dir, ...subdirectories(dir, true));
      else if (segment.includes("*")) {
        const pattern = new RegExp(`^${segment.split("*").map(escapeRegExp).join("[^/]*")}$`);
        next.push(
          ...subdirectories(dir, false).filter((d) => pattern.test(d.slice(dir.length + 1))),
        );
      } else if (existsSync(join(dir, segment))) next.push(join(dir, segment));
    }
    current = next;
  }
  return current;
}

/** @param {string} text */
function escapeRegExp(text) {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * @param {string} dir
 * @param {boolean} recursive
 * @returns {string[]}
 */
function subdirectories(dir, recursive) {
  /** @type {string[]} */
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || SKIPPED_DIRS.has(entry.name) || entry.name.startsWith("."))
      continue;
    const child = join(dir, entry.name);
    out.push(child);
    if (recursive) out.push(...subdirectories(child, true));
  }
  return out;
}

/**
 * Every workspace package (a matched directory with a package.json), sorted by directory.
 * @param {string} root
 * @returns {WorkspacePackage[]}
 */
export function readWorkspace(root) {
  /** @type {Set<string>} */
  const dirs = new Set();
  for (const glob of workspaceGlobs(root)) {
    const negated = glob.startsWith("!");
    for (const dir of expandGlob(root, negated ? glob.slice(1) : glob)) {
      if (negated) dirs.delete(dir);
      else if (existsSync(join(dir, "package.json"))) dirs.add(dir);
    }
  }
  return [...dirs].sort().map((dir) => {
    const manifest = readJson(join(dir, "package.json"));
    return {
      name: typeof manifest.name === "string" ? manifest.name : toPosix(relative(root, dir)),
      dir,
      relDir: toPosix(relative(root, dir)),
      manifest,
      isPrivate: manifest.private === true,
    };
  });
}

/**
 * The subpath entries of an `exports` field: a string, array or conditions object is the
 * single entry ".".
 * @param {unknown} exportsField
 * @returns {{ subpath: string, target: unknown }[]}
 */
export function exportEntries(exportsField) {
  if (exportsField === undefined || exportsField === null) return [];
  if (typeof exportsField !== "object" || Array.isArray(exportsField)) {
    return [{ subpath: ".", target: exportsField }];
  }
  const map = /** @type {Record<string, unknown>} */ (exportsField);
  const keys = Object.keys(map);
  if (keys.every((key) => !key.startsWith("."))) return [{ subpath: ".", target: map }];
  return keys
    .filter((key) => key.startsWith("."))
    .map((key) => ({ subpath: key, target: map[key] }));
}

/**
 * Whether `subpath` ("." or "./x") is importable through an `exports` field, exactly or via
 * a `*` pattern (the longest matching pattern wins; a null target blocks the path).
 * @param {unknown} exportsField
 * @param {string} subpath
 */
export function isSubpathExported(exportsField, subpath) {
  const entries = exportEntries(exportsField);
  const exact = entries.find((entry) => entry.subpath === subpath);
  if (exact) return exact.target !== null;
  /** @type {{ prefix: string, target: unknown } | undefined} */
  let best;
  for (const { subpath: key, target } of entries) {
    const star = key.indexOf("*");
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    const matches =
      subpath.length > prefix.length + suffix.length &&
      subpath.startsWith(prefix) &&
      subpath.endsWith(suffix);
    if (matches && (!best || prefix.length > best.prefix.length)) best = { prefix, target };
  }
  return best !== undefined && best.target !== null;
}

/** Conditions Node uses when it `import`s a package, in Node's order of preference. */
const IMPORT_CONDITIONS = new Set(["node", "import", "module-sync", "default"]);

/**
 * The file Node's `import` would load for an export target, or null when the target has only
 * types (e.g. `{ "types": "./dist/component/_generated/component.d.ts" }`).
 * @param {unknown} target
 * @returns {string | null}
 */
export function runtimeTarget(target) {
  if (typeof target === "string") return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = runtimeTarget(item);
      if (found !== null) return found;
    }
    return null;
  }
  if (target && typeof target === "object") {
    for (const [condition, value] of Object.entries(target)) {
      if (!IMPORT_CONDITIONS.has(condition)) continue;
      const found = runtimeTarget(value);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Every `types` target below an export target (conditions may nest).
 * @param {unknown} target
 * @returns {string[]}
 */
export function typesTargets(target) {
  if (Array.isArray(target)) return target.flatMap(typesTargets);
  if (!target || typeof target !== "object") return [];
  return Object.entries(target).flatMap(([condition, value]) =>
    condition === "types" && typeof value === "string" ? [value] : typesTargets(value),
  );
}

/**
 * The entries a consumer can import: `./package.json` and `*` patterns are skipped, and so are
 * entries blocked with null.
 * @param {Record<string, any>} manifest
 */
export function importableEntries(manifest) {
  return exportEntries(manifest.exports).filter(
    ({ subpath, target }) =>
      subpath !== "./package.json" && !subpath.includes("*") && target !== null,
  );
}

/**
 * Whether a runtime target is TypeScript source (e.g. a component's `./test` entry pointing at
 * `src/test.ts`, which only vitest or a bundler can load).
 * @param {string} target
 */
export function isTypeScriptSource(target) {
  return /\.[cm]?tsx?$/.test(target) && !/\.d\.[cm]?ts$/.test(target);
}

/**
 * Formats a duration for reports.
 * @param {number} ms
 */
export function formatMs(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
