// The function modules of one Convex functions directory, chosen by the rules of the Convex CLI's
// `entryPoints` (convex 1.48.0, bundler/index.js) so that `api` lists the same modules.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const ENTRY_POINT_EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".jsx"];

/**
 * Module paths relative to `dir` (posix separators), sorted like the CLI sorts them.
 *
 * Skipped: `_generated/`, dotfiles, `#` editor files, `schema.ts`, names with more than one dot
 * (`*.test.ts`, `convex.config.ts`, `*.d.ts`), paths with a space, TypeScript files without an
 * import or export, and subfolders holding a `convex.config.ts` (nested components). `http.ts`
 * and `crons.ts` are ordinary modules, as in the CLI.
 *
 * @param {string} dir
 * @param {{ warn?: (message: string) => void }} [options]
 * @returns {string[]}
 */
export function listModules(dir, options = {}) {
  /** @type {string[]} */
  const found = [];
  for (const { path, depth } of walkFiles(dir, 0)) {
    const relPath = relative(dir, path);
    const base = relPath.split(sep).pop() ?? "";
    if (relPath.startsWith(`_deps${sep}`)) {
      throw new Error(
        `${path} is within the "_deps" directory, which Convex reserves for dependencies; move it elsewhere`,
      );
    }
    if (depth === 0 && base.toLowerCase().startsWith("https.") && importsHttpRouter(path)) {
      options.warn?.(`${path}: HTTP routes are only read from http.ts; did you mean http.ts?`);
    }
    if (!ENTRY_POINT_EXTENSIONS.some((ext) => relPath.endsWith(ext))) continue;
    if (relPath.startsWith(`_generated${sep}`)) continue;
    if (base.startsWith(".") || base.startsWith("#")) continue;
    if (base === "schema.ts" || base === "schema.js") continue;
    if ((base.match(/\./g) ?? []).length > 1) continue;
    if (relPath.includes(" ")) continue;
    if (
      /\.(ts|tsx)$/.test(path) &&
      !/^\s{0,100}(import|export)/m.test(readFileSync(path, "utf8"))
    ) {
      continue;
    }
    found.push(relPath.split(sep).join("/"));
  }
  return found.sort(compareModulePaths);
}

/**
 * @param {string} dir
 * @param {number} depth
 * @returns {Generator<{ path: string, depth: number }>}
 */
function* walkFiles(dir, depth) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    consistentPathSort(a.name, b.name),
  );
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // A folder with its own convex.config.ts is a nested component, not part of this one.
      if (existsSync(join(path, "convex.config.ts"))) continue;
      yield* walkFiles(path, depth + 1);
    } else if (entry.isFile()) {
      yield { path, depth };
    }
  }
}

/** @param {string} path */
function importsHttpRouter(path) {
  return /import\s*\{[^}]*\bhttpRouter\b[^}]*\}\s*from\s*["']convex\/server["']/.test(
    readFileSync(path, "utf8"),
  );
}

/**
 * The CLI's `consistentPathSort`: by UTF-16 code unit, shorter first on a common prefix.
 * @param {string} a
 * @param {string} b
 */
function consistentPathSort(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.charCodeAt(i) - b.charCodeAt(i);
  }
  return a.length - b.length;
}

/**
 * The CLI's `compareModulePaths` (plain code-unit order of posix paths).
 * @param {string} a
 * @param {string} b
 */
export function compareModulePaths(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
