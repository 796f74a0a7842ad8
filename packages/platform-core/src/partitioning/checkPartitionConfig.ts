import type { ProjectionDefinition } from "@convex-es/platform-bc";
import { CoreError, fail } from "../errors/coreError.js";
import type { CoreProblem } from "../errors/coreError.js";
import { describeValue, isCamelCase, isPlainObject, quoteList } from "../internal/describe.js";
import { RECOMMENDED_PARALLELISM } from "./parallelism.js";
import { PARTITION_STRATEGIES } from "./partitionKeys.js";
import type { PartitionStrategy } from "./partitionKeys.js";
import type { PartitionConfigInput } from "./partitionConfig.js";

/** A partition config input after its checks, with every default filled in. */
export interface CheckedPartitionConfig {
  readonly projection: string;
  readonly strategy: PartitionStrategy;
  readonly keyField: string | undefined;
  readonly entityType: string | undefined;
  readonly maxParallelism: number;
}

const FIELDS = ["projection", "strategy", "keyField", "entityType", "maxParallelism"];

function projectionName(projection: unknown): string | undefined {
  if (typeof projection === "string") return projection;
  if ((projection as { kind?: unknown } | null)?.kind === "projection") {
    return (projection as ProjectionDefinition).projectionName;
  }
  return undefined;
}

function defaultEntityType(keyField: string): string {
  const stripped = keyField.endsWith("Id") ? keyField.slice(0, -2) : keyField;
  return isCamelCase(stripped) ? stripped : keyField;
}

/**
 * Checks a partition config input and fills in its defaults; throws a `CoreError` with every
 * problem (`INVALID_PARTITION_CONFIG`).
 */
export function checkPartitionConfig(input: PartitionConfigInput): CheckedPartitionConfig {
  if (!isPlainObject(input)) {
    return fail(
      "INVALID_PARTITION_CONFIG",
      `a partition config is an object { projection, strategy, keyField?, maxParallelism? } (got ${describeValue(input)})`,
    );
  }
  const problems: string[] = [];
  for (const key of Object.keys(input)) {
    if (!FIELDS.includes(key))
      problems.push(`${key} is not a known field (known fields: ${quoteList(FIELDS)})`);
  }
  const name = projectionName(input.projection);
  if (name === undefined || !isCamelCase(name)) {
    problems.push(
      `projection must be a camelCase projection name or a definition from defineProjection (got ${describeValue(name ?? input.projection)})`,
    );
  }
  const { strategy } = input;
  const known = (PARTITION_STRATEGIES as readonly unknown[]).includes(strategy);
  if (!known) {
    problems.push(
      `strategy must be one of ${quoteList(PARTITION_STRATEGIES)} (got ${describeValue(strategy)})`,
    );
  }
  const declared =
    typeof input.projection === "object" ? input.projection.partitionKeyField : undefined;
  let keyField = input.keyField;
  if (strategy === "entity" && keyField === undefined) keyField = declared;
  if (keyField !== undefined && !isCamelCase(keyField)) {
    problems.push(
      `keyField must be a camelCase payload field such as "orderId" (got ${describeValue(keyField)})`,
    );
  }
  if (strategy === "entity" && keyField === undefined) {
    problems.push(
      `strategy "entity" needs keyField (the payload field holding the entity id), or a projection definition with partitionKeyField`,
    );
  }
  if (strategy === "entity" && declared !== undefined && keyField !== declared) {
    problems.push(
      `keyField ${describeValue(keyField)} differs from the projection's partitionKeyField "${declared}": use one of them`,
    );
  }
  if ((strategy === "stream" || strategy === "global") && input.keyField !== undefined) {
    problems.push(
      `strategy "${strategy}" takes no keyField: ${strategy === "stream" ? "the partition is the event's streamId" : "there is one partition"}`,
    );
  }
  if (input.entityType !== undefined && (strategy !== "entity" || !isCamelCase(input.entityType))) {
    problems.push(
      `entityType is a camelCase name such as "order", for strategy "entity" only (got ${describeValue(input.entityType)} with strategy ${describeValue(strategy)})`,
    );
  }
  const max = input.maxParallelism ?? (known ? RECOMMENDED_PARALLELISM[strategy] : 1);
  if (!Number.isInteger(max) || max < 1) {
    problems.push(`maxParallelism must be a positive integer (got ${describeValue(max)})`);
  } else if (strategy === "global" && max !== 1) {
    problems.push(
      `maxParallelism must be 1 for strategy "global": one partition has one checkpoint, so parallel jobs would only contend on it (got ${max})`,
    );
  }
  if (problems.length > 0) {
    throw new CoreError(
      problems.map((message) => ({ code: "INVALID_PARTITION_CONFIG", message })) as [
        CoreProblem,
        ...CoreProblem[],
      ],
      `partition config of projection ${describeValue(name ?? input.projection)}`,
    );
  }
  return {
    projection: name as string,
    strategy,
    keyField,
    entityType:
      strategy === "entity"
        ? (input.entityType ?? defaultEntityType(keyField as string))
        : undefined,
    maxParallelism: max,
  };
}
