import type { CommandDefinition } from "@convex-es/platform-bc";
import type { CommandBus } from "@convex-es/platform-bus";
import type { DecisionContext, DeciderRejected } from "@convex-es/platform-decider";
import type { EventStore } from "@convex-es/platform-store";
import type { Value } from "convex/values";
import type { PayloadOf } from "../commands/commandConfig.js";
import { createCorrelationChain } from "../correlation/correlationChain.js";
import { commandRecordCorrelation } from "../correlation/eventMetadata.js";
import type { CorrelationChain } from "../correlation/types.js";
import { isCoreError } from "../errors/coreError.js";
import type { HandlerResult } from "../handlers/handlerResult.js";
import type { Logger } from "../logging/createLogger.js";
import { createMiddlewareContext } from "../middleware/context.js";
import { createMiddlewarePipeline } from "../middleware/pipeline.js";
import type { MiddlewarePipeline } from "../middleware/pipeline.js";
import type { Middleware, MiddlewareContext } from "../middleware/types.js";
import { orchestratorError } from "./errors.js";
import { payloadHash } from "./payloadHash.js";
import { fromDuplicate, toOutcome } from "./outcomes.js";
import type { Decided } from "./outcomes.js";
import { appendFailureEvent, appendToEntityStream, commitToScope } from "./eventWrites.js";
import type { Execution } from "./execution.js";
import type {
  CommandInput,
  CommandOutcome,
  HandlerReference,
  OnEventsAppended,
  OrchestratedCommandConfig,
  OrchestratorCtx,
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
      this.decide({
        ctx,
        config,
        command,
        chain,
        context,
        payload: mctx.command.payload as PayloadOf<TDefinition>,
        eventStore: this.options.eventStore,
        logger: this.options.logger,
        onEventsAppended: this.options.onEventsAppended,
      });
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
  >(run: Execution<TDefinition, THandlerArgs>): Promise<Decided> {
    // 3. The bounded context decides and writes its CMS in this transaction.
    const handler = run.config.handler as HandlerReference;
    const handled: HandlerResult = await run.ctx.runMutation(
      handler,
      run.config.toHandlerArgs(run.payload, run.context) as Record<string, unknown>,
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
        handled.event === undefined ? [] : await appendFailureEvent(run, handled, handled.event);
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
          ? await commitToScope(run, handled, handled.scopeKey)
          : await appendToEntityStream(run, handled);
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
}
