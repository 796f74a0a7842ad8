// Steps 5 and 6 of a command: its events go to the entity's stream (at the CMS version the
// decision was made on), to its scope (DCB), or, for a failure, to the failure stream; then the
// projection hook hears of them.
import type { CommandDefinition, ProjectionDefinition } from "@convex-es/platform-bc";
import type { AppendResult, EventInput } from "@convex-es/platform-store";
import { eventMetadataFor } from "../correlation/eventMetadata.js";
import { definedShapeOf } from "../handlers/handlerResult.js";
import type { HandlerEvent, HandlerResult } from "../handlers/handlerResult.js";
import { orchestratorError } from "./errors.js";
import type { Execution } from "./execution.js";
import { assertNoEventStreams, commitScopeEvents, scopeTenantOf } from "./scopeCommit.js";
import type { EventsAppended, TriggeredProjection } from "./types.js";

type Succeeded = Extract<HandlerResult, { status: "success" }>;
type Failed = Extract<HandlerResult, { status: "failed" }>;

/** Appended to an entity's streamType to name the stream its failure audit events go to. */
export const FAILURE_STREAM_SUFFIX = "Failures";

/**
 * The streamType of the audit stream a failed command's event goes to: the entity's streamType
 * plus `Failures` (`Counter` -> `CounterFailures`), same streamId, bounded context and tenant.
 * It is appended with `expectedVersion: "any"`, so failures never move the entity stream's
 * version, which the CMS version mirrors for optimistic concurrency.
 *
 * @example
 * await eventStore.readStream(ctx, { streamType: failureStreamTypeOf("Counter"), streamId, limit: 100 });
 */
export function failureStreamTypeOf(streamType: string): string {
  return `${streamType}${FAILURE_STREAM_SUFFIX}`;
}

function projectionName(projection: string | ProjectionDefinition): string {
  return typeof projection === "string" ? projection : projection.projectionName;
}

/** 5. A scope (DCB) handler's events, committed to its scope at the version it decided on. */
export async function commitToScope<
  TDefinition extends CommandDefinition,
  THandlerArgs extends Record<string, unknown>,
>(
  run: Execution<TDefinition, THandlerArgs>,
  handled: Succeeded,
  scopeKey: string,
): Promise<string[]> {
  const { chain } = run;
  const tenantId = scopeTenantOf(run.command.tenantId, scopeKey);
  const committed = await commitScopeEvents(
    run.eventStore,
    run.ctx,
    {
      commandId: chain.commandId,
      scopeKey,
      tenantId,
      boundedContext: run.config.definition.boundedContext,
      expectedVersion: handled.cmsVersionBefore,
      events: handled.events,
      metadata: eventMetadataFor(chain, { timestamp: run.context.now }),
    },
    run.logger,
  );
  await triggerProjections(run, {
    streamType: handled.streamType,
    streamId: handled.streamId,
    streamVersion: committed.scopeVersion,
    tenantId,
    scopeKey,
    eventIds: committed.eventIds,
  });
  return committed.eventIds;
}

/** 5. An entity handler's events, appended with the CMS version as expected version. */
export async function appendToEntityStream<
  TDefinition extends CommandDefinition,
  THandlerArgs extends Record<string, unknown>,
