// The package-metadata rule of check-layers: DESIGN.md wants every package to build to dist/
// and to have an exports map and `files`.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { toPosix } from "./workspace.mjs";

/**
 * The line of a top-level field in a package.json text (1 when absent).
 * @param {string} text
 * @param {string} field
 */
function fieldLine(text, field) {
  const index = text.split(/\r?\n/).findIndex((line) => line.startsWith(`  "${field}"`));
  return index < 0 ? 1 : index + 1;
}

/**
 * What a publishable (non-private) package.json needs: an exports map, `files` with dist, ESM
 * and a build script.
 * @param {string} root workspace root, for the reported path
 * @param {string} dir package directory
 * @param {Record<string, any>} m parsed package.json
 * @returns {import("./layers.mjs").Violation[]}
 */
export function checkManifest(root, dir, m) {
  const manifestFile = join(dir, "package.json");
  const text = readFileSync(manifestFile, "utf8");
  const file = toPosix(relative(root, manifestFile));
  /** @type {import("./layers.mjs").Violation[]} */
  const violations = [];
  /**
   * @param {string} field
   * @param {string} message
   */
  const fail = (field, message) =>
    violations.push({
      file,
      line: fieldLine(text, field),
      subject: `field "${field}"`,
      rule: "package-metadata",
      message,
    });
  if (!m.exports || !["object", "string"].includes(typeof m.exports)) {
    fail("exports", "a publishable package needs an `exports` map");
  }
  const files = Array.isArray(m.files) ? m.files : [];
  if (!files.some((f) => typeof f === "string" && /^(\.\/)?dist(\/(\*\*(\/\*)?)?)?$/.test(f))) {
    fail("files", '`files` must include "dist"');
  }
  if (m.type !== "module") fail("type", '`type` must be "module"');
  if (typeof m.scripts?.build !== "string" || m.scripts.build.trim() === "") {
    fail("scripts", "a publishable package needs a `build` script");
  }
  return violations;
}
