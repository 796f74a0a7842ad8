#!/usr/bin/env node
// Entry point of `npm start` and `npm test` on a machine that may have only Node and npm:
// install the workspace with the pinned pnpm (through npx when pnpm is absent), then run a
// root script. Everyday work with pnpm installed does not need this file.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const script = process.argv[2];
const forwarded = process.argv.slice(3);
if (!script) {
  console.error("usage: node scripts/bootstrap.mjs <root script> [args...]");
  process.exit(2);
}

const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pinned = packageManager.replace(/^pnpm@/, "");

function installedPnpmVersion() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8", shell: false });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

const local = installedPnpmVersion();
const pnpm = local === pinned ? ["pnpm"] : ["npx", "--yes", `pnpm@${pinned}`];
if (local !== pinned) {
  const found = local ? `pnpm ${local} is installed` : "pnpm is not installed";
  console.log(`${found}; using pnpm ${pinned} through npx`);
}

function run(args) {
  const [command, ...rest] = [...pnpm, ...args];
  const result = spawnSync(command, rest, { cwd: root, stdio: "inherit" });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(["install", "--frozen-lockfile", "--reporter=append-only"]);
run(["run", script, ...forwarded]);
