import type { CommandDefinition, ProjectionDefinition } from "@convex-es/platform-bc";
import type { CommandBus } from "@convex-es/platform-bus";
import type { DecisionContext, DeciderRejected } from "@convex-es/platform-decider";
import type { AppendResult, EventInput, EventStore } from "@convex-es/platform-store";
import type { Value } from "convex/values";
import type { PayloadOf } from "../commands/commandConfig.js";
import { createCorrelationChain } from "../correlation/correlationChain.js";
import { commandRecordCorrelation, eventMetadataFor } from "../correlation/eventMetadata.js";
import type { CorrelationChain } from "../correlation/types.js";
import { isCoreError } from "../errors/coreError.js";
import type { HandlerEvent, HandlerResult } from "../handlers/handlerResult.js";
import type { Logger } from "../logging/createLogger.js";
import { createMiddlewareContext } from "../middleware/context.js";
import { createMiddlewarePipeline } from "../middleware/pipeline.js";
import type { MiddlewarePipeline } from "../middleware/pipeline.js";
import type { Middleware, MiddlewareContext } from "../middleware/types.js";
import { orchestratorError } from "./errors.js";
import { payloadHash } from "./payloadHash.js";
import { fromDuplicate, toOutcome } from "./outcomes.js";
import type { Decided } from "./outcomes.js";
import { assertNoEventStreams, commitScopeEvents, scopeTenantOf } from "./scopeCommit.js";
import type {
  CommandInput,
  CommandOutcome,
  EventsAppended,
  HandlerReference,
  OnEventsAppended,
  OrchestratedCommandConfig,
  OrchestratorCtx,
  TriggeredProjection,
} from "./types.js";

export interface CommandOrchestratorOptions {
  readonly eventStore: EventStore;
  readonly commandBus: CommandBus;
  /** Run in registration order around the handler; an early exit records `rejected`. */
  readonly middleware?: readonly Middleware[];
  readonly logger?: Logger;
  /** Step 6, the projection trigger: called in the command's transaction after the append. */
  readonly onEventsAppended?: OnEventsAppended;
  /** The decision clock; default `Date.now` (a mutation's start time in Convex). */
  readonly now?: () => number;
}

/** The code recorded for a decider's `failed` output. */
export const HANDLER_FAILED = "HANDLER_FAILED";

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

/**
 * Runs commands: one mutation, seven steps (idempotency check, middleware, bounded-context
 * handler, rejection exit, event append with the CMS version as expected version, projection
 * trigger hook, final status). Four component calls on the synchronous path; see the README.
 *
 * @example
 * const orchestrator = new CommandOrchestrator({
 *   eventStore: new EventStore(components.eventStore),
 *   commandBus: new CommandBus(components.commandBus),
 *   middleware: [loggingMiddleware(logger), validationMiddleware()],
 * });
 * export const increment = mutation({
 *   args: { commandId: v.string(), correlationId: v.string(), counterId: v.string() },
 *   handler: async (ctx, args) =>
 *     orchestrator.execute(ctx, incrementConfig, {
 *       commandId: args.commandId, correlationId: args.correlationId,
 *       caller: callerFromUserIdentity(await ctx.auth.getUserIdentity()),
 *       payload: { counterId: args.counterId },
 *     }),
 * });
 */
export class CommandOrchestrator {
  private readonly pipeline: MiddlewarePipeline | undefined;

  constructor(private readonly options: CommandOrchestratorOptions) {
    const middleware = options.middleware ?? [];
    this.pipeline = middleware.length > 0 ? createMiddlewarePipeline([...middleware]) : undefined;
  }

  /**
   * Executes one command in the running mutation and returns its outcome. Rejections and
   * failures are returned (and recorded); only a version conflict between the CMS and the
   * stream, a reused commandId or a programming error throws, rolling everything back.
   */
  async execute<
    TDefinition extends CommandDefinition,
    THandlerArgs extends Record<string, unknown>,
  >(
    ctx: OrchestratorCtx,
    config: OrchestratedCommandConfig<TDefinition, THandlerArgs>,
    command: CommandInput,
  ): Promise<CommandOutcome> {
    const { commandType, boundedContext } = config.definition;
    const chain = this.chainOf(command);
    const identity = {
      commandId: chain.commandId,
      commandType,
      boundedContext,
      payloadHash: payloadHash(command.payload),
    };

    // 1. Idempotency: a known commandId answers its stored outcome and runs nothing.
    const check = await this.options.commandBus.checkCommand(ctx, identity);
    if (!check.isNew) {
      this.options.logger?.info("duplicate command", { commandId: chain.commandId, commandType });
      return fromDuplicate(check);
    }

    // 2-5. Middleware around the handler, the rejection exit and the append.
    const context: DecisionContext = {
      now: (this.options.now ?? Date.now)(),
      commandId: chain.commandId,
      correlationId: chain.correlationId,
    };
    const run = (mctx: MiddlewareContext) =>
      this.decide(
        ctx,
        config,
        command,
        chain,
        context,
        mctx.command.payload as PayloadOf<TDefinition>,
      );
    const middlewareCtx = createMiddlewareContext({
      config,
      payload: command.payload,
      correlation: chain,
      caller: command.caller,
      mutationCtx: ctx,
    });
    const decided: Decided | DeciderRejected =
      this.pipeline === undefined
        ? await run(middlewareCtx)
        : await this.pipeline.execute(middlewareCtx, run);

    // 7. The final status, result and event ids in one write.
    const outcome = toOutcome(chain.commandId, decided);
    const recorded = await this.options.commandBus.recordCommand(ctx, {
      ...identity,
      ...commandRecordCorrelation(chain),
      ...("result" in decided && decided.status === "success"
        ? { targetStreamId: decided.result.streamId }
        : {}),
      outcome: {
        status: outcome.status as "executed" | "rejected" | "failed",
        result: outcome.result,
        ...(outcome.status === "rejected" ? {} : { eventIds: [...outcome.eventIds] }),
      },
    });
    if (!recorded.isNew) {
      // Another execution of this commandId committed since step 1: undo ours.
      throw orchestratorError({
        code: "DUPLICATE_COMMAND",
        message: `command ${chain.commandId} was recorded by another execution while this one ran; its writes were rolled back`,
        commandId: chain.commandId,
        stored: "conflict" in recorded ? null : ((recorded.result as Value | undefined) ?? null),
      });
    }
    return outcome;
  }

