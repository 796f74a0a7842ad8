// Read-only views of the repository for the specs that check its structure.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");

export type WorkspacePackage = {
  dir: string;
  relativeDir: string;
  manifest: {
    name: string;
    version: string;
    private?: boolean;
    type?: string;
    files?: string[];
    exports?: Record<string, unknown>;
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
};

export function workspacePackages(): WorkspacePackage[] {
  const dirs = ["packages", "examples"].flatMap((group) => {
    const base = join(repoRoot, group);
    return existsSync(base) ? readdirSync(base).map((name) => join(base, name)) : [];
  });
  return [...dirs, join(repoRoot, "specs"), join(repoRoot, "scripts")]
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({
      dir,
      relativeDir: relative(repoRoot, dir),
      manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")),
    }));
}

/** Packages published to npm: everything under packages/ that is not private. */
export function publishablePackages(): WorkspacePackage[] {
  return workspacePackages().filter(
    (pkg) => pkg.relativeDir.startsWith("packages/") && !pkg.manifest.private,
  );
}

export function packageNamed(name: string): WorkspacePackage {
  const found = workspacePackages().find(
    (pkg) => pkg.manifest.name === name || pkg.relativeDir === `packages/${name}`,
  );
  if (!found) throw new Error(`No workspace package named "${name}"`);
  return found;
}

const skipped = new Set(["node_modules", "dist", ".turbo", "_generated", "coverage"]);

export function filesUnder(dir: string, accept: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (skipped.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, accept);
    return accept(path) ? [path] : [];
  });
}

/** Entry points of an exports map, e.g. { ".": "./dist/index.js", "./testing": ... }. */
export function exportTargets(
  pkg: WorkspacePackage,
): Record<string, { types?: string; import: string }> {
  const targets: Record<string, { types?: string; import: string }> = {};
  for (const [entry, target] of Object.entries(pkg.manifest.exports ?? {})) {
    if (entry === "./package.json") continue;
    if (typeof target === "string") targets[entry] = { import: target };
    else {
      const conditions = target as { types?: string; import?: string; default?: string };
      const file = conditions.import ?? conditions.default;
      if (!file) throw new Error(`${pkg.manifest.name} export "${entry}" has no import target`);
      targets[entry] = { types: conditions.types, import: file };
    }
  }
  return targets;
}

export function readText(path: string): string {
  return readFileSync(path, "utf8");
}
