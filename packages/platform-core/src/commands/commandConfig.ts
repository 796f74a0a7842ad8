import type { CommandDefinition, ProjectionDefinition } from "@convex-es/platform-bc";
import type { CorrelationChain } from "../correlation/types.js";
import type { PartitionKey } from "../partitioning/partitionKeys.js";

/** The payload type a command definition parses to. */
export type PayloadOf<TDefinition extends CommandDefinition> = ReturnType<TDefinition["parse"]>;

/** What a projection trigger's partition key is computed from, once the events are appended. */
export interface ProjectionTriggerInput<TPayload = unknown> {
  readonly commandType: string;
  /** The validated payload. */
  readonly payload: TPayload;
  /** The stream the command's events were appended to. */
  readonly streamId: string;
  readonly tenantId?: string;
  readonly correlation: CorrelationChain;
}

/**
 * A projection a command brings up to date after its events are appended. The partition key is
 * required: it names the part of the projection the events belong to (one checkpoint per
 * partition), so jobs of one partition never race and jobs of different partitions run in
 * parallel. `validateCommandConfigPartitionKeys` checks it when the config is defined.
 */
export interface ProjectionTrigger<TPayload = unknown> {
  /** The projection: its name, or its platform-bc definition. */
  readonly projection: string | ProjectionDefinition;
  /** E.g. `({ streamId }) => byStream(streamId)` or `({ payload }) => byEntity("order", payload.orderId)`. */
  partitionKey(input: ProjectionTriggerInput<TPayload>): PartitionKey;
}

/**
 * How the platform runs one command: its definition (type, bounded context, payload schema) and
 * the projections it triggers. The CommandOrchestrator adds the handler and the rest; middleware
 * and the partition key validation read only these fields.
 */
export interface CommandConfig<TDefinition extends CommandDefinition = CommandDefinition> {
  readonly definition: TDefinition;
  readonly projections?: readonly ProjectionTrigger<PayloadOf<TDefinition>>[];
}
