import type { ProjectionDefinition } from "@convex-es/platform-bc";
import { fail } from "../errors/coreError.js";
import { describeValue, isPlainObject } from "../internal/describe.js";
import { checkPartitionConfig } from "./checkPartitionConfig.js";
import { byEntity, byStream, byTenant, GLOBAL_PARTITION_KEY } from "./partitionKeys.js";
import type { PartitionKey, PartitionStrategy } from "./partitionKeys.js";

/** What `definePartitionConfig` takes. */
export interface PartitionConfigInput {
  readonly projection: string | ProjectionDefinition;
  readonly strategy: PartitionStrategy;
  /** Payload field with the partition id: required for `entity` (default: the projection's `partitionKeyField`), optional for `tenant` (default: the event's `tenantId`). */
  readonly keyField?: string;
  /** `entity` only; default: `keyField` without a trailing `Id` (`orderId` -> `order`). */
  readonly entityType?: string;
  /** Default `RECOMMENDED_PARALLELISM[strategy]`; a global projection takes only 1. */
  readonly maxParallelism?: number;
}

/** The event fields a partition key is computed from (a stored event envelope has them). */
export interface PartitionedEvent {
  readonly eventType?: string;
  readonly streamId: string;
  readonly tenantId?: string;
  readonly payload: unknown;
}

/** How one projection is partitioned. Made by `definePartitionConfig`. */
export interface PartitionConfig {
  readonly projection: string;
  readonly strategy: PartitionStrategy;
  readonly keyField: string | undefined;
  readonly entityType: string | undefined;
  readonly maxParallelism: number;
  /** The partition an event belongs to; `PARTITION_VALUE_MISSING` when the event lacks the id. */
  keyFor(event: PartitionedEvent): PartitionKey;
}

/**
 * Declares how a projection is partitioned, checked once when the module loads. Refused with
 * `INVALID_PARTITION_CONFIG` listing every problem.
 *
 * @example
 * export const orderSummaryPartitions = definePartitionConfig({
 *   projection: orderSummary, // keyField "orderId" comes from its partitionKeyField
 *   strategy: "entity",
 * });
 * orderSummaryPartitions.keyFor(event); // { name: "entity", value: "entity:order:o-1" }
 */
export function definePartitionConfig(input: PartitionConfigInput): PartitionConfig {
  const checked = checkPartitionConfig(input);
  const { projection, strategy, keyField, entityType } = checked;

  const idOf = (event: PartitionedEvent, what: string, value: unknown): string => {
    if (typeof value === "string" && value.length > 0) return value;
    return fail(
      "PARTITION_VALUE_MISSING",
      `projection "${projection}" partitions by ${what}, but event ${event?.eventType ?? "(untyped)"} on stream ${describeValue(event?.streamId)} has no non-empty string there (got ${describeValue(value)})`,
    );
  };
  const field = (event: PartitionedEvent) =>
    isPlainObject(event?.payload) ? event.payload[keyField as string] : undefined;

  return Object.freeze({
    ...checked,
    keyFor(event: PartitionedEvent): PartitionKey {
      switch (strategy) {
        case "stream":
          return byStream(idOf(event, "stream", event?.streamId));
        case "entity":
          return byEntity(
            entityType as string,
            idOf(event, `entity field "${keyField}"`, field(event)),
          );
        case "tenant":
          return keyField === undefined
            ? byTenant(idOf(event, "tenant (the event's tenantId)", event?.tenantId))
            : byTenant(idOf(event, `tenant field "${keyField}"`, field(event)));
        case "global":
          return GLOBAL_PARTITION_KEY;
        default: {
          const unhandled: never = strategy;
          return unhandled;
        }
      }
    },
  });
}
