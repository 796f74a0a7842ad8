import type { GenericDataModel, GenericMutationCtx, GenericQueryCtx } from "convex/server";
import type { ComponentApi } from "../component/_generated/component.js";
import { checkSettleMs } from "../shared/positions.js";
import { defineUpcasters } from "../shared/upcasters.js";
import type { Upcasters } from "../shared/upcasters.js";
import type {
  AppendConflict,
  AppendDuplicate,
  AppendResult,
  AppendSuccess,
  CommitScopeResult,
  EventByIdempotencyKeyArgs,
  EventCategory,
  EventEnvelope,
  EventPage,
  ExpectedVersion,
  IdempotencyConflict,
  IdempotencyConflictRecord,
  NewEvent,
  PositionPage,
  ReadByCorrelationIdArgs,
  ReadFromPositionArgs,
  ReadStreamArgs,
  Scope,
  ScopedEvent,
  StreamPage,
  StreamRef,
  StreamVersionArgs,
  VirtualStreamPage,
} from "../shared/validators.js";

export { EVENT_STORE_ERROR_CODES, isEventStoreError } from "../shared/errors.js";
export type { EventStoreErrorCode, EventStoreErrorData } from "../shared/errors.js";
export {
  MAX_BATCH_PAYLOAD_BYTES,
  MAX_BATCH_SIZE,
  MAX_EVENT_TYPES_PER_READ,
  MAX_PAYLOAD_BYTES,
  MAX_READ_LIMIT,
} from "../shared/limits.js";
export { DEFAULT_SETTLE_MS, highWaterMark, POSITIONS_PER_MS } from "../shared/positions.js";
export {
  createScopeKey,
  parseScopeKey,
  SCOPE_KEY_FORMAT,
  validateScopeKey,
} from "../shared/scopeKey.js";
export type {
  ParsedScopeKey,
  ScopeKey,
  ScopeKeyParts,
  ScopeKeyValidation,
} from "../shared/scopeKey.js";
export { defineUpcasters } from "../shared/upcasters.js";
export type {
  UpcastStep,
  UpcasterChain,
  UpcasterDefinitions,
  Upcasters,
} from "../shared/upcasters.js";
export {
  vAppendResult,
  vCommitScopeResult,
  vEventCategory,
  vEventEnvelope,
  vEventMetadata,
  vExpectedVersion,
  vNewEvent,
  vScopedEvent,
  vStreamRef,
} from "../shared/validators.js";
export type * from "../shared/validators.js";
export type { ComponentApi } from "../component/_generated/component.js";

/** The eventStore component as the app sees it: `components.eventStore`. */
export type EventStoreComponent = ComponentApi;

/** The smallest context each call needs: any query, mutation or action context fits. */
export type RunQueryCtx = Pick<GenericQueryCtx<GenericDataModel>, "runQuery">;
export type RunMutationCtx = Pick<GenericMutationCtx<GenericDataModel>, "runMutation">;

/** A new event as the client takes it: category defaults to "domain", schemaVersion to the current one. */
export type EventInput = Omit<NewEvent, "category" | "schemaVersion"> & {
  category?: EventCategory;
  schemaVersion?: number;
};

export type AppendInput = {
  stream: StreamRef;
  expectedVersion: ExpectedVersion;
  events: readonly EventInput[];
};

/** An event of a scope commit; scopeKey and tenantId default to the commit's. */
export type ScopedEventInput = Omit<
  ScopedEvent,
  "category" | "schemaVersion" | "scopeKey" | "tenantId"
> & {
  category?: EventCategory;
  schemaVersion?: number;
  scopeKey?: string;
  tenantId?: string;
};

export type CommitScopeInput = {
  scopeKey: string;
  tenantId: string;
  expectedVersion: number;
  events: readonly ScopedEventInput[];
};

export type EventStoreOptions = {
  /** Applied to every event the client reads; also gives new events their schema version. */
  upcasters?: Upcasters;
  /** Default settle window of `readFromPosition`, in ms (5000 when absent). */
  settleMs?: number;
};

/** The append wrote its events. */
export function isAppendSuccess(result: AppendResult): result is AppendSuccess {
  return result.status === "success";
}
/** The stream was not at the expected version; nothing was written. */
export function isAppendConflict(result: AppendResult): result is AppendConflict {
  return result.status === "conflict";
}
/** The batch was stored before under the same idempotency keys; the originals are returned. */
export function isAppendDuplicate(result: AppendResult): result is AppendDuplicate {
  return result.status === "duplicate";
}
/** An idempotency key was reused with other content; nothing was written but an audit record. */
export function isIdempotencyConflict(result: AppendResult): result is IdempotencyConflict {
  return result.status === "idempotency_conflict";
}
/** The scope was not at the expected version; nothing was written. */
export function isScopeConflict(
  result: CommitScopeResult,
): result is Extract<CommitScopeResult, { status: "conflict" }> {
  return result.status === "conflict";
}

