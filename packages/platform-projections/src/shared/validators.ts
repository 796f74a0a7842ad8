import { v } from "convex/values";
import type { Infer } from "convex/values";

/** What happened to an event that a projection's handler threw on. */
export const vPoisonStatus = v.union(
  // Failed fewer than `maxAttempts` times: its partition waits on it and retries with backoff.
  v.literal("retrying"),
  // Failed `maxAttempts` times: skipped by its partition, a dead letter for operators.
  v.literal("quarantined"),
  // A later attempt of its partition succeeded before quarantine.
  v.literal("recovered"),
  // An operator retried the dead letter and the handler succeeded.
  v.literal("replayed"),
  // An operator decided the event needs no processing.
  v.literal("ignored"),
);

/** One event routed to one partition of a projection, waiting for its catch-up job. */
export const vRoutedEvent = v.object({
  eventId: v.string(),
  globalPosition: v.number(),
  partitionKey: v.string(),
  tenantId: v.optional(v.string()),
});

/** An event the dispatcher could not give a partition (its partition key function threw). */
export const vUnroutableEvent = v.object({
  eventId: v.string(),
  globalPosition: v.number(),
  tenantId: v.optional(v.string()),
  error: v.string(),
});

export const vRouteEventsArgs = v.object({
  projection: v.string(),
  /** The cursor the dispatcher read from; routing is refused if another dispatch moved it. */
  expectedPosition: v.number(),
  /** Where the cursor goes: the position after the last event read. */
  nextPosition: v.number(),
  events: v.array(vRoutedEvent),
  unroutable: v.array(vUnroutableEvent),
});

export const vRouteEventsResult = v.union(
  v.object({ status: v.literal("routed"), partitionKeys: v.array(v.string()) }),
  v.object({ status: v.literal("cursor_moved"), position: v.number() }),
);

export const vPoisonRecord = v.object({
  projection: v.string(),
  partitionKey: v.string(),
  eventId: v.string(),
  globalPosition: v.number(),
  tenantId: v.optional(v.string()),
  attempts: v.number(),
  lastError: v.string(),
  status: vPoisonStatus,
  firstFailedAt: v.number(),
  lastFailedAt: v.number(),
});

export const vPendingEvent = v.object({
  eventId: v.string(),
  globalPosition: v.number(),
  tenantId: v.optional(v.string()),
  /** The event's poison record for this projection, if its handler ever threw. */
  poison: v.union(v.null(), vPoisonRecord),
});

export const vCheckpoint = v.object({
  projection: v.string(),
  partitionKey: v.string(),
  /** The global position of the last event the partition processed (applied or skipped). */
  lastPosition: v.number(),
  lastEventId: v.string(),
  eventsApplied: v.number(),
  eventsSkipped: v.number(),
  updatedAt: v.number(),
});

export const vPartitionRef = v.object({ projection: v.string(), partitionKey: v.string() });

export const vLoadPartitionArgs = v.object({
  projection: v.string(),
  partitionKey: v.string(),
  limit: v.number(),
});

export const vLoadPartitionResult = v.object({
  checkpoint: v.union(v.null(), vCheckpoint),
  /** Routed events after the checkpoint, in global position order. */
  pending: v.array(vPendingEvent),
  /** More routed events wait beyond `limit`. */
  hasMore: v.boolean(),
});

export const vAdvanceArgs = v.object({
  projection: v.string(),
  partitionKey: v.string(),
  throughPosition: v.number(),
  lastEventId: v.string(),
  applied: v.number(),
  skipped: v.number(),
  /** Events with a `retrying` poison record that this advance applied: marked `recovered`. */
  recoveredEventIds: v.optional(v.array(v.string())),
});

export const vRecordFailureArgs = v.object({
  projection: v.string(),
  partitionKey: v.string(),
  eventId: v.string(),
  globalPosition: v.number(),
  tenantId: v.optional(v.string()),
  error: v.string(),
  /** Failures after which the event is quarantined; default 3. */
  maxAttempts: v.optional(v.number()),
});

export const vRecordFailureResult = v.object({
  attempts: v.number(),
  status: v.union(v.literal("retrying"), v.literal("quarantined")),
});

export const vDeadLetterRef = v.object({ projection: v.string(), eventId: v.string() });

export const vListDeadLettersArgs = v.object({
  projection: v.optional(v.string()),
  status: v.optional(vPoisonStatus),
  limit: v.number(),
});

export const vResolveDeadLetterArgs = v.object({
  projection: v.string(),
  eventId: v.string(),
  resolution: v.union(v.literal("replayed"), v.literal("ignored")),
});

export const vResolveDeadLetterResult = v.union(
  v.object({ status: v.literal("resolved"), record: vPoisonRecord }),
  v.object({ status: v.literal("not_found") }),
  v.object({ status: v.literal("not_quarantined"), record: vPoisonRecord }),
);

export const vFailedJob = v.object({
  projection: v.string(),
  partitionKey: v.string(),
  error: v.string(),
  failures: v.number(),
  status: v.union(v.literal("open"), v.literal("retried"), v.literal("ignored")),
  lastFailedAt: v.number(),
});

export const vRecordJobFailureArgs = v.object({
  projection: v.string(),
  partitionKey: v.string(),
  error: v.string(),
});

export const vListCheckpointsArgs = v.object({
  projection: v.string(),
  /** Continue after this partition key (from the previous page). */
  after: v.optional(v.string()),
  limit: v.number(),
});

export const vCheckpointPage = v.object({
  checkpoints: v.array(vCheckpoint),
  isDone: v.boolean(),
});

export type PoisonStatus = Infer<typeof vPoisonStatus>;
export type RoutedEvent = Infer<typeof vRoutedEvent>;
export type UnroutableEvent = Infer<typeof vUnroutableEvent>;
export type RouteEventsArgs = Infer<typeof vRouteEventsArgs>;
export type RouteEventsResult = Infer<typeof vRouteEventsResult>;
export type PoisonRecord = Infer<typeof vPoisonRecord>;
export type PendingEvent = Infer<typeof vPendingEvent>;
export type Checkpoint = Infer<typeof vCheckpoint>;
export type PartitionRef = Infer<typeof vPartitionRef>;
export type LoadPartitionArgs = Infer<typeof vLoadPartitionArgs>;
export type LoadPartitionResult = Infer<typeof vLoadPartitionResult>;
export type AdvanceArgs = Infer<typeof vAdvanceArgs>;
export type RecordFailureArgs = Infer<typeof vRecordFailureArgs>;
export type RecordFailureResult = Infer<typeof vRecordFailureResult>;
export type DeadLetterRef = Infer<typeof vDeadLetterRef>;
export type ListDeadLettersArgs = Infer<typeof vListDeadLettersArgs>;
export type ResolveDeadLetterArgs = Infer<typeof vResolveDeadLetterArgs>;
export type ResolveDeadLetterResult = Infer<typeof vResolveDeadLetterResult>;
export type FailedJob = Infer<typeof vFailedJob>;
export type RecordJobFailureArgs = Infer<typeof vRecordJobFailureArgs>;
export type ListCheckpointsArgs = Infer<typeof vListCheckpointsArgs>;
export type CheckpointPage = Infer<typeof vCheckpointPage>;