  private chainOf(command: CommandInput): CorrelationChain {
    try {
      return createCorrelationChain({
        commandId: command.commandId,
        correlationId: command.correlationId,
        ...(command.causationId !== undefined && { causationId: command.causationId }),
        ...(command.caller !== null && { userId: command.caller.userId }),
      });
    } catch (error) {
      if (!isCoreError(error)) throw error;
      throw orchestratorError({
        code: "INVALID_COMMAND",
        message: error.message,
        commandId: String(command.commandId),
      });
    }
  }

  private async decide<
    TDefinition extends CommandDefinition,
    THandlerArgs extends Record<string, unknown>,
  >(
    ctx: OrchestratorCtx,
    config: OrchestratedCommandConfig<TDefinition, THandlerArgs>,
    command: CommandInput,
    chain: CorrelationChain,
    context: DecisionContext,
    payload: PayloadOf<TDefinition>,
  ): Promise<Decided> {
    // 3. The bounded context decides and writes its CMS in this transaction.
    const handler = config.handler as HandlerReference;
    const handled: HandlerResult = await ctx.runMutation(
      handler,
      config.toHandlerArgs(payload, context) as Record<string, unknown>,
    );
    // 4. A rejection emits nothing.
    if (handled.status === "rejected") {
      return {
        status: "rejected",
        code: handled.code,
        result: {
          code: handled.code,
          message: handled.message,
          ...(handled.context !== undefined && { context: handled.context }),
        },
      };
    }
    if (handled.status === "failed") {
      // 5'. A failure's audit event goes to the failure stream, outside the entity's OCC.
      const eventIds =
        handled.event === undefined
          ? []
          : await this.appendFailure(ctx, config, command, chain, context, handled, handled.event);
      return {
        status: "failed",
        reason: handled.reason,
        eventIds,
        result: {
          code: HANDLER_FAILED,
          message: handled.reason,
          ...(handled.context !== undefined && { context: handled.context }),
        },
      };
    }
    // 5. Append with the CMS version the decision was made on; a scope (DCB) handler's events
    // are committed to its scope instead, the scope at that version.
    const eventIds =
      handled.events.length === 0
        ? []
        : handled.scopeKey !== undefined
          ? await this.commitScope(ctx, config, command, chain, context, handled, payload, {
              scopeKey: handled.scopeKey,
            })
          : await this.append(ctx, config, command, chain, context, handled, payload);
    return {
      status: "success",
      eventIds,
      result: {
        streamType: handled.streamType,
        streamId: handled.streamId,
        version: handled.cmsVersionAfter,
        ...(handled.scopeKey !== undefined && { scopeKey: handled.scopeKey }),
        ...(handled.data !== undefined && { data: handled.data }),
      },
    };
  }

  private async commitScope<
    TDefinition extends CommandDefinition,
    THandlerArgs extends Record<string, unknown>,
  >(
    ctx: OrchestratorCtx,
    config: OrchestratedCommandConfig<TDefinition, THandlerArgs>,
    command: CommandInput,
    chain: CorrelationChain,
    context: DecisionContext,
    handled: Extract<HandlerResult, { status: "success" }>,
    payload: PayloadOf<TDefinition>,
    { scopeKey }: { scopeKey: string },
  ): Promise<string[]> {
    const tenantId = scopeTenantOf(command.tenantId, scopeKey);
    const committed = await commitScopeEvents(
      this.options.eventStore,
      ctx,
      {
        commandId: chain.commandId,
        scopeKey,
        tenantId,
        boundedContext: config.definition.boundedContext,
        expectedVersion: handled.cmsVersionBefore,
        events: handled.events,
        metadata: eventMetadataFor(chain, { timestamp: context.now }),
      },
      this.options.logger,
    );
    await this.triggerProjections(ctx, config, chain, payload, {
      streamType: handled.streamType,
      streamId: handled.streamId,
      streamVersion: committed.scopeVersion,
      tenantId,
      scopeKey,
      eventIds: committed.eventIds,
    });
    return committed.eventIds;
  }

