// Rendering, formatting and writing (or checking) each project's `_generated/` folder.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as prettier from "prettier";
import { listModules } from "./modules.mjs";
import { appFiles, componentFiles } from "./templates.mjs";

/** Entries of `_generated/` the CLI never deletes. */
const PRESERVED_ENTRIES = new Set(["ai"]);

/**
 * @typedef {object} FileResult
 * @property {string} path absolute path
 * @property {"written" | "unchanged" | "missing" | "stale" | "unexpected" | "removed"} status
 */

/**
 * The formatted files of one project's `_generated/`, keyed by file name.
 * @param {import("./discover.mjs").Project} project
 * @param {{ warn?: (message: string) => void }} [options]
 * @returns {Promise<Map<string, string>>}
 */
export async function renderProject(project, options = {}) {
  /** @type {import("./templates.mjs").TemplateInput} */
  const input = {
    modules: listModules(project.dir, options),
    hasSchema: ["schema.ts", "schema.js"].some((name) => existsSync(join(project.dir, name))),
    children: project.children,
    // With a deployment the CLI always passes the declared env vars (possibly none), so the
    // generated `env` is typed with at least CONVEX_CLOUD_URL and CONVEX_SITE_URL.
    envVars: project.config?.env ?? [],
  };
  const files =
    project.kind === "app"
      ? appFiles(input, { typescript: project.typescript })
      : componentFiles(input);
  const rendered = new Map();
  for (const [name, source] of Object.entries(files)) {
    // Same call as the CLI's writeFormattedFile: prettier defaults, typescript parser, so the
    // output matches what `convex dev` would write (the repo's .prettierignore skips these).
    rendered.set(name, await prettier.format(source, { parser: "typescript" }));
  }
  return rendered;
}

/**
 * Compares `files` with `<dir>/_generated/` and, unless `check`, brings it up to date: writes
 * missing or stale files and removes entries the CLI would not write (it deletes those too).
 * @param {string} dir functions directory
 * @param {Map<string, string>} files
 * @param {{ check: boolean }} options
 * @returns {FileResult[]}
 */
export function syncGenerated(dir, files, { check }) {
  const generated = join(dir, "_generated");
  /** @type {FileResult[]} */
  const results = [];
  for (const [name, contents] of files) {
    const path = join(generated, name);
    const existing = existsSync(path) ? readFileSync(path, "utf8") : null;
    if (existing === contents) {
      results.push({ path, status: "unchanged" });
    } else if (check) {
      results.push({ path, status: existing === null ? "missing" : "stale" });
    } else {
      mkdirSync(generated, { recursive: true });
      writeFileSync(path, contents);
      results.push({ path, status: "written" });
    }
  }
  const extra = existsSync(generated)
    ? readdirSync(generated).filter((name) => !files.has(name) && !PRESERVED_ENTRIES.has(name))
    : [];
  for (const name of extra.sort()) {
    const path = join(generated, name);
    if (!check) rmSync(path, { recursive: true, force: true });
    results.push({ path, status: check ? "unexpected" : "removed" });
  }
  return results;
}
