// Runs the repository's own tools (check scripts, pnpm, npm) the way CI does.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./repo.js";

export type RunResult = { status: number; stdout: string; output: string };

export function run(command: string, args: string[], cwd = repoRoot): RunResult {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (result.error) throw result.error;
  return {
    status: result.status ?? 1,
    stdout: result.stdout,
    output: `${result.stdout}${result.stderr}`,
  };
}

export function runScript(script: string, args: string[] = []): RunResult {
  return run(process.execPath, [join(repoRoot, "scripts", script), ...args]);
}

/** The pinned pnpm: the one running us when there is one, otherwise through npx. */
export function pnpmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath ?? "";
  if (/pnpm/.test(execPath)) return [process.execPath, [execPath]];
  const { packageManager } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
    packageManager: string;
  };
  return ["npx", ["--yes", packageManager]];
}

export function temporaryDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `convex-es-${prefix}-`));
}

/** A minimal workspace holding copies of some packages of this repository. */
export function copyWorkspace(packageDirs: string[], include: (path: string) => boolean): string {
  const root = temporaryDirectory("workspace");
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "copy", private: true }));
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n");
  for (const dir of packageDirs) {
    const target = join(root, "packages", dir.split("/").at(-1)!);
    mkdirSync(target, { recursive: true });
    cpSync(dir, target, {
      recursive: true,
      filter: (source) => !source.includes("node_modules") && include(source),
    });
  }
  return root;
}

export function removeDirectory(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
