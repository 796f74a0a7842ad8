// Finding Convex apps and components, and the components each one installs with `use()`.
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { parseConvexConfig } from "./config.mjs";

const SKIPPED_DIRS = new Set(["node_modules", "dist", "_generated"]);
const CONFIG_FILES = ["convex.config.ts", "convex.config.js"];

/**
 * A functions directory that gets a `_generated/` folder.
 * @typedef {object} Project
 * @property {"app" | "component"} kind
 * @property {string} dir absolute functions directory (`convex/`, `src/component/`, ...)
 * @property {import("./config.mjs").ConvexConfig | null} config
 * @property {string | null} configPath
 * @property {boolean} typescript app with `codegen.fileType: "ts"` (components always are)
 * @property {import("./templates.mjs").ChildComponent[]} children
 */

/**
 * The default search roots: every directory in `packages/` and `examples/`, and `specs/` (whose
 * business-rule specs run small Convex apps of their own).
 * @param {string} repoRoot
 * @returns {string[]}
 */
export function defaultRoots(repoRoot) {
  const groups = ["packages", "examples"].flatMap((group) => {
    const dir = join(repoRoot, group);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
      .map((entry) => join(dir, entry.name));
  });
  const specs = join(repoRoot, "specs");
  return existsSync(specs) ? [...groups, specs] : groups;
}

/**
 * Finds the projects under `roots` (skipping node_modules, dist, _generated and dot folders),
 * then adds local components they install, and resolves each project's child components.
 *
 * An app is a `convex/` folder next to a package.json, the `functions` folder of a convex.json,
 * a folder whose convex.config calls `defineApp`, or a root argument named `convex`. A component
 * is a folder whose convex.config calls `defineComponent`.
 *
 * @param {string[]} roots
 * @returns {Project[]} sorted by directory
 */
export function discoverProjects(roots) {
  /** @type {Map<string, Project>} */
  const projects = new Map();
  for (const root of roots) {
    const dir = resolve(root);
    if (!existsSync(dir)) throw new Error(`no such directory: ${root}`);
    if (basename(dir) === "convex") addApp(projects, dir, false);
    walk(dir, projects);
  }
  // Local components an app or component installs are generated too, as the CLI does.
  const queue = [...projects.values()];
  for (let project = queue.shift(); project; project = queue.shift()) {
    project.children = (project.config?.uses ?? []).map((use) => {
      const child = resolveChild(project, use);
      if (child.localDir && !projects.has(child.localDir)) {
        const added = addComponent(projects, child.localDir);
        if (added) queue.push(added);
      }
      return { name: child.name, importPath: child.importPath };
    });
    const names = project.children.map((child) => child.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate) {
      throw new Error(`${project.configPath}: two components are installed as "${duplicate}"`);
    }
  }
  return [...projects.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/**
 * @param {string} dir
 * @param {Map<string, Project>} projects
 */
function walk(dir, projects) {
  const convexJson = join(dir, "convex.json");
  if (existsSync(convexJson)) {
    /** @type {{ functions?: string, codegen?: { fileType?: string } }} */
    const settings = JSON.parse(readFileSync(convexJson, "utf8"));
    const functions = resolve(dir, settings.functions ?? "convex/");
    if (existsSync(functions)) addApp(projects, functions, settings.codegen?.fileType === "ts");
  } else if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "convex"))) {
    addApp(projects, join(dir, "convex"), false);
  }
  const configPath = findConfig(dir);
  const config = configPath ? parseConvexConfig(configPath) : null;
  if (config?.kind === "component") addComponent(projects, dir);
  if (config?.kind === "app") addApp(projects, dir, false);

  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || SKIPPED_DIRS.has(entry.name) || entry.name.startsWith(".")) {
      continue;
    }
    walk(join(dir, entry.name), projects);
  }
}

/** @param {string} dir */
function findConfig(dir) {
  return CONFIG_FILES.map((name) => join(dir, name)).find((path) => existsSync(path)) ?? null;
}

/**
 * Adds an app, unless the folder's convex.config calls defineComponent: then it is a component
 * whatever led to it (a component package may keep its functions in `convex/`).
 * @param {Map<string, Project>} projects
 * @param {string} dir
 * @param {boolean} typescript
 */
function addApp(projects, dir, typescript) {
  const key = realpathSync(dir);
  const existing = projects.get(key);
  if (existing) {
    if (existing.kind === "app") existing.typescript ||= typescript;
    return;
  }
  const configPath = findConfig(key);
  const config = configPath ? parseConvexConfig(configPath) : null;
  if (config?.kind === "component") {
    addComponent(projects, key);
    return;
  }
  projects.set(key, { kind: "app", dir: key, config, configPath, typescript, children: [] });
}

