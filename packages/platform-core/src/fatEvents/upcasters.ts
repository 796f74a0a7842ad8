import type { Upcaster, UpcasterChain } from "@convex-es/platform-bc";
import { describeValue, isPlainObject } from "../internal/describe.js";
import type { Problems } from "./problems.js";

/**
 * Checks an upcaster chain: one function for every version from 1 to `current - 1`, keyed by
 * the version it upgrades from. Returns a frozen copy.
 */
export function checkUpcasters(
  problems: Problems,
  label: string,
  value: unknown,
  current: number,
): UpcasterChain {
  const chain = value ?? {};
  if (!isPlainObject(chain)) {
    problems.add(
      "INVALID_UPCASTER",
      `${label}.upcasters must be an object such as { 1: (v1) => v2 } (got ${describeValue(chain)})`,
    );
    return Object.freeze({});
  }
  const expected =
    current === 1 ? "no upcasters, since schemaVersion is 1" : `keys 1 to ${current - 1}`;
  for (const [key, upcaster] of Object.entries(chain)) {
    const version = Number(key);
    if (!Number.isInteger(version) || version < 1 || version >= current) {
      problems.add(
        "INVALID_UPCASTER",
        `${label}.upcasters has key ${JSON.stringify(key)}: expected ${expected}, each upgrading from that version to the next`,
      );
    } else if (typeof upcaster !== "function") {
      problems.add(
        "INVALID_UPCASTER",
        `${label}.upcasters[${version}] must be a function from the version ${version} shape to the version ${version + 1} shape (got ${describeValue(upcaster)})`,
      );
    }
  }
  for (let version = 1; version < current; version++) {
    if (chain[String(version)] === undefined) {
      problems.add(
        "INVALID_UPCASTER",
        `${label}.upcasters misses ${version} → ${version + 1}: expected one upcaster for every version from 1 to ${current - 1}`,
      );
    }
  }
  return Object.freeze({ ...(chain as Record<number, Upcaster>) });
}

/** Applies the chain from `from` to `to`; throws the step that failed and why. */
export function upcast(value: unknown, from: number, to: number, chain: UpcasterChain): unknown {
  let current = value;
  for (let version = from; version < to; version++) {
    try {
      current = chain[version]!(current);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UpcastStepError(version, reason);
    }
  }
  return current;
}

/** An upcaster threw at `version` → `version + 1`. */
export class UpcastStepError extends Error {
  constructor(
    readonly version: number,
    readonly reason: string,
  ) {
    super(`upcasting failed at ${version} → ${version + 1}: ${reason}`);
  }
}