>(run: Execution<TDefinition, THandlerArgs>, handled: Succeeded): Promise<string[]> {
  const { chain, command } = run;
  assertNoEventStreams(chain.commandId, handled.events);
  const { boundedContext } = run.config.definition;
  const metadata = eventMetadataFor(chain, { timestamp: run.context.now });
  const stream = {
    streamType: handled.streamType,
    streamId: handled.streamId,
    boundedContext,
    ...(command.tenantId !== undefined && { tenantId: command.tenantId }),
  };
  const appended: AppendResult = await run.eventStore.appendToStream(run.ctx, {
    stream,
    expectedVersion: handled.cmsVersionBefore,
    events: handled.events.map((event): EventInput => ({
      eventType: event.eventType,
      payload: event.payload,
      ...definedShapeOf(event),
      metadata,
    })),
  });
  if (appended.status === "conflict") {
    // The handler already wrote the CMS in this transaction. Returning a `failed` value would
    // commit a CMS change without its events, so the whole command rolls back instead; nothing
    // is recorded and the same commandId may run again. Convex retries transactions that
    // conflict on the same documents, so a conflict that reaches us means the CMS and the
    // stream disagree (events appended outside this CMS): an operator must reconcile them.
    run.logger?.error("stream and CMS disagree", {
      commandId: chain.commandId,
      streamType: stream.streamType,
      streamId: stream.streamId,
      expectedVersion: handled.cmsVersionBefore,
      currentVersion: appended.currentVersion,
    });
    throw orchestratorError({
      code: "CONCURRENT_MODIFICATION",
      message: `stream ${stream.streamType}/${stream.streamId} is at version ${appended.currentVersion} but the CMS of ${boundedContext} decided on version ${handled.cmsVersionBefore}; the command was rolled back`,
      commandId: chain.commandId,
      expectedVersion: handled.cmsVersionBefore,
      currentVersion: appended.currentVersion,
    });
  }
  if (appended.status !== "success") {
    throw orchestratorError({
      code: "UNEXPECTED_APPEND_RESULT",
      message: `appending the events of command ${chain.commandId} answered ${appended.status}; the orchestrator sets no idempotency keys, so only success or conflict was expected`,
      commandId: chain.commandId,
    });
  }
  const eventIds = appended.events.map((event) => event.eventId);
  await triggerProjections(run, {
    streamType: stream.streamType,
    streamId: stream.streamId,
    streamVersion: appended.streamVersion,
    ...(command.tenantId !== undefined && { tenantId: command.tenantId }),
    eventIds,
  });
  return eventIds;
}

/** 6. Projection trigger: the hook gets the triggered projections and their partition keys. */
async function triggerProjections<
  TDefinition extends CommandDefinition,
  THandlerArgs extends Record<string, unknown>,
>(
  run: Execution<TDefinition, THandlerArgs>,
  target: Pick<
    EventsAppended,
    "streamType" | "streamId" | "streamVersion" | "tenantId" | "scopeKey" | "eventIds"
  >,
): Promise<void> {
  if (run.onEventsAppended === undefined) return;
  const { commandType, boundedContext } = run.config.definition;
  const projections: TriggeredProjection[] = (run.config.projections ?? []).map((trigger) => ({
    projection: projectionName(trigger.projection),
    partitionKey: trigger.partitionKey({
      commandType,
      payload: run.payload,
      streamId: target.streamId,
      ...(target.tenantId !== undefined && { tenantId: target.tenantId }),
      correlation: run.chain,
    }),
  }));
  await run.onEventsAppended(run.ctx, {
    commandType,
    boundedContext,
    ...target,
    correlation: run.chain,
    projections,
  });
}

/**
 * 5'. A failed command's audit event, appended to `failureStreamTypeOf(streamType)` with
 * `expectedVersion: "any"`: no CMS row tracks that stream, so there is nothing to compare,
 * and the entity stream's version (which the CMS mirrors) is left alone. No projection hook.
 */
export async function appendFailureEvent<
  TDefinition extends CommandDefinition,
  THandlerArgs extends Record<string, unknown>,
>(
  run: Execution<TDefinition, THandlerArgs>,
  handled: Failed,
  event: HandlerEvent,
): Promise<string[]> {
  const { chain, command } = run;
  // A scope's failures go to the scope's failure stream, in the scope's tenant.
  const tenantId =
    handled.scopeKey === undefined
      ? command.tenantId
      : scopeTenantOf(command.tenantId, handled.scopeKey);
  const stream = {
    streamType: failureStreamTypeOf(handled.streamType),
    streamId: handled.streamId,
    boundedContext: run.config.definition.boundedContext,
    ...(tenantId !== undefined && { tenantId }),
  };
  const appended: AppendResult = await run.eventStore.appendToStream(run.ctx, {
    stream,
    expectedVersion: "any",
    events: [
      {
        eventType: event.eventType,
        payload: event.payload,
        category: "domain",
        ...definedShapeOf(event),
        metadata: eventMetadataFor(chain, { timestamp: run.context.now }),
      },
    ],
  });
  if (appended.status !== "success") {
    throw orchestratorError({
      code: "UNEXPECTED_APPEND_RESULT",
      message: `appending the audit event of failed command ${chain.commandId} to ${stream.streamType}/${stream.streamId} answered ${appended.status}; with expectedVersion "any" and no idempotency key only success was expected`,
      commandId: chain.commandId,
    });
  }
  return appended.events.map((appendedEvent) => appendedEvent.eventId);
}
