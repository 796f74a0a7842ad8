// Every validator of the event store in one place; types are derived from them.
import { v } from "convex/values";
import type { Infer } from "convex/values";

export const vEventCategory = v.union(
  v.literal("domain"),
  v.literal("integration"),
  v.literal("trigger"),
  v.literal("fat"),
);

export const vEventMetadata = v.object({
  correlationId: v.string(),
  causationId: v.optional(v.string()),
  commandId: v.optional(v.string()),
  userId: v.optional(v.string()),
  /** Milliseconds since the epoch; the store fills it with the append's clock when absent. */
  timestamp: v.number(),
});

/** The fields of a stored event; the event id is the document id. */
export const eventFields = {
  streamType: v.string(),
  streamId: v.string(),
  /** Position in the stream, from 1, without gaps. */
  version: v.number(),
  /** Position among all events; see docs/decisions/0004-global-positions.md. */
  globalPosition: v.number(),
  eventType: v.string(),
  category: vEventCategory,
  schemaVersion: v.number(),
  boundedContext: v.string(),
  tenantId: v.optional(v.string()),
  payload: v.any(),
  metadata: vEventMetadata,
  idempotencyKey: v.optional(v.string()),
  /** Set on events committed through a Dynamic Consistency Boundary. */
  scopeKey: v.optional(v.string()),
};

/** An event as the store returns it. */
export const vEventEnvelope = v.object({ eventId: v.string(), ...eventFields });

/** What a caller appends: the store assigns id, version and position. */
export const vNewEvent = v.object({
  eventType: v.string(),
  category: vEventCategory,
  schemaVersion: v.number(),
  payload: v.any(),
  metadata: v.object({ ...vEventMetadata.fields, timestamp: v.optional(v.number()) }),
  idempotencyKey: v.optional(v.string()),
});

export const vStreamRef = v.object({
  streamType: v.string(),
  streamId: v.string(),
  boundedContext: v.string(),
  tenantId: v.optional(v.string()),
});

/** An exact version (0: the stream must not exist yet) or a condition. */
export const vExpectedVersion = v.union(
  v.number(),
  v.literal("any"),
  v.literal("no_stream"),
  v.literal("stream_exists"),
);

export const vAppendArgs = v.object({
  stream: vStreamRef,
  expectedVersion: vExpectedVersion,
  events: v.array(vNewEvent),
});

export const vAppendedEvent = v.object({
  eventId: v.string(),
  version: v.number(),
  globalPosition: v.number(),
});

export const vAppendSuccess = v.object({
  status: v.literal("success"),
  events: v.array(vAppendedEvent),
  streamVersion: v.number(),
});
export const vAppendConflict = v.object({
  status: v.literal("conflict"),
  currentVersion: v.number(),
  expectedVersion: vExpectedVersion,
});
export const vAppendDuplicate = v.object({
  status: v.literal("duplicate"),
  events: v.array(vAppendedEvent),
});
export const vIdempotencyConflict = v.object({
  status: v.literal("idempotency_conflict"),
  key: v.string(),
  existingEventId: v.string(),
});
export const vAppendResult = v.union(
  vAppendSuccess,
  vAppendConflict,
  vAppendDuplicate,
  vIdempotencyConflict,
);

/**
 * The caller's tenant on a read of one stream or event. A tenant's stream or event is read only
 * with its tenantId; a tenant-less one only without (TENANT_MISMATCH otherwise).
 */
export const vReadTenant = { tenantId: v.optional(v.string()) };

/**
 * Which tenant's events a catch-up or correlation read returns: `tenantId` for that tenant's,
 * neither for tenant-less events only, or `allTenants: true` for every tenant's (trusted
 * platform infrastructure such as projections, never a tenant's request).
 */
export const vReadTenancy = {
  tenantId: v.optional(v.string()),
  allTenants: v.optional(v.boolean()),
};

export const vReadStreamArgs = v.object({
  streamType: v.string(),
  streamId: v.string(),
  fromVersion: v.optional(v.number()),
  limit: v.number(),
  ...vReadTenant,
});
export const vStreamVersionArgs = v.object({
  streamType: v.string(),
  streamId: v.string(),
  ...vReadTenant,
});
export const vStreamPage = v.object({
  events: v.array(vEventEnvelope),
  nextVersion: v.number(),
  isDone: v.boolean(),
});

export const vReadFromPositionArgs = v.object({
  after: v.number(),
  limit: v.number(),
  eventTypes: v.optional(v.array(v.string())),
  boundedContext: v.optional(v.string()),
  settleMs: v.optional(v.number()),
  ...vReadTenancy,
});
export const vPositionPage = v.object({
  events: v.array(vEventEnvelope),
  nextPosition: v.number(),
  highWaterMark: v.number(),
  isDone: v.boolean(),
});

export const vReadByCorrelationIdArgs = v.object({
  correlationId: v.string(),
  after: v.optional(v.number()),
  limit: v.number(),
  ...vReadTenancy,
});
export const vEventPage = v.object({
  events: v.array(vEventEnvelope),
  nextPosition: v.number(),
  isDone: v.boolean(),
});

