#!/usr/bin/env node
// Proves that every publishable (non-private) workspace package installs and imports from its
// packed tarball in a fresh project, as an application team would use it:
//   1. each package has a dist/ (the build is assumed done: turbo builds first);
//   2. `pnpm pack` of every package, in one recursive pnpm run (pnpm turns `workspace:*` into
//      versions);
//   3. each tarball holds the runtime file of every `exports` entry and, for every `types`
//      target, a dist/**/*.d.ts file (an entry without `types` needs a .d.ts beside its .js);
//   4. one `npm install` of all tarballs together in a project under the OS temp directory,
//      outside the workspace, so dependencies between our packages resolve to the local
//      tarballs (checked in the lockfile) and nothing else of the workspace leaks in; optional
//      peer dependencies are not installed (npm leaves them out too);
//   5. a Node ESM script imports every entry by its public specifier
//      (`@convex-es/platform-fsm/testing`) and each must export at least one name. A package's
//      main entry (`.`) must import without its optional peers; a subpath entry may need one
//      (`./react` needs React): it is installed then, as an app using that entry does, the
//      entry imported again and the peer named in the table.
// `./package.json` and `*` patterns are skipped. Entries that point to TypeScript source (a
// component's `./test`, loaded by vitest) and entries with only `types` are not imported, only
// looked for in the tarball; a module compiled from types only (`export {};`) may export nothing.
//
//   node scripts/check-packs.mjs [--root <workspace>] [--keep]
//   --keep leaves the temporary directory in place and prints its path.
// Exit code: 0 when every package passes, 1 otherwise, 2 on a usage error.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  choosePnpm,
  formatSize,
  formatTable,
  importerScript,
  isTypesOnlyModule,
  missingOptionalPeer,
  npmEnvironment,
  planEntries,
  run,
  tarballName,
} from "./checks/packs.mjs";
import { packageFiles } from "./checks/tar.mjs";
import { formatMs, parseArgs, readJson, readWorkspace, UsageError } from "./checks/workspace.mjs";

/**
 * @typedef {import("./checks/workspace.mjs").WorkspacePackage} WorkspacePackage
 * @typedef {{ pkg: WorkspacePackage, tarball: string, size: number, fileCount: number,
 *   entries: import("./checks/packs.mjs").EntryPlan[] }} Packed
 */

/** @param {string} root */
function pinnedPnpm(root) {
  const manager = readJson(join(root, "package.json")).packageManager;
  const match = typeof manager === "string" ? /^pnpm@([^+]+)/.exec(manager) : null;
  return match?.[1] ?? null;
}

function pnpmOnPath() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/**
 * @param {string} title
 * @param {{ stdout: string, stderr: string }} output
 */
function explain(title, output) {
  const text = `${output.stdout}\n${output.stderr}`.trim();
  return `${title}${text ? `\n${text.replace(/^/gm, "    ")}` : ""}`;
}

/**
 * Packs every package with one recursive pnpm (its start-up dominates a pack) and reads what
 * each tarball holds.
 * @param {import("./checks/packs.mjs").Invocation} pnpm
 * @param {string} root
 * @param {WorkspacePackage[]} packages
 * @param {string} destination
 * @param {string[]} failures
 * @returns {Promise<Packed[]>}
 */
async function packAll(pnpm, root, packages, destination, failures) {
  const filters = packages.flatMap((pkg) => ["--filter", pkg.name]);
  const args = [...pnpm.args, "--recursive", ...filters, "pack", "--pack-destination", destination];
  const packed = await run(pnpm.command, args, { cwd: root });
  if (packed.code !== 0) {
    failures.push(explain("✗ `pnpm pack` failed", packed));
    return [];
  }
  /** @type {Packed[]} */
  const result = [];
  for (const pkg of packages) {
    const tarball = join(destination, tarballName(pkg.manifest));
    if (!existsSync(tarball)) {
      failures.push(
        explain(`✗ ${pkg.name}: \`pnpm pack\` wrote no ${tarballName(pkg.manifest)}`, packed),
      );
      continue;
    }
    const bytes = readFileSync(tarball);
    const files = packageFiles(bytes);
    const { entries, problems } = planEntries(pkg.manifest, files);
    for (const problem of problems) failures.push(`✗ ${pkg.name}: ${problem}`);
    result.push({ pkg, tarball, size: bytes.length, fileCount: files.size, entries });
  }
  return result;
}