const noUpcasters = defineUpcasters({});

/**
 * Typed access to the eventStore component from an app's queries, mutations and actions.
 *
 * @example
 * // convex/convex.config.ts
 * import eventStore from "@convex-es/platform-store/convex.config";
 * app.use(eventStore);
 * // convex/orders.ts
 * const store = new EventStore(components.eventStore, { upcasters });
 */
export class EventStore {
  private readonly upcasters: Upcasters;
  private readonly settleMs: number | undefined;

  constructor(
    public readonly component: EventStoreComponent,
    options: EventStoreOptions = {},
  ) {
    if (options.settleMs !== undefined) checkSettleMs(options.settleMs);
    this.upcasters = options.upcasters ?? noUpcasters;
    this.settleMs = options.settleMs;
  }

  private upcast(event: EventEnvelope): EventEnvelope {
    return this.upcasters.upcast(event);
  }

  private complete<T extends Omit<EventInput, "category" | "schemaVersion">>(
    event: T & { category?: EventCategory; schemaVersion?: number },
  ): T & { category: EventCategory; schemaVersion: number } {
    return {
      ...event,
      category: event.category ?? "domain",
      schemaVersion: event.schemaVersion ?? this.upcasters.currentVersion(event.eventType),
    };
  }

  /**
   * Appends events to one stream if it is at `expectedVersion`; returns success, conflict,
   * duplicate or idempotency_conflict as values.
   *
   * @example
   * const result = await store.appendToStream(ctx, {
   *   stream: { streamType: "Order", streamId: "ord-1", boundedContext: "orders" },
   *   expectedVersion: 0,
   *   events: [{ eventType: "OrderCreated", payload: { orderId: "ord-1" }, metadata: { correlationId } }],
   * });
   * if (isAppendConflict(result)) // reload and decide again
   */
  async appendToStream(ctx: RunMutationCtx, input: AppendInput): Promise<AppendResult> {
    return await ctx.runMutation(this.component.lib.appendToStream, {
      stream: input.stream,
      expectedVersion: input.expectedVersion,
      events: input.events.map((event) => this.complete(event)),
    });
  }

  /**
   * Reads one stream in version order, upcast to the current schemas. A tenant's stream is read
   * only with its `tenantId`, a stream without tenant only without one (TENANT_MISMATCH).
   *
   * @example
   * const { events, isDone, nextVersion } = await store.readStream(ctx, { streamType: "Order", streamId: "ord-1", tenantId, limit: 100 });
   */
  async readStream(ctx: RunQueryCtx, args: ReadStreamArgs): Promise<StreamPage> {
    const page = await ctx.runQuery(this.component.lib.readStream, args);
    return { ...page, events: page.events.map((event) => this.upcast(event)) };
  }

  /**
   * Catch-up read of all streams after `after`, below the high-water mark; store `nextPosition`
   * as the checkpoint and call again. It returns the events of one tenancy:
   * - `tenantId`: that tenant's events only;
   * - neither: events without tenant only, so a reader that forgets its tenant sees no tenant's
   *   data;
   * - `allTenants: true`: every tenant's events. Only for trusted platform infrastructure
   *   (projections, the event bus, replays) that must see everything; never pass it on behalf
   *   of a tenant's request. With `tenantId` it is refused (INVALID_READ_FILTER).
   *
   * @example
   * // a projection of the whole system
   * const page = await store.readFromPosition(ctx, { after: checkpoint, limit: 200, eventTypes: ["OrderCreated"], allTenants: true });
   * checkpoint = page.nextPosition;
   * // a tenant's own feed
   * const feed = await store.readFromPosition(ctx, { after, limit: 50, tenantId });
   */
  async readFromPosition(ctx: RunQueryCtx, args: ReadFromPositionArgs): Promise<PositionPage> {
    const settleMs = args.settleMs ?? this.settleMs;
    const page = await ctx.runQuery(this.component.lib.readFromPosition, {
      ...args,
      ...(settleMs === undefined ? {} : { settleMs }),
    });
    return { ...page, events: page.events.map((event) => this.upcast(event)) };
  }

  /**
   * The stream's version, 0 when it does not exist. Same tenant rule as `readStream`.
   *
   * @example
   * const version = await store.getStreamVersion(ctx, { streamType: "Order", streamId: "ord-1", tenantId });
   */
  async getStreamVersion(ctx: RunQueryCtx, args: StreamVersionArgs): Promise<number> {
    return await ctx.runQuery(this.component.lib.getStreamVersion, args);
  }

