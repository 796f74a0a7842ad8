// Just enough semver for the API guard: precedence, and where a caret range draws the line
// between compatible and breaking versions.

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * @param {string} version
 * @returns {{ major: number, minor: number, patch: number, prerelease: string[] } | null}
 */
export function parseVersion(version) {
  const m = SEMVER.exec(version.trim());
  if (!m) return null;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ? m[4].split(".") : [],
  };
}

/**
 * Semver precedence: negative when a < b.
 * @param {NonNullable<ReturnType<typeof parseVersion>>} a
 * @param {NonNullable<ReturnType<typeof parseVersion>>} b
 */
function compare(a, b) {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return b.prerelease.length - a.prerelease.length;
  }
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const bothNumeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    if (bothNumeric) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The part of a version that a caret range (`^1.4.2`, `^0.3.1`, `^0.0.5`) keeps fixed:
 * the major from 1.0.0 on; before 1.0 the minor; for 0.0.x the patch.
 * @param {NonNullable<ReturnType<typeof parseVersion>>} v
 */
function compatibilityLine(v) {
  if (v.major > 0) return `${v.major}`;
  if (v.minor > 0) return `0.${v.minor}`;
  return `0.0.${v.patch}`;
}

/**
 * Whether going from the recorded version to the current one may break the API: the current
 * version is higher and outside the recorded version's caret range. So 1.4.0 -> 2.0.0 yes,
 * 1.4.0 -> 1.5.0 no; pre-1.0 the minor is the breaking boundary (0.1.3 -> 0.2.0 yes,
 * 0.1.3 -> 0.1.4 no), and for 0.0.x every patch is.
 * @param {string} recorded
 * @param {string} current
 */
export function allowsBreakingChange(recorded, current) {
  const r = parseVersion(recorded);
  const c = parseVersion(current);
  if (!r || !c) return false;
  return compare(c, r) > 0 && compatibilityLine(c) !== compatibilityLine(r);
}

/**
 * The lowest version that may carry a breaking change after `recorded`.
 * @param {string} recorded
 */
export function nextBreakingVersion(recorded) {
  const v = parseVersion(recorded);
  if (!v) return "a higher major version";
  if (v.major > 0) return `${v.major + 1}.0.0`;
  if (v.minor > 0) return `0.${v.minor + 1}.0`;
  return `0.0.${v.patch + 1}`;
}