const NPM_FLAGS = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];

/**
 * One `npm install` of every tarball in a new project; our packages must come from the
 * tarballs, never from the registry.
 * @param {string} project
 * @param {Packed[]} packed
 * @param {string[]} failures
 */
async function installAll(project, packed, failures) {
  mkdirSync(project);
  const manifest = { name: "convex-es-pack-check", private: true, type: "module" };
  writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const install = await run("npm", ["install", ...NPM_FLAGS, ...packed.map((p) => p.tarball)], {
    cwd: project,
    env: npmEnvironment(process.env),
  });
  if (install.code !== 0) {
    failures.push(explain("✗ `npm install` of the tarballs failed", install));
    return;
  }
  const lock = readJson(join(project, "package-lock.json"));
  const ours = new Set(packed.map((p) => p.pkg.name));
  for (const [path, info] of Object.entries(lock.packages ?? {})) {
    const name = path.replace(/^.*node_modules\//, "");
    if (ours.has(name) && !String(info.resolved ?? "").startsWith("file:")) {
      failures.push(
        `✗ ${name} was installed from ${info.resolved ?? "the registry"} at ${path}, not from its tarball: another package depends on a version that was not packed`,
      );
    }
  }
}

/**
 * Imports `specifiers` in one Node process; null (with the failure recorded) when the script
 * itself crashed.
 * @param {string} project
 * @param {string[]} specifiers
 * @param {string[]} failures
 * @returns {Promise<Record<string, { names?: string[], error?: string }> | null>}
 */
async function importEach(project, specifiers, failures) {
  const resultFile = join(project, "import-results.json");
  rmSync(resultFile, { force: true });
  writeFileSync(join(project, "import-entries.mjs"), importerScript(specifiers, resultFile));
  const imported = await run(process.execPath, ["import-entries.mjs"], {
    cwd: project,
    env: npmEnvironment(process.env),
  });
  if (imported.code !== 0 || !existsSync(resultFile)) {
    failures.push(explain("✗ the import script crashed", imported));
    return null;
  }
  return readJson(resultFile);
}

/**
 * Subpath entries that failed for a missing optional peer get it installed and are imported
 * again, until none fails for a further one. Returns the peers each entry needed.
 * @param {string} project
 * @param {Packed[]} packed
 * @param {Record<string, { names?: string[], error?: string }>} results updated in place
 * @param {string[]} failures
 * @returns {Promise<Map<string, string[]>>}
 */
async function importWithOptionalPeers(project, packed, results, failures) {
  /** @type {Map<string, string[]>} */
  const needed = new Map();
  const optionalPeers = packed.reduce(
    (count, p) => count + Object.keys(p.pkg.manifest.peerDependenciesMeta ?? {}).length,
    0,
  );
  for (let round = 0; round < optionalPeers; round += 1) {
    const installs = new Set();
    const retry = [];
    for (const { pkg, entries } of packed) {
      for (const entry of entries) {
        const error = results[entry.specifier]?.error;
        if (entry.mode !== "import" || entry.subpath === "." || error === undefined) continue;
        const peer = missingOptionalPeer(error, pkg.manifest);
        if (peer === null) continue;
        installs.add(peer);
        retry.push(entry.specifier);
        const name = peer.slice(0, peer.lastIndexOf("@"));
        needed.set(entry.specifier, [...(needed.get(entry.specifier) ?? []), name]);
      }
    }
    if (retry.length === 0) break;
    const install = await run("npm", ["install", ...NPM_FLAGS, ...installs], {
      cwd: project,
      env: npmEnvironment(process.env),
    });
    if (install.code !== 0) {
      failures.push(explain(`✗ \`npm install\` of ${[...installs].join(", ")} failed`, install));
      break;
    }
    const again = await importEach(project, retry, failures);
    if (again === null) break;
    Object.assign(results, again);
  }
  return needed;
}

/**
 * Imports every runtime entry by its public specifier, main entries without optional peers,
 * and returns one table row per package.
 * @param {string} project
 * @param {Packed[]} packed
 * @param {string[]} failures
 * @returns {Promise<string[][]>}
 */
async function importAll(project, packed, failures) {
  const specifiers = packed.flatMap((p) =>
    p.entries.filter((e) => e.mode === "import").map((e) => e.specifier),
  );
  const results = await importEach(project, specifiers, failures);
  if (results === null) return [];
  const needed = await importWithOptionalPeers(project, packed, results, failures);
  return packed.map(({ pkg, size, fileCount, entries }) => {
    const cells = entries.map((entry) => {
      if (entry.mode === "types-only") return `${entry.subpath} (types only)`;
      if (entry.mode === "typescript-source")
        return `${entry.subpath} (TypeScript source, for vitest)`;
      const outcome = results[entry.specifier];
      const names = outcome?.names ?? [];
      if (!outcome || outcome.error !== undefined) {
        const peer =
          entry.subpath === "." ? missingOptionalPeer(outcome?.error ?? "", pkg.manifest) : null;
        failures.push(
          peer === null
            ? `✗ import "${entry.specifier}" failed:\n    ${outcome?.error ?? "no result"}`
            : `✗ import "${entry.specifier}" needs the optional peer ${peer}: a package's main entry must import without its optional peers (move what needs one to a subpath entry such as ./react)`,
        );
        return `${entry.subpath} FAILED`;
      }
      const peers = needed.get(entry.specifier);
      const withPeers = peers === undefined ? "" : `, with ${peers.join(", ")}`;
      if (names.length > 0)
        return `${entry.subpath} (${names.length} name${names.length === 1 ? "" : "s"}${withPeers})`;
      const installed = join(project, "node_modules", pkg.name, entry.runtime ?? "");
      if (existsSync(installed) && isTypesOnlyModule(readFileSync(installed, "utf8"))) {
        return `${entry.subpath} (types only)`;
      }
      failures.push(`✗ import "${entry.specifier}" exported no name`);
      return `${entry.subpath} EMPTY`;
    });
    const version = String(pkg.manifest.version);
    return [pkg.name, version, formatSize(size), String(fileCount), cells.join(", ")];
  });
}

async function main() {
  const started = performance.now();
  const { root, flags } = parseArgs(process.argv.slice(2), ["--keep"]);
  const packages = readWorkspace(root).filter((pkg) => !pkg.isPrivate);
  if (packages.length === 0) {
    console.log("check-packs: no publishable package");
    return 0;
  }
  const unbuilt = packages.filter(
    (pkg) => !existsSync(join(pkg.dir, "dist")) || readdirSync(join(pkg.dir, "dist")).length === 0,
  );
  if (unbuilt.length > 0) {
    for (const pkg of unbuilt) console.log(`✗ ${pkg.name}: ${pkg.relDir}/dist is missing`);
    console.log("✗ run `pnpm build` first (check-packs packs the built packages)");
    return 1;
  }

  const temp = mkdtempSync(join(tmpdir(), "convex-es-packs-"));
  /** @type {string[]} */
  const failures = [];
  /** @type {string[][]} */
  let rows = [];
  /** @type {string[]} */
  const phases = [];
  /**
   * @template T
   * @param {string} phase
   * @param {() => Promise<T>} step
   */
  const timed = async (phase, step) => {
    const mark = performance.now();
    const value = await step();
    phases.push(`${phase} ${formatMs(performance.now() - mark)}`);
    return value;
  };
  try {
    const tarballs = join(temp, "tarballs");
    mkdirSync(tarballs);
    const pnpm = choosePnpm({
      env: process.env,
      pinned: pinnedPnpm(root),
      pathVersion: pnpmOnPath,
    });
    const packed = await timed(`pack with ${pnpm.label}`, () =>
      packAll(pnpm, root, packages, tarballs, failures),
    );
    const project = join(temp, "project");
    if (failures.length === 0) await timed("install", () => installAll(project, packed, failures));
    if (failures.length === 0)
      rows = await timed("import", () => importAll(project, packed, failures));
  } finally {
    if (flags.has("--keep")) console.log(`kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true });
  }

  const total = formatMs(performance.now() - started);
  console.log(`check-packs: ${total} (${phases.join(", ")}; fresh project in ${tmpdir()})`);
  if (rows.length > 0) {
    const header = ["package", "version", "tarball", "files", "entry points imported"];
    console.log(`\n${formatTable(header, rows)}\n`);
  }
  for (const failure of failures) console.log(failure);
  if (failures.length > 0) {
    console.log(`✗ ${failures.length} problem${failures.length === 1 ? "" : "s"}`);
    return 1;
  }
  console.log("✓ every package installs and imports from its tarball");
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`check-packs: ${error.message}`);
  process.exitCode = 2;
}
