import { parseScopeKey } from "@convex-es/platform-store";
import type { CommitScopeResult, EventStore, ScopedEventInput } from "@convex-es/platform-store";
import type { EventMetadata } from "../correlation/types.js";
import { definedShapeOf } from "../handlers/handlerResult.js";
import type { HandlerEvent } from "../handlers/handlerResult.js";
import type { Logger } from "../logging/createLogger.js";
import { orchestratorError } from "./errors.js";
import type { OrchestratorCtx } from "./types.js";

/** What the orchestrator commits for a scope (DCB) handler's success. */
export interface ScopeCommit {
  readonly commandId: string;
  readonly scopeKey: string;
  readonly tenantId: string;
  readonly boundedContext: string;
  /** The scope version the handler's CMS decided on. */
  readonly expectedVersion: number;
  readonly events: readonly HandlerEvent[];
  readonly metadata: EventMetadata;
}

/**
 * The tenant of a scope command: the command's, or else the scope key's (a scope always has one).
 * A command naming another tenant than its scope's is refused by the store (TENANT_MISMATCH).
 */
export function scopeTenantOf(commandTenantId: string | undefined, scopeKey: string): string {
  return commandTenantId ?? parseScopeKey(scopeKey).tenantId;
}

/** Entity (stream) handlers return events without a stream: they all go to the entity's. */
export function assertNoEventStreams(commandId: string, events: readonly HandlerEvent[]): void {
  const named = events.find(
    (event) => event.streamType !== undefined || event.streamId !== undefined,
  );
  if (named !== undefined) {
    throw orchestratorError({
      code: "INVALID_HANDLER_RESULT",
      message: `the handler of command ${commandId} named a stream for event ${named.eventType} but no scopeKey; only scope (DCB) handlers name a stream per event, an entity handler's events go to its stream`,
      commandId,
    });
  }
}

function scopedEvent(commit: ScopeCommit, event: HandlerEvent): ScopedEventInput {
  if (event.streamType === undefined || event.streamId === undefined) {
    throw orchestratorError({
      code: "INVALID_HANDLER_RESULT",
      message: `the scope handler of command ${commit.commandId} returned event ${event.eventType} without its stream; every event of a scope commit names its streamType and streamId`,
      commandId: commit.commandId,
    });
  }
  return {
    streamType: event.streamType,
    streamId: event.streamId,
    boundedContext: commit.boundedContext,
    eventType: event.eventType,
    payload: event.payload,
    ...definedShapeOf(event),
    metadata: commit.metadata,
  };
}

/**
 * Step 5 of a scope command: commits the handler's events to the streams of its scope, the
 * scope at the version the CMS decided on. A conflict means the scope and its CMS disagree
 * (events committed outside this CMS): the CMS was already written in this transaction, so the
 * whole command rolls back (CONCURRENT_MODIFICATION), as for a stream.
 */
export async function commitScopeEvents(
  eventStore: EventStore,
  ctx: OrchestratorCtx,
  commit: ScopeCommit,
  logger?: Logger,
): Promise<{ eventIds: string[]; scopeVersion: number }> {
  const result: CommitScopeResult = await eventStore.commitScope(ctx, {
    scopeKey: commit.scopeKey,
    tenantId: commit.tenantId,
    expectedVersion: commit.expectedVersion,
    events: commit.events.map((event) => scopedEvent(commit, event)),
  });
  if (result.status === "conflict") {
    logger?.error("scope and CMS disagree", {
      commandId: commit.commandId,
      scopeKey: commit.scopeKey,
      expectedVersion: commit.expectedVersion,
      currentVersion: result.currentVersion,
    });
    throw orchestratorError({
      code: "CONCURRENT_MODIFICATION",
      message: `scope ${commit.scopeKey} is at version ${result.currentVersion} but the CMS of ${commit.boundedContext} decided on version ${commit.expectedVersion}; the command was rolled back`,
      commandId: commit.commandId,
      expectedVersion: commit.expectedVersion,
      currentVersion: result.currentVersion,
    });
  }
  return {
    eventIds: result.events.map((event) => event.eventId),
    scopeVersion: result.scopeVersion,
  };
}