  /**
   * Events that share a correlation id, in position order. Same tenancy as `readFromPosition`:
   * a tenant's events with `tenantId`, events without tenant without it, every tenant's with
   * `allTenants: true` (trusted platform code only).
   *
   * @example
   * const { events } = await store.readByCorrelationId(ctx, { correlationId, tenantId, limit: 50 });
   */
  async readByCorrelationId(ctx: RunQueryCtx, args: ReadByCorrelationIdArgs): Promise<EventPage> {
    const page = await ctx.runQuery(this.component.lib.readByCorrelationId, args);
    return { ...page, events: page.events.map((event) => this.upcast(event)) };
  }

  /**
   * One event by id, or null when there is none. An event of a tenant is returned only with its
   * `tenantId`, an event without tenant only without one (TENANT_MISMATCH).
   *
   * @example
   * const event = await store.getEventById(ctx, result.events[0].eventId, { tenantId });
   */
  async getEventById(
    ctx: RunQueryCtx,
    eventId: string,
    options: { tenantId?: string } = {},
  ): Promise<EventEnvelope | null> {
    const event = await ctx.runQuery(this.component.lib.getEventById, { eventId, ...options });
    return event === null ? null : this.upcast(event);
  }

  /**
   * The event stored under an idempotency key of the caller's tenant, or null. Keys are unique
   * per tenant: without `tenantId` the key is looked up among events without tenant.
   *
   * @example
   * const event = await store.getEventByIdempotencyKey(ctx, { idempotencyKey: "pay-42", tenantId });
   */
  async getEventByIdempotencyKey(
    ctx: RunQueryCtx,
    args: EventByIdempotencyKeyArgs,
  ): Promise<EventEnvelope | null> {
    const event = await ctx.runQuery(this.component.lib.getEventByIdempotencyKey, args);
    return event === null ? null : this.upcast(event);
  }

  /**
   * Audit records of appends that reused an idempotency key with other content, for the
   * caller's tenant (without `tenantId`: appends without tenant).
   *
   * @example
   * const audits = await store.readIdempotencyConflicts(ctx, { idempotencyKey: "pay-42", limit: 10 });
   */
  async readIdempotencyConflicts(
    ctx: RunQueryCtx,
    args: { idempotencyKey: string; tenantId?: string; limit: number },
  ): Promise<IdempotencyConflictRecord[]> {
    return await ctx.runQuery(this.component.lib.readIdempotencyConflicts, args);
  }

  /**
   * Commits a decision's events to the streams of a scope if the scope is still at
   * `expectedVersion` (read it with `readVirtualStream`).
   *
   * @example
   * const page = await store.readVirtualStream(ctx, { scopeKey, tenantId, limit: 500 });
   * const output = decider.decide(fold(decider, page.events), command, context);
   * if (output.status === "success")
   *   await store.commitScope(ctx, { scopeKey, tenantId, expectedVersion: page.scopeVersion, events });
   */
  async commitScope(ctx: RunMutationCtx, input: CommitScopeInput): Promise<CommitScopeResult> {
    return await ctx.runMutation(this.component.lib.commitScope, {
      scopeKey: input.scopeKey,
      tenantId: input.tenantId,
      expectedVersion: input.expectedVersion,
      events: input.events.map((event) => ({
        ...this.complete(event),
        scopeKey: event.scopeKey ?? input.scopeKey,
        tenantId: event.tenantId ?? input.tenantId,
      })),
    });
  }

  /**
   * All events of a scope across its streams, in position order, with the scope's version.
   * A tenant other than the scope's gets TENANT_MISMATCH.
   *
   * @example
   * const page = await store.readVirtualStream(ctx, { scopeKey, tenantId, limit: 500 });
   */
  async readVirtualStream(
    ctx: RunQueryCtx,
    args: { scopeKey: string; tenantId: string; after?: number; limit: number },
  ): Promise<VirtualStreamPage> {
    const page = await ctx.runQuery(this.component.lib.readVirtualStream, args);
    return { ...page, events: page.events.map((event) => this.upcast(event)) };
  }

  /**
   * The scope's record (version, bounded context, stream count), or null before its first commit.
   *
   * @example
   * const scope = await store.getScope(ctx, { scopeKey, tenantId });
   */
  async getScope(
    ctx: RunQueryCtx,
    args: { scopeKey: string; tenantId: string },
  ): Promise<Scope | null> {
    return await ctx.runQuery(this.component.lib.getScope, args);
  }
}
