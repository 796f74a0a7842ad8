// Dynamic Consistency Boundaries: one OCC point (the dcbScopes row) for events of several streams.
import { eventStoreError } from "../shared/errors.js";
import { checkReadLimit } from "../shared/limits.js";
import { checkPosition } from "../shared/positions.js";
import { parseScopeKey } from "../shared/scopeKey.js";
import type { ParsedScopeKey } from "../shared/scopeKey.js";
import type {
  CommitScopeArgs,
  CommitScopeResult,
  ReadVirtualStreamArgs,
  Scope,
  ScopeCommittedEvent,
  StreamRef,
  VirtualStreamPage,
} from "../shared/validators.js";
import type { Doc } from "./_generated/dataModel.js";
import type { MutationCtx, QueryCtx } from "./_generated/server.js";
import { checkEvents, checkStream, checkStreamOwner, eventDocument, streamRow } from "./append.js";
import { toEnvelope } from "./envelope.js";
import { claimPositions } from "./globalPositions.js";

/** Parses the key and refuses a caller of another tenant (without saying whether it exists). */
function scopeOfTenant(scopeKey: string, tenantId: string): ParsedScopeKey {
  const scope = parseScopeKey(scopeKey);
  if (scope.tenantId !== tenantId) {
    throw eventStoreError(
      "TENANT_MISMATCH",
      `Tenant "${tenantId}" may not use the scope ${scopeKey}; expected a scope key of the form tenant:${tenantId}:<scopeType>:<scopeId>`,
      { scopeKey, tenantId },
    );
  }
  return scope;
}

async function scopeRow(ctx: QueryCtx, scopeKey: string): Promise<Doc<"dcbScopes"> | null> {
  return await ctx.db
    .query("dcbScopes")
    .withIndex("by_scope_key", (q) => q.eq("scopeKey", scopeKey))
    .unique();
}

function checkScopedEvents(scope: ParsedScopeKey, args: CommitScopeArgs): string {
  checkEvents(args.events);
  const boundedContext = args.events[0]!.boundedContext;
  for (const [index, event] of args.events.entries()) {
    checkStream(event);
    if (event.scopeKey !== scope.scopeKey) {
      throw eventStoreError(
        "SCOPE_KEY_MISMATCH",
        `Event ${index} (${event.eventType}) carries the scope key ${event.scopeKey}; expected ${scope.scopeKey}, the scope being committed`,
        { index, scopeKey: event.scopeKey, expected: scope.scopeKey },
      );
    }
    if (event.tenantId !== scope.tenantId) {
      throw eventStoreError(
        "TENANT_MISMATCH",
        `Event ${index} (${event.eventType}) belongs to tenant "${event.tenantId}"; expected "${scope.tenantId}", the tenant of the scope`,
        { index, tenantId: event.tenantId, expected: scope.tenantId },
      );
    }
    if (event.boundedContext !== boundedContext) {
      throw eventStoreError(
        "CROSS_BOUNDED_CONTEXT_SCOPE",
        `Event ${index} (${event.eventType}) belongs to bounded context "${event.boundedContext}" and event 0 to "${boundedContext}"; expected one bounded context per scope (cross-context invariants need a saga)`,
        { index, boundedContext: event.boundedContext, expected: boundedContext },
      );
    }
  }
  return boundedContext;
}

type StreamState = { ref: StreamRef; row: Doc<"streams"> | null; version: number };

/**
 * Commits the events of one decision to the streams of a scope, all or nothing: the scope's
 * version must still be `expectedVersion`, then it is bumped once.
 */
