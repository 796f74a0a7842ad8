// The runtime API surface of a package (the names each `exports` entry exports), how it is
// written to api-surface.json, and when a change to it is allowed by semver.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import {
  formatMs,
  importableEntries,
  isTypeScriptSource,
  readWorkspace,
  runtimeTarget,
  toPosix,
} from "./workspace.mjs";
import { allowsBreakingChange, nextBreakingVersion, parseVersion } from "./semver.mjs";

/**
 * @typedef {object} Surface
 * @property {string} version
 * @property {Record<string, string[]>} entries export subpath -> sorted runtime names
 */

export class MissingBuildError extends Error {}

/**
 * Value names exported by a TypeScript source entry (such as a component's `./test` pointing
 * at src/test.ts, which Node cannot import), read with the type checker so `export *` counts and
 * type-only exports do not.
 * @param {string} file
 * @returns {string[]}
 */
export function typeScriptValueExports(file) {
  const program = ts.createProgram([file], {
    allowJs: true,
    noEmit: true,
    // Only the export table is needed: no default libraries, no @types (a second saved).
    noLib: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return [];
  const isTypeOnlyExport = (/** @type {ts.Symbol} */ symbol) =>
    (symbol.declarations ?? []).some(
      (d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly),
    );
  return checker
    .getExportsOfModule(moduleSymbol)
    .filter((symbol) => {
      if (isTypeOnlyExport(symbol)) return false;
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return (target.flags & ts.SymbolFlags.Value) !== 0;
    })
    .map((symbol) => symbol.name)
    .sort();
}

/**
 * Imports every entry of a package's `exports` map from its build and lists the exported
 * names. Entries with only `types` have no runtime names (an empty list records that they exist).
 * @param {import("./workspace.mjs").WorkspacePackage} pkg
 * @returns {Promise<Surface>}
 */
export async function currentSurface(pkg) {
  /** @type {Record<string, string[]>} */
  const entries = {};
  for (const { subpath, target } of importableEntries(pkg.manifest)) {
    const file = runtimeTarget(target);
    if (file === null) {
      entries[subpath] = [];
      continue;
    }
    const path = join(pkg.dir, file);
    if (!existsSync(path)) {
      throw new MissingBuildError(
        `${pkg.name}: "${subpath}" points to ${toPosix(join(pkg.relDir, file))}, which does not exist; run \`pnpm build\` first`,
      );
    }
    entries[subpath] = isTypeScriptSource(file)
      ? typeScriptValueExports(path)
      : Object.keys(await import(pathToFileURL(path).href)).sort();
  }
  return { version: String(pkg.manifest.version ?? "0.0.0"), entries };
}

/**
 * api-surface.json text, laid out exactly as Prettier (printWidth 100) prints it, so that
 * `prettier --check` passes on the written files.
 * @param {Surface} surface
 */
export function serializeSurface(surface) {
  const lines = ["{", `  "version": ${JSON.stringify(surface.version)},`];
  const keys = Object.keys(surface.entries);
  if (keys.length === 0) lines.push('  "entries": {}');
  else {
    lines.push('  "entries": {');
    keys.forEach((key, i) => {
      const comma = i < keys.length - 1 ? "," : "";
      const names = (surface.entries[key] ?? []).map((name) => JSON.stringify(name));
      const head = `    ${JSON.stringify(key)}: `;
      const flat = `${head}[${names.join(", ")}]${comma}`;
      if (flat.length <= 100) lines.push(flat);
      else {
        lines.push(`${head}[`);
        names.forEach((name, j) => lines.push(`      ${name}${j < names.length - 1 ? "," : ""}`));
        lines.push(`    ]${comma}`);
      }
    });
    lines.push("  }");
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/**
 * @param {unknown} value parsed api-surface.json
 * @returns {Surface | null}
 */
export function asSurface(value) {
  if (!value || typeof value !== "object") return null;
  const { version, entries } = /** @type {Record<string, unknown>} */ (value);
  if (typeof version !== "string" || !entries || typeof entries !== "object") return null;
  const lists = Object.values(entries);
  if (!lists.every((list) => Array.isArray(list) && list.every((n) => typeof n === "string"))) {
    return null;
  }
  return { version, entries: /** @type {Record<string, string[]>} */ (entries) };
}

/**
 * @typedef {object} SurfaceDiff
 * @property {string[]} removedEntries
 * @property {string[]} addedEntries
 * @property {{ entry: string, name: string }[]} removedNames in entries present in both
 * @property {{ entry: string, name: string }[]} addedNames in entries present in both
 */

/**
 * @param {Surface} recorded
 * @param {Surface} current
 * @returns {SurfaceDiff}
 */
export function diffSurface(recorded, current) {
  const before = recorded.entries;
  const after = current.entries;
  /** @type {SurfaceDiff} */
  const diff = { removedEntries: [], addedEntries: [], removedNames: [], addedNames: [] };
  for (const entry of Object.keys(before)) {
    const now = after[entry];
    if (!now) {
      diff.removedEntries.push(entry);
      continue;
    }
    const was = before[entry] ?? [];
    for (const name of was) if (!now.includes(name)) diff.removedNames.push({ entry, name });
    for (const name of now) if (!was.includes(name)) diff.addedNames.push({ entry, name });
  }
  for (const entry of Object.keys(after)) if (!before[entry]) diff.addedEntries.push(entry);
  return diff;
}

/** @param {SurfaceDiff} diff */
export function isBreaking(diff) {
  return diff.removedEntries.length > 0 || diff.removedNames.length > 0;
}

/** @param {SurfaceDiff} diff */
export function hasAdditions(diff) {
  return diff.addedEntries.length > 0 || diff.addedNames.length > 0;
}

/**
 * Human-readable list of the changes, e.g. `removed "given" from "./testing"`.
 * @param {SurfaceDiff} diff
 * @param {"removed" | "added"} which
 */
export function describeChanges(diff, which) {
  const entries = which === "removed" ? diff.removedEntries : diff.addedEntries;
  const names = which === "removed" ? diff.removedNames : diff.addedNames;
  /** @type {Map<string, string[]>} */
  const byEntry = new Map();
  for (const { entry, name } of names) byEntry.set(entry, [...(byEntry.get(entry) ?? []), name]);
  const preposition = which === "removed" ? "from" : "to";
  return [
    ...entries.map((entry) => `${which} entry "${entry}"`),
    ...[...byEntry].map(
      ([entry, list]) =>
        `${which} ${list.map((n) => JSON.stringify(n)).join(", ")} ${preposition} "${entry}"`,
    ),
  ].join("; ");
}

const WRITE_HINT = "run `node scripts/check-api.mjs --write`";

/**
 * @param {Surface} surface
 */
function summary(surface) {
  return Object.entries(surface.entries)
    .map(([entry, names]) => `${entry} (${names.length})`)
    .join(", ");
}

/**
 * Compares (or, with `write`, records) the surface of every publishable package and renders
 * the report that check-api.mjs prints.
 * @param {string} root
 * @param {{ write?: boolean, acceptBreaking?: boolean }} [options]
 * @returns {Promise<{ exitCode: number, report: string }>}
 */
export async function runCheckApi(root, { write = false, acceptBreaking = false } = {}) {
  const started = performance.now();
  const packages = readWorkspace(root).filter((pkg) => !pkg.isPrivate);
  /** @type {string[]} */
  const failures = [];
  /** @type {string[]} */
  const report = [];

  for (const pkg of packages) {
    const file = join(pkg.dir, "api-surface.json");
    const relFile = `${pkg.relDir}/api-surface.json`;
    let current;
    try {
      current = await currentSurface(pkg);
    } catch (error) {
      if (!(error instanceof MissingBuildError)) throw error;
      failures.push(`✗ ${error.message}`);
      continue;
    }
    const label = `${pkg.name}@${current.version}`;
    const text = serializeSurface(current);
    const recordedText = existsSync(file) ? readFileSync(file, "utf8") : null;
    const record = () => {
      if (recordedText !== text) writeFileSync(file, text);
      return recordedText === text ? "up to date" : `wrote ${relFile}`;
    };

    if (recordedText === null) {
      if (write) report.push(`✓ ${label}: ${record()}: ${summary(current)}`);
      else failures.push(`✗ ${relFile} is missing: ${WRITE_HINT} and commit it`);
      continue;
    }
    let recorded = null;
    try {
      recorded = asSurface(JSON.parse(recordedText));
    } catch {
      recorded = null;
    }
    if (!recorded) {
      if (write) report.push(`✓ ${label}: ${record()} (the old file was not a valid surface)`);
      else failures.push(`✗ ${relFile} is not a valid api surface: ${WRITE_HINT}`);
      continue;
    }

    const diff = diffSurface(recorded, current);
    const bumped = allowsBreakingChange(recorded.version, current.version);
    if (isBreaking(diff) && !bumped) {
      const breaking =
        `BREAKING change in ${pkg.name}: ${describeChanges(diff, "removed")}. ` +
        `A removal needs a breaking version bump: recorded ${recorded.version}, now ` +
        `${current.version}, needs ${nextBreakingVersion(recorded.version)} or later` +
        `${parseVersion(recorded.version)?.major === 0 ? " (before 1.0 the minor is the breaking boundary)" : ""}. ` +
        `Bump the version or restore the export.`;
      if (write && acceptBreaking) {
        report.push(`! ${label}: ${record()} with --accept-breaking. ${breaking}`);
      } else if (write) {
        failures.push(
          `✗ ${relFile} not written: ${breaking} (--accept-breaking records it anyway)`,
        );
      } else {
        failures.push(`✗ ${relFile}: ${breaking}`);
      }
      continue;
    }
    if (write) {
      report.push(`✓ ${label}: ${record()}: ${summary(current)}`);
      continue;
    }
    if (hasAdditions(diff)) {
      failures.push(
        `✗ ${relFile}: api-surface.json is out of date, ${WRITE_HINT} ` +
          `(${describeChanges(diff, "added")}); review the additions: they become public API`,
      );
    } else if (isBreaking(diff)) {
      report.push(
        `✓ ${label}: BREAKING change allowed by the version bump ${recorded.version} -> ` +
          `${current.version} (${describeChanges(diff, "removed")}); ${WRITE_HINT} to record it`,
      );
    } else if (recorded.version !== current.version) {
      report.push(
        `✓ ${label}: surface unchanged since ${recorded.version}; ${WRITE_HINT} to record the version`,
      );
    } else {
      report.push(`✓ ${label}: unchanged: ${summary(current)}`);
    }
  }

  const elapsed = formatMs(performance.now() - started);
  const lines = [
    `check-api (${write ? "write" : "check"}): ${packages.length} packages (${elapsed})`,
    ...report.map((line) => `  ${line}`),
    ...failures.map((line) => `  ${line}`),
  ];
  if (failures.length > 0) {
    lines.push(`✗ ${failures.length} package${failures.length === 1 ? "" : "s"} failed`);
  }
  return { exitCode: failures.length > 0 ? 1 : 0, report: lines.join("\n") };
}