/**
 * @param {Map<string, Project>} projects
 * @param {string} dir
 * @returns {Project | null} the new project, or null if it was known
 */
function addComponent(projects, dir) {
  const key = realpathSync(dir);
  if (projects.has(key)) return null;
  const configPath = findConfig(key);
  const config = configPath ? parseConvexConfig(configPath) : null;
  if (!configPath || config?.kind !== "component") {
    throw new Error(`${dir} has no convex.config that calls defineComponent`);
  }
  /** @type {Project} */
  const project = {
    kind: "component",
    dir: key,
    config,
    configPath,
    typescript: true,
    children: [],
  };
  projects.set(key, project);
  return project;
}

/**
 * Where a `use()`d definition lives, the name it is installed under, and the module path the
 * parent's generated api imports its `ComponentApi` from (the CLI's rules: a package specifier
 * minus `/convex.config...`; for a relative import, the folder relative to the parent).
 *
 * @param {Project} project
 * @param {import("./config.mjs").ChildUse} use
 * @returns {{ name: string, importPath: string, localDir: string | null }}
 */
function resolveChild(project, use) {
  const configPath = /** @type {string} */ (project.configPath);
  const where = `${configPath}:${use.line}`;
  if (use.specifier.startsWith(".")) {
    const target = resolve(dirname(configPath), use.specifier);
    if (!/^convex\.config(\.[cm]?[jt]s)?$/.test(basename(target))) {
      throw new Error(`${where}: expected an import of a convex.config file, got ${use.specifier}`);
    }
    const childDir = dirname(target);
    const childConfig = findConfig(childDir);
    const parsed = childConfig ? parseConvexConfig(childConfig) : null;
    if (!parsed || parsed.kind !== "component") {
      throw new Error(
        `${where}: ${use.specifier} is not a convex.config that calls defineComponent`,
      );
    }
    const localDir = realpathSync(childDir);
    const path = relative(project.dir, localDir).split(sep).join("/");
    return {
      name: use.name ?? /** @type {string} */ (parsed.name),
      importPath: `../${path}`,
      localDir,
    };
  }
  const importPath = use.specifier.replace(/\/convex\.config.*$/, "");
  if (use.name) return { name: use.name, importPath, localDir: null };
  /** @type {string} */
  let resolved;
  try {
    resolved = resolveImport(configPath, use.specifier);
  } catch (error) {
    throw new Error(
      `${where}: cannot resolve ${use.specifier} to read the component's name ` +
        `(${/** @type {Error} */ (error).message.split("\n")[0]}); install it or pass { name: "..." }`,
    );
  }
  const parsed = parseConvexConfig(resolved);
  if (!parsed || parsed.kind !== "component" || !parsed.name) {
    throw new Error(`${where}: ${resolved} does not call defineComponent with a literal name`);
  }
  return { name: parsed.name, importPath, localDir: null };
}

/**
 * Resolves a package import the way Convex's bundler does: through the `import` (or `default`)
 * condition of the package's `exports`. `require.resolve` alone refuses ESM-only exports maps.
 *
 * @param {string} fromFile the file that imports
 * @param {string} specifier e.g. `@convex-dev/workpool/convex.config`
 * @returns {string} the absolute path of the imported file
 */
function resolveImport(fromFile, specifier) {
  const parts = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  const packageName = parts.slice(0, nameLength).join("/");
  const subpath = ["."].concat(parts.slice(nameLength)).join("/");
  for (let dir = dirname(fromFile); ; dir = dirname(dir)) {
    const packageDir = join(dir, "node_modules", packageName);
    if (existsSync(join(packageDir, "package.json"))) {
      const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
      const target =
        manifest.exports === undefined ? subpath : exportTarget(manifest.exports, subpath);
      if (target === undefined) {
        return createRequire(fromFile).resolve(specifier);
      }
      const file = join(packageDir, target);
      if (!existsSync(file)) throw new Error(`${file} does not exist (is the package built?)`);
      return file;
    }
    if (dirname(dir) === dir) return createRequire(fromFile).resolve(specifier);
  }
}

/**
 * @param {unknown} exportsField
 * @param {string} subpath
 * @returns {string | undefined}
 */
function exportTarget(exportsField, subpath) {
  const entry =
    typeof exportsField === "string" && subpath === "."
      ? exportsField
      : /** @type {Record<string, unknown>} */ (exportsField)[subpath];
  /** @param {unknown} value @returns {string | undefined} */
  const pick = (value) => {
    if (typeof value === "string") return value;
    if (value === null || typeof value !== "object") return undefined;
    const conditions = /** @type {Record<string, unknown>} */ (value);
    return pick(conditions.import ?? conditions.default ?? conditions.require);
  };
  return pick(entry);
}