export const vEventByIdArgs = v.object({ eventId: v.string(), ...vReadTenant });
/** Keys are unique per tenant: the lookup is made among the caller's tenant's keys. */
export const vEventByIdempotencyKeyArgs = v.object({ idempotencyKey: v.string(), ...vReadTenant });

export const vIdempotencyConflictRecord = v.object({
  idempotencyKey: v.string(),
  tenantId: v.optional(v.string()),
  existingEventId: v.string(),
  attemptedStreamType: v.string(),
  attemptedStreamId: v.string(),
  attemptedEventType: v.string(),
  boundedContext: v.string(),
  correlationId: v.string(),
  detectedAt: v.number(),
});

/** An event committed through a scope: it names its stream and carries its scope and tenant. */
export const vScopedEvent = v.object({
  streamType: v.string(),
  streamId: v.string(),
  boundedContext: v.string(),
  tenantId: v.string(),
  scopeKey: v.string(),
  eventType: v.string(),
  category: vEventCategory,
  schemaVersion: v.number(),
  payload: v.any(),
  metadata: vNewEvent.fields.metadata,
});

export const vCommitScopeArgs = v.object({
  scopeKey: v.string(),
  tenantId: v.string(),
  /** The scope version the decision was made on; 0 for a scope with no commit yet. */
  expectedVersion: v.number(),
  events: v.array(vScopedEvent),
});

export const vScopeCommittedEvent = v.object({
  eventId: v.string(),
  streamType: v.string(),
  streamId: v.string(),
  version: v.number(),
  globalPosition: v.number(),
});
export const vCommitScopeResult = v.union(
  v.object({
    status: v.literal("success"),
    scopeVersion: v.number(),
    events: v.array(vScopeCommittedEvent),
  }),
  v.object({
    status: v.literal("conflict"),
    currentVersion: v.number(),
    expectedVersion: v.number(),
  }),
);

export const vReadVirtualStreamArgs = v.object({
  scopeKey: v.string(),
  tenantId: v.string(),
  after: v.optional(v.number()),
  limit: v.number(),
});
export const vVirtualStreamPage = v.object({
  events: v.array(vEventEnvelope),
  /** The scope's version when the page was read: pass it to commitScope as expectedVersion. */
  scopeVersion: v.number(),
  nextPosition: v.number(),
  isDone: v.boolean(),
});

export const vScope = v.object({
  scopeKey: v.string(),
  tenantId: v.string(),
  scopeType: v.string(),
  scopeId: v.string(),
  boundedContext: v.string(),
  version: v.number(),
  streamCount: v.number(),
  lastGlobalPosition: v.number(),
});

export type EventCategory = Infer<typeof vEventCategory>;
export type EventMetadata = Infer<typeof vEventMetadata>;
export type EventEnvelope = Infer<typeof vEventEnvelope>;
export type NewEvent = Infer<typeof vNewEvent>;
export type StreamRef = Infer<typeof vStreamRef>;
export type ExpectedVersion = Infer<typeof vExpectedVersion>;
export type AppendArgs = Infer<typeof vAppendArgs>;
export type AppendedEvent = Infer<typeof vAppendedEvent>;
export type AppendSuccess = Infer<typeof vAppendSuccess>;
export type AppendConflict = Infer<typeof vAppendConflict>;
export type AppendDuplicate = Infer<typeof vAppendDuplicate>;
export type IdempotencyConflict = Infer<typeof vIdempotencyConflict>;
export type AppendResult = Infer<typeof vAppendResult>;
export type ReadStreamArgs = Infer<typeof vReadStreamArgs>;
export type StreamVersionArgs = Infer<typeof vStreamVersionArgs>;
export type StreamPage = Infer<typeof vStreamPage>;
export type ReadFromPositionArgs = Infer<typeof vReadFromPositionArgs>;
export type PositionPage = Infer<typeof vPositionPage>;
export type ReadByCorrelationIdArgs = Infer<typeof vReadByCorrelationIdArgs>;
export type EventPage = Infer<typeof vEventPage>;
export type EventByIdArgs = Infer<typeof vEventByIdArgs>;
export type EventByIdempotencyKeyArgs = Infer<typeof vEventByIdempotencyKeyArgs>;
export type IdempotencyConflictRecord = Infer<typeof vIdempotencyConflictRecord>;
export type ScopedEvent = Infer<typeof vScopedEvent>;
export type CommitScopeArgs = Infer<typeof vCommitScopeArgs>;
export type ScopeCommittedEvent = Infer<typeof vScopeCommittedEvent>;
export type CommitScopeResult = Infer<typeof vCommitScopeResult>;
export type ReadVirtualStreamArgs = Infer<typeof vReadVirtualStreamArgs>;
export type VirtualStreamPage = Infer<typeof vVirtualStreamPage>;
export type Scope = Infer<typeof vScope>;
