#!/usr/bin/env node
// Backward-compatibility guard. For every publishable (non-private) workspace package, imports
// each entry of its `exports` map from the build (`./package.json` and `*` patterns skipped) and
// compares the exported runtime names with the committed packages/<pkg>/api-surface.json:
//   { "version": "0.1.0", "entries": { ".": ["defineFSM", ...], "./testing": [...] } }
//
//   node scripts/check-api.mjs [--check]        compare (the default, what CI runs)
//   node scripts/check-api.mjs --write          record the current surface
//   node scripts/check-api.mjs --write --accept-breaking
//                                               record a breaking change without a version bump
//   --root <workspace> (or CONVEX_ES_ROOT) checks another workspace.
//
// A removed name or entry is a BREAKING change: it fails unless package.json's version is past
// the recorded version's compatibility line, as a caret range reads it. From 1.0.0 on that is
// the major (1.4.0 -> 2.0.0). Before 1.0 the minor is the breaking boundary, per semver
// convention (0.1.3 -> 0.2.0; 0.1.3 -> 0.1.4 is not enough), and for 0.0.x every patch is.
// An added name or entry fails too, with "api-surface.json is out of date": additions become
// public API, so they are reviewed in the diff of the recorded file. A version change alone
// passes. Entries that point to TypeScript source (a component's `./test`) are read with the
// type checker; entries with only `types` are recorded with no names.
//
// The build is assumed done (turbo builds first); a missing dist file fails with a hint.
// Exit code: 0 when compatible and up to date, 1 otherwise, 2 on a usage error.
import { runCheckApi } from "./checks/api-surface.mjs";
import { parseArgs, UsageError } from "./checks/workspace.mjs";

try {
  const { root, flags } = parseArgs(process.argv.slice(2), [
    "--check",
    "--write",
    "--accept-breaking",
  ]);
  if (flags.has("--check") && flags.has("--write")) {
    throw new UsageError("--check and --write exclude each other");
  }
  const { exitCode, report } = await runCheckApi(root, {
    write: flags.has("--write"),
    acceptBreaking: flags.has("--accept-breaking"),
  });
  console.log(report);
  process.exitCode = exitCode;
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`check-api: ${error.message}`);
  process.exitCode = 2;
}
