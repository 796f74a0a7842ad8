import type { CommandConfig } from "../commands/commandConfig.js";
import { CoreError } from "../errors/coreError.js";
import type { CoreProblem } from "../errors/coreError.js";
import { describeValue, isPlainObject } from "../internal/describe.js";

/** The outcome of `validateCommandConfigPartitionKeys`: every problem found, or none. */
export type PartitionKeyValidation =
  | { readonly valid: true; readonly problems: readonly [] }
  | { readonly valid: false; readonly problems: readonly [CoreProblem, ...CoreProblem[]] };

function commandTypeOf(config: unknown): string {
  const type = (config as { definition?: { commandType?: unknown } } | null)?.definition
    ?.commandType;
  return typeof type === "string" ? type : "(unnamed)";
}

function triggerName(projection: unknown): string | undefined {
  if (typeof projection === "string" && projection.length > 0) return projection;
  const name =
    (projection as { kind?: unknown; projectionName?: unknown } | null)?.kind === "projection"
      ? (projection as { projectionName?: unknown }).projectionName
      : undefined;
  return typeof name === "string" ? name : undefined;
}

/**
 * Checks that every projection a command config triggers declares its partition key
 * explicitly. Workpool has no keyed ordering, so a projection job is "catch partition P up from
 * its checkpoint": without P, the runtime would have to guess, and a guess (one global
 * partition, say) silently serialises or races. Returns every problem:
 *
 * - `PARTITION_KEY_REQUIRED`: a trigger has no `partitionKey` function (names the command and
 *   the projection, and shows how to declare one);
 * - `INVALID_PROJECTION_TRIGGER`: a trigger that is not `{ projection, partitionKey }`, or
 *   `projections` that is not an array;
 * - `DUPLICATE_PROJECTION_TRIGGER`: one projection triggered twice by the same command.
 *
 * Meant to run when a command config is defined; `assertCommandConfigPartitionKeys` throws.
 */
export function validateCommandConfigPartitionKeys(config: CommandConfig): PartitionKeyValidation {
  const command = commandTypeOf(config);
  const problems: CoreProblem[] = [];
  const projections: unknown = isPlainObject(config) ? config.projections : undefined;
  if (projections !== undefined && !Array.isArray(projections)) {
    problems.push({
      code: "INVALID_PROJECTION_TRIGGER",
      message: `command "${command}": projections must be an array of { projection, partitionKey } (got ${describeValue(projections)})`,
    });
  }
  const seen = new Map<string, number>();
  (Array.isArray(projections) ? projections : []).forEach((trigger: unknown, index) => {
    const name = isPlainObject(trigger) ? triggerName(trigger.projection) : undefined;
    if (name === undefined) {
      problems.push({
        code: "INVALID_PROJECTION_TRIGGER",
        message: `command "${command}": projection trigger ${index} must be { projection: <name or defineProjection(...)>, partitionKey } (got ${describeValue(trigger)})`,
      });
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      problems.push({
        code: "DUPLICATE_PROJECTION_TRIGGER",
        message: `command "${command}" triggers projection "${name}" twice (triggers ${first} and ${index}): expected one trigger per projection`,
      });
    }
    seen.set(name, first ?? index);
    const partitionKey = (trigger as { partitionKey?: unknown }).partitionKey;
    if (typeof partitionKey !== "function") {
      problems.push({
        code: "PARTITION_KEY_REQUIRED",
        message: `command "${command}" triggers projection "${name}" without a partition key: declare partitionKey, e.g. ({ streamId }) => byStream(streamId) or ({ payload }) => byEntity("order", payload.orderId) (got ${describeValue(partitionKey)})`,
      });
    }
  });
  return problems.length === 0
    ? { valid: true, problems: [] }
    : { valid: false, problems: problems as [CoreProblem, ...CoreProblem[]] };
}

/** Like `validateCommandConfigPartitionKeys`, but throws a `CoreError` with every problem. */
export function assertCommandConfigPartitionKeys(config: CommandConfig): void {
  const result = validateCommandConfigPartitionKeys(config);
  if (!result.valid) {
    throw new CoreError(result.problems, `command config "${commandTypeOf(config)}"`);
  }
}
