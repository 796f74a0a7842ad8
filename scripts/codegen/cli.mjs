#!/usr/bin/env node
// Offline `convex codegen`: writes `_generated/` for every Convex app and component in the
// workspace without a deployment. See scripts/codegen/README.md.
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultRoots, discoverProjects } from "./discover.mjs";
import { renderProject, syncGenerated } from "./generate.mjs";
import { convexVersion } from "./templates.mjs";

const USAGE = `usage: node scripts/codegen/cli.mjs [--check] [--root <dir>] [dir ...]

  Writes _generated/ for each Convex app and component found in <dir>s, or by default in
  packages/*, examples/* and specs/ of the repository (or of --root).
  --check   write nothing; exit 1 listing every missing, stale or unexpected generated file`;

/** @param {string[]} argv */
function parseArgs(argv) {
  let check = false;
  let root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  /** @type {string[]} */
  const dirs = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    if (arg === "--check") check = true;
    else if (arg === "--root" && argv[i + 1] !== undefined) root = resolve(argv[++i] ?? "");
    else if (arg === "--help" || arg === "-h") return { help: true, check, root, dirs };
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else dirs.push(arg);
  }
  return { help: false, check, root, dirs };
}

class UsageError extends Error {}

/**
 * A path relative to the working directory when inside it, else absolute.
 * @param {string} path
 */
function show(path) {
  const rel = relative(process.cwd(), path);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const mode = args.check ? "codegen --check" : "codegen";
  const projects = discoverProjects(args.dirs.length > 0 ? args.dirs : defaultRoots(args.root));
  if (projects.length === 0) {
    const where = args.dirs.length > 0 ? args.dirs.join(", ") : "packages/*, examples/* and specs/";
    console.log(`${mode}: no Convex projects found in ${where}; nothing to do`);
    return args.dirs.length > 0 ? 1 : 0;
  }

  /** @type {import("./generate.mjs").FileResult[]} */
  const results = [];
  for (const project of projects) {
    const files = await renderProject(project, { warn: (message) => console.warn(message) });
    results.push(...syncGenerated(project.dir, files, { check: args.check }));
  }
  const count = (/** @type {string} */ status) => results.filter((r) => r.status === status);
  const summary = `${projects.length} project(s): ${projects
    .map((p) => `${p.kind} ${show(p.dir)}`)
    .join(", ")}`;

  if (args.check) {
    const problems = results.filter((r) => r.status !== "unchanged");
    if (problems.length === 0) {
      console.log(`${mode}: ${summary}; all generated files are up to date`);
      return 0;
    }
    console.error(`${mode}: ${problems.length} generated file(s) out of date:`);
    for (const { path, status } of problems) console.error(`  ${status.padEnd(10)} ${show(path)}`);
    console.error("run `pnpm codegen` and commit the result");
    return 1;
  }
  for (const { path, status } of results) {
    if (status !== "unchanged") console.log(`  ${status.padEnd(7)} ${show(path)}`);
  }
  console.log(
    `${mode} (convex ${convexVersion} templates): ${summary}; ` +
      `${count("written").length} written, ${count("removed").length} removed, ` +
      `${count("unchanged").length} unchanged`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`codegen: ${message}`);
    if (error instanceof UsageError) console.error(USAGE);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
