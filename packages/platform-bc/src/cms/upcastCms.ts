import { UpcastError } from "../errors/upcastError.js";
import { describeValue, isPlainObject } from "../internal/describe.js";
import { applyUpcasters, UpcastStepFailure } from "../internal/upcastChain.js";
import type { CMSDefinition, VersionedState } from "./defineCms.js";

/** What `upcastCMS` returns: the snapshot at the current version and where it came from. */
export interface CMSUpcastResult<TState extends object> {
  /** The snapshot at `currentVersion`: the stored object itself when no upcast was needed. */
  readonly state: TState & VersionedState;
  readonly wasUpcast: boolean;
  /** The `stateVersion` the snapshot was stored at. */
  readonly fromVersion: number;
}

/**
 * Brings a stored CMS snapshot to the definition's current version, one upcaster at a time,
 * setting `stateVersion` after each step. Other fields (such as Convex's `_id`) pass through
 * as the upcasters leave them. The stored object is never modified.
 *
 * Throws an `UpcastError`: `INVALID_CMS_STATE_VERSION` when the snapshot is not an object
 * with a positive integer `stateVersion`, `CMS_VERSION_FROM_FUTURE` when it was written by a
 * newer definition (deploy the new code everywhere first), `CMS_UPCAST_FAILED` when an
 * upcaster throws or returns something other than an object.
 *
 * @example
 * const { state, wasUpcast } = upcastCMS(orderCMS, await ctx.db.get(id));
 * if (wasUpcast) await ctx.db.replace(id, state); // optional: persist the upgrade
 */
export function upcastCMS<TState extends object>(
  definition: CMSDefinition<TState>,
  stored: VersionedState | Record<string, unknown>,
): CMSUpcastResult<TState> {
  const { cmsType, currentVersion } = definition;
  const input: unknown = stored;
  const fail = (code: "INVALID_CMS_STATE_VERSION", message: string): never => {
    throw new UpcastError(code, { typeName: cmsType, currentVersion }, message);
  };
  if (!isPlainObject(input)) {
    return fail(
      "INVALID_CMS_STATE_VERSION",
      `CMS ${JSON.stringify(cmsType)}: the stored snapshot must be an object with a stateVersion (got ${describeValue(input)})`,
    );
  }
  const fromVersion = input.stateVersion;
  if (typeof fromVersion !== "number" || !Number.isInteger(fromVersion) || fromVersion < 1) {
    return fail(
      "INVALID_CMS_STATE_VERSION",
      `CMS ${JSON.stringify(cmsType)}: the stored snapshot's stateVersion must be a positive integer from 1 to ${currentVersion} (got ${describeValue(fromVersion)})`,
    );
  }
  if (fromVersion > currentVersion) {
    throw new UpcastError(
      "CMS_VERSION_FROM_FUTURE",
      { typeName: cmsType, storedVersion: fromVersion, currentVersion },
      `CMS ${JSON.stringify(cmsType)}: the stored snapshot is at stateVersion ${fromVersion}, newer than this code's currentVersion ${currentVersion}; it was written by a newer deployment and cannot be downgraded`,
    );
  }
  if (fromVersion === currentVersion) {
    return { state: input as TState & VersionedState, wasUpcast: false, fromVersion };
  }
  try {
    const state = applyUpcasters(
      { ...input },
      fromVersion,
      currentVersion,
      definition.upcasters,
      (result, version) =>
        isPlainObject(result)
          ? { value: { ...result, stateVersion: version } }
          : { refused: `the upcaster returned ${describeValue(result)} instead of an object` },
    );
    return { state: state as TState & VersionedState, wasUpcast: true, fromVersion };
  } catch (error) {
    if (!(error instanceof UpcastStepFailure)) throw error;
    throw new UpcastError(
      "CMS_UPCAST_FAILED",
      { typeName: cmsType, storedVersion: fromVersion, currentVersion },
      `CMS ${JSON.stringify(cmsType)}: upcasting from stateVersion ${fromVersion} to ${currentVersion} failed at step ${error.version} → ${error.version + 1}: ${error.reason}`,
      error.cause === undefined ? undefined : { cause: error.cause },
    );
  }
}
