import type { DefinitionErrorCode } from "../errors/definitionError.js";
import type { DefinitionChecker } from "./checker.js";
import { describeValue, isPlainObject } from "./describe.js";

/**
 * Upgrades a value by one version. Keyed by the version it upgrades from: `1` turns a
 * version-1 value into a version-2 value. Upcasters take older shapes the current types no
 * longer describe, hence the loose parameter type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Upcaster = (previous: any) => unknown;

/** Upcasters keyed by the version they upgrade from. */
export type UpcasterChain = Readonly<Record<number, Upcaster>>;

const VERSION_KEY = /^[1-9][0-9]*$/;

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/**
 * Checks `upcasters` against the current version: integer keys from 1 to current - 1, each a
 * function, with no gap. Returns a frozen copy when valid.
 */
export function checkUpcasters(
  checker: DefinitionChecker,
  versionField: string,
  currentVersion: number | undefined,
  gapCode: DefinitionErrorCode,
): UpcasterChain | undefined {
  const value = checker.record.upcasters ?? {};
  const path = checker.path("upcasters");
  if (!isPlainObject(value)) {
    checker.add(
      "INVALID_UPCASTER",
      `${path} must be an object keyed by the version each function upgrades from, such as { 1: (v1) => v2 } (got ${describeValue(value)})`,
    );
    return undefined;
  }
  const before = checker.problemCount;
  const expectedKeys =
    currentVersion === undefined
      ? "keys that are versions"
      : currentVersion === 1
        ? `no upcasters, since ${versionField} is 1`
        : `keys 1 to ${currentVersion - 1}`;
  const present = new Set<number>();
  for (const [key, upcaster] of Object.entries(value)) {
    if (!VERSION_KEY.test(key)) {
      checker.add(
        "INVALID_UPCASTER",
        `${path} key ${JSON.stringify(key)} is not a version: expected ${expectedKeys}, each upgrading from that version to the next`,
      );
      continue;
    }
    const version = Number(key);
    if (currentVersion !== undefined && version >= currentVersion) {
      checker.add(
        "INVALID_UPCASTER",
        `${path}[${version}] would upgrade version ${version} to ${version + 1}, past ${versionField} ${currentVersion}: expected ${expectedKeys}`,
      );
      continue;
    }
    if (typeof upcaster !== "function") {
      checker.add(
        "INVALID_UPCASTER",
        `${path}[${version}] must be a function from the version ${version} shape to the version ${version + 1} shape (got ${describeValue(upcaster)})`,
      );
      continue;
    }
    present.add(version);
  }
  if (currentVersion !== undefined) {
    const missing = range(1, currentVersion - 1).filter(
      (version) => !present.has(version) && value[String(version)] === undefined,
    );
    if (missing.length > 0) {
      checker.add(
        gapCode,
        `the upcaster chain to ${versionField} ${currentVersion} has a gap: missing ${missing
          .map((version) => `${version} → ${version + 1}`)
          .join(", ")}; expected one upcaster for every version from 1 to ${currentVersion - 1}`,
      );
    }
  }
  if (checker.problemCount !== before) return undefined;
  return Object.freeze({ ...(value as Record<number, Upcaster>) });
}

/** An upcaster threw or returned something unusable at `version` → `version + 1`. */
export class UpcastStepFailure {
  constructor(
    readonly version: number,
    readonly reason: string,
    readonly cause?: unknown,
  ) {}
}

/**
 * Applies the upcasters from `from` up to `to`, one step at a time. `afterStep` checks or
 * adjusts each step's result (and returns a reason string to refuse it).
 */
export function applyUpcasters(
  value: unknown,
  from: number,
  to: number,
  upcasters: UpcasterChain,
  afterStep: (result: unknown, version: number) => { value: unknown } | { refused: string },
): unknown {
  let current = value;
  for (let version = from; version < to; version++) {
    const upcaster = upcasters[version];
    if (upcaster === undefined) {
      throw new UpcastStepFailure(version, "no upcaster is defined for this step");
    }
    let result: unknown;
    try {
      result = upcaster(current);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new UpcastStepFailure(version, `the upcaster threw: ${reason}`, cause);
    }
    const checked = afterStep(result, version + 1);
    if ("refused" in checked) throw new UpcastStepFailure(version, checked.refused);
    current = checked.value;
  }
  return current;
}
