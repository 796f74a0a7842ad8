// Shared by the check-* tests: run a script as CI does, on a copy of a fixture workspace.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const CHECKS_DIR = dirname(fileURLToPath(import.meta.url));
export const SCRIPTS_DIR = dirname(CHECKS_DIR);
export const FIXTURES = join(CHECKS_DIR, "fixtures");

export type ScriptRun = { code: number | null; output: string };

/** Runs scripts/<script> with Node, the way the root package.json scripts do (the repo root
 * unless `--root` or CONVEX_ES_ROOT in `env` says otherwise). */
export function runScript(
  script: string,
  args: readonly string[],
  env: Record<string, string> = {},
): ScriptRun {
  const result = spawnSync(process.execPath, [join(SCRIPTS_DIR, script), ...args], {
    encoding: "utf8",
    env: { ...process.env, CONVEX_ES_ROOT: undefined, NO_COLOR: "1", ...env },
    timeout: 120_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const temps: string[] = [];

/** Copies the given directories, in order, into one new temporary directory. */
export function copyToTemp(...sources: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "convex-es-checks-"));
  temps.push(dir);
  for (const source of sources) cpSync(source, dir, { recursive: true });
  return dir;
}

/** Removes every directory made by copyToTemp; call it from afterAll. */
export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Rewrites a text file through `change`. */
export function edit(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

/** Rewrites a JSON file through `change`. */
export function editJson(file: string, change: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  change(json);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}