export async function commitScope(
  ctx: MutationCtx,
  args: CommitScopeArgs,
): Promise<CommitScopeResult> {
  const scope = scopeOfTenant(args.scopeKey, args.tenantId);
  if (!Number.isSafeInteger(args.expectedVersion) || args.expectedVersion < 0) {
    throw eventStoreError(
      "INVALID_EXPECTED_VERSION",
      `expectedVersion is ${args.expectedVersion}; expected the scope version as an integer of 0 or more (0: no commit yet)`,
      { expectedVersion: args.expectedVersion },
    );
  }
  const boundedContext = checkScopedEvents(scope, args);
  const row = await scopeRow(ctx, scope.scopeKey);
  if (row !== null && row.boundedContext !== boundedContext) {
    throw eventStoreError(
      "CROSS_BOUNDED_CONTEXT_SCOPE",
      `The scope ${scope.scopeKey} belongs to bounded context "${row.boundedContext}"; expected its events to stay in it, not "${boundedContext}"`,
      { scopeKey: scope.scopeKey, boundedContext, expected: row.boundedContext },
    );
  }
  const currentVersion = row?.version ?? 0;
  if (currentVersion !== args.expectedVersion) {
    return { status: "conflict", currentVersion, expectedVersion: args.expectedVersion };
  }

  const streams = new Map<string, StreamState>();
  let lastGlobalPosition = row?.lastGlobalPosition ?? 0;
  for (const event of args.events) {
    const key = JSON.stringify([event.streamType, event.streamId]);
    if (streams.has(key)) continue;
    const ref = {
      streamType: event.streamType,
      streamId: event.streamId,
      boundedContext,
      tenantId: scope.tenantId,
    };
    const existing = await streamRow(ctx, event.streamType, event.streamId);
    if (existing !== null) {
      checkStreamOwner(existing, ref);
      if (existing.scopeKey !== scope.scopeKey) {
        throw eventStoreError(
          "STREAM_NOT_IN_SCOPE",
          `Stream ${event.streamType}/${event.streamId} was created outside the scope ${scope.scopeKey}; expected a new stream or one created by this scope`,
          { streamType: event.streamType, streamId: event.streamId, scopeKey: scope.scopeKey },
        );
      }
      lastGlobalPosition = Math.max(lastGlobalPosition, existing.lastGlobalPosition);
    }
    streams.set(key, { ref, row: existing, version: existing?.version ?? 0 });
  }

  const nowMs = Date.now();
  const first = await claimPositions(ctx, nowMs, lastGlobalPosition, args.events.length);
  const committed: ScopeCommittedEvent[] = [];
  for (const [index, event] of args.events.entries()) {
    const state = streams.get(JSON.stringify([event.streamType, event.streamId]))!;
    state.version += 1;
    const globalPosition = first + index;
    const id = await ctx.db.insert(
      "events",
      eventDocument(state.ref, event, state.version, globalPosition, nowMs, scope.scopeKey),
    );
    committed.push({
      eventId: id as string,
      streamType: event.streamType,
      streamId: event.streamId,
      version: state.version,
      globalPosition,
    });
  }
  const last = first + args.events.length - 1;
  let newStreams = 0;
  for (const state of streams.values()) {
    const positions = committed.filter(
      (event) => event.streamType === state.ref.streamType && event.streamId === state.ref.streamId,
    );
    const streamLast = positions.at(-1)!.globalPosition;
    if (state.row === null) {
      newStreams += 1;
      await ctx.db.insert("streams", {
        ...state.ref,
        version: state.version,
        lastGlobalPosition: streamLast,
        scopeKey: scope.scopeKey,
        createdAt: nowMs,
        updatedAt: nowMs,
      });
    } else {
      await ctx.db.patch("streams", state.row._id, {
        version: state.version,
        lastGlobalPosition: streamLast,
        updatedAt: nowMs,
      });
    }
  }
  const scopeVersion = currentVersion + 1;
  if (row === null) {
    await ctx.db.insert("dcbScopes", {
      scopeKey: scope.scopeKey,
      tenantId: scope.tenantId,
      scopeType: scope.scopeType,
      scopeId: scope.scopeId,
      boundedContext,
      version: scopeVersion,
      lastGlobalPosition: last,
      streamCount: newStreams,
      createdAt: nowMs,
      updatedAt: nowMs,
    });
  } else {
    await ctx.db.patch("dcbScopes", row._id, {
      version: scopeVersion,
      lastGlobalPosition: last,
      streamCount: row.streamCount + newStreams,
      updatedAt: nowMs,
    });
  }
  return { status: "success", scopeVersion, events: committed };
}

/** All events of a scope across its streams, in position order (scope commits are serialised). */
export async function readVirtualStream(
  ctx: QueryCtx,
  args: ReadVirtualStreamArgs,
): Promise<VirtualStreamPage> {
  const scope = scopeOfTenant(args.scopeKey, args.tenantId);
  const after = args.after ?? 0;
  checkPosition("after", after);
  checkReadLimit(args.limit);
  const row = await scopeRow(ctx, scope.scopeKey);
  const docs = await ctx.db
    .query("events")
    .withIndex("by_scope_and_position", (q) =>
      q.eq("scopeKey", scope.scopeKey).gt("globalPosition", after),
    )
    .take(args.limit + 1);
  const events = docs.slice(0, args.limit).map(toEnvelope);
  return {
    events,
    scopeVersion: row?.version ?? 0,
    nextPosition: events.at(-1)?.globalPosition ?? after,
    isDone: docs.length <= args.limit,
  };
}

export async function getScope(
  ctx: QueryCtx,
  args: { scopeKey: string; tenantId: string },
): Promise<Scope | null> {
  const scope = scopeOfTenant(args.scopeKey, args.tenantId);
  const row = await scopeRow(ctx, scope.scopeKey);
  if (row === null) return null;
  return {
    scopeKey: row.scopeKey,
    tenantId: row.tenantId,
    scopeType: row.scopeType,
    scopeId: row.scopeId,
    boundedContext: row.boundedContext,
    version: row.version,
    streamCount: row.streamCount,
    lastGlobalPosition: row.lastGlobalPosition,
  };
}