  private async append<
    TDefinition extends CommandDefinition,
    THandlerArgs extends Record<string, unknown>,
  >(
    ctx: OrchestratorCtx,
    config: OrchestratedCommandConfig<TDefinition, THandlerArgs>,
    command: CommandInput,
    chain: CorrelationChain,
    context: DecisionContext,
    handled: Extract<HandlerResult, { status: "success" }>,
    payload: PayloadOf<TDefinition>,
  ): Promise<string[]> {
    const events = handled.events;
    assertNoEventStreams(chain.commandId, events);
    const { boundedContext } = config.definition;
    const metadata = eventMetadataFor(chain, { timestamp: context.now });
    const stream = {
      streamType: handled.streamType,
      streamId: handled.streamId,
      boundedContext,
      ...(command.tenantId !== undefined && { tenantId: command.tenantId }),
    };
    const appended: AppendResult = await this.options.eventStore.appendToStream(ctx, {
      stream,
      expectedVersion: handled.cmsVersionBefore,
      events: events.map((event): EventInput => ({
        eventType: event.eventType,
        payload: event.payload,
        metadata,
      })),
    });
    if (appended.status === "conflict") {
      // The handler already wrote the CMS in this transaction. Returning a `failed` value would
      // commit a CMS change without its events, so the whole command rolls back instead; nothing
      // is recorded and the same commandId may run again. Convex retries transactions that
      // conflict on the same documents, so a conflict that reaches us means the CMS and the
      // stream disagree (events appended outside this CMS): an operator must reconcile them.
      this.options.logger?.error("stream and CMS disagree", {
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
    await this.triggerProjections(ctx, config, chain, payload, {
      streamType: stream.streamType,
      streamId: stream.streamId,
      streamVersion: appended.streamVersion,
      ...(command.tenantId !== undefined && { tenantId: command.tenantId }),
      eventIds,
    });
    return eventIds;
  }

  /** 6. Projection trigger: the hook gets the triggered projections and their partition keys. */
  private async triggerProjections<
    TDefinition extends CommandDefinition,
    THandlerArgs extends Record<string, unknown>,
  >(
    ctx: OrchestratorCtx,
    config: OrchestratedCommandConfig<TDefinition, THandlerArgs>,
    chain: CorrelationChain,
    payload: PayloadOf<TDefinition>,
    target: Pick<
      EventsAppended,
      "streamType" | "streamId" | "streamVersion" | "tenantId" | "scopeKey" | "eventIds"
    >,
  ): Promise<void> {
    if (this.options.onEventsAppended === undefined) return;
    const { commandType, boundedContext } = config.definition;
    const projections: TriggeredProjection[] = (config.projections ?? []).map((trigger) => ({
      projection: projectionName(trigger.projection),
      partitionKey: trigger.partitionKey({
        commandType,
        payload,
        streamId: target.streamId,
        ...(target.tenantId !== undefined && { tenantId: target.tenantId }),
        correlation: chain,
      }),
    }));
    await this.options.onEventsAppended(ctx, {
      commandType,
      boundedContext,
      ...target,
      correlation: chain,
      projections,
    });
  }

  /**
   * Appends a failed command's audit event to `failureStreamTypeOf(streamType)` with
   * `expectedVersion: "any"`: no CMS row tracks that stream, so there is nothing to compare,
   * and the entity stream's version (which the CMS mirrors) is left alone. No projection hook.
   */
  private async appendFailure<
    TDefinition extends CommandDefinition,
    THandlerArgs extends Record<string, unknown>,
  >(
    ctx: OrchestratorCtx,
    config: OrchestratedCommandConfig<TDefinition, THandlerArgs>,
    command: CommandInput,
    chain: CorrelationChain,
    context: DecisionContext,
    handled: Extract<HandlerResult, { status: "failed" }>,
    event: HandlerEvent,
  ): Promise<string[]> {
    // A scope's failures go to the scope's failure stream, in the scope's tenant.
    const tenantId =
      handled.scopeKey === undefined
        ? command.tenantId
        : scopeTenantOf(command.tenantId, handled.scopeKey);
    const stream = {
      streamType: failureStreamTypeOf(handled.streamType),
      streamId: handled.streamId,
      boundedContext: config.definition.boundedContext,
      ...(tenantId !== undefined && { tenantId }),
    };
    const appended: AppendResult = await this.options.eventStore.appendToStream(ctx, {
      stream,
      expectedVersion: "any",
      events: [
        {
          eventType: event.eventType,
          payload: event.payload,
          category: "domain",
          metadata: eventMetadataFor(chain, { timestamp: context.now }),
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
}
