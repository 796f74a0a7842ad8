import type { PaginationOptions, PaginationResult } from "convex/server";
import { defineSubscription } from "../eventBus/subscriptions.js";
import type { DeliveryRetry, Subscription } from "../eventBus/subscriptions.js";
import type { SubscriberArgs, SubscriptionPriority } from "../eventBus/validators.js";
import { vSubscriberArgs } from "../eventBus/validators.js";
import { resolveProcessManagerOptions } from "./config.js";
import type { ProcessManagerConfig, ProcessManagerOptions } from "./config.js";
import type { ProcessManagerDefinition } from "./defineProcessManager.js";
import { handleEvent, ignoreDeadLetter, retryDeadLetter } from "./delivery.js";
import type { ProcessManagerWriteCtx } from "./delivery.js";
import { processManagerError } from "./errors.js";
import { runReaction } from "./react.js";
import type { ReactionCtx } from "./react.js";
import { findInstance, pmReader, toDeadLetter, toInstance } from "./storage.js";
import type { ProcessManagerReadCtx } from "./storage.js";
import type {
  ProcessManagerDeadLetter,
  ProcessManagerDeadLetterStatus,
  ProcessManagerInstance,
  ProcessManagerResult,
  ReactionArgs,
} from "./validators.js";
import { vProcessManagerResult, vReactionArgs } from "./validators.js";

/**
 * Runs a process manager definition in Convex: it subscribes through the event bus, keeps one
 * checkpointed instance per `instanceIdOf(event)`, moves the lifecycle FSM, sends the reaction's
 * commands through the CommandOrchestrator with commandIds derived from the instance and the
 * event, and dead-letters events whose handling failed.
 *
 * @example
 * // convex/orderTally.ts
 * export const orderTallyManager = new ProcessManager(orderTally, {
 *   orchestrator,
 *   commands: { IncrementCounter: incrementConfig },
 *   functions: internal.orderTally,
 * });
 * export const handle = internalMutation(orderTallyManager.handleMutation());
 * export const react = internalMutation(orderTallyManager.reactMutation());
 * // convex/eventBus.ts: subscriptions: [orderTallyManager.subscription({ priority: "high" })]
 */
export class ProcessManager<TState> {
  private readonly config: ProcessManagerConfig<TState>;

  constructor(definition: ProcessManagerDefinition<TState>, options: ProcessManagerOptions) {
    this.config = resolveProcessManagerOptions(definition, options);
  }

  get name(): string {
    return this.config.definition.name;
  }

  /**
   * Its subscription on the event bus: its event types and source contexts, its bounded context
   * as the target context, `functions.handle` as the handler.
   */
  subscription(
    options: { priority?: SubscriptionPriority; retry?: DeliveryRetry } = {},
  ): Subscription {
    const { definition, functions } = this.config;
    return defineSubscription({
      name: definition.name,
      eventTypes: definition.eventTypes,
      ...(definition.sourceContexts !== undefined && { sourceContexts: definition.sourceContexts }),
      targetContext: definition.boundedContext,
      handler: functions.handle,
      ...options,
    });
  }

  /** The subscriber handler, for `internalMutation(...)`; export it as `handle`. */
  handleMutation() {
    return {
      args: vSubscriberArgs,
      returns: vProcessManagerResult,
      handler: async (
        ctx: ProcessManagerWriteCtx,
        args: SubscriberArgs,
      ): Promise<ProcessManagerResult> => await handleEvent(this.config, ctx, args),
    };
  }

  /** The reaction, for `internalMutation(...)`; export it as `react`. */
  reactMutation() {
    return {
      args: vReactionArgs,
      returns: vProcessManagerResult,
      handler: async (ctx: ReactionCtx, args: ReactionArgs): Promise<ProcessManagerResult> =>
        await runReaction(this.config, ctx, args),
    };
  }

  /**
   * An instance, or null when no event reached it yet.
   *
   * @example
   * await orderTallyManager.getInstance(ctx, "ord-1"); // { status: "idle", state, eventsHandled, ... }
   */
  async getInstance(
    ctx: ProcessManagerReadCtx,
    instanceId: string,
  ): Promise<ProcessManagerInstance | null> {
    const doc = await findInstance(pmReader(ctx), this.config.definition.name, instanceId);
    return doc === null ? null : toInstance(doc);
  }

  /**
   * Dead letters in one status (default pending), newest first, paged.
   *
   * @example
   * await orderTallyManager.listDeadLetters(ctx, { paginationOpts: { cursor: null, numItems: 20 } });
   */
  async listDeadLetters(
    ctx: ProcessManagerReadCtx,
    args: { status?: ProcessManagerDeadLetterStatus; paginationOpts: PaginationOptions },
  ): Promise<PaginationResult<ProcessManagerDeadLetter>> {
    const { numItems } = args.paginationOpts;
    if (!Number.isInteger(numItems) || numItems < 1 || numItems > 1000) {
      throw processManagerError({
        code: "INVALID_ARGUMENT",
        message: `paginationOpts.numItems must be an integer from 1 to 1000 (got ${numItems})`,
        processManager: this.config.definition.name,
      });
    }
    const page = await pmReader(ctx)
      .query("processManagerDeadLetters")
      .withIndex("by_process_manager_and_status_and_updated_at", (q) =>
        q.eq("processManager", this.config.definition.name).eq("status", args.status ?? "pending"),
      )
      .order("desc")
      .paginate(args.paginationOpts);
    return { ...page, page: page.page.map(toDeadLetter) };
  }

  /**
   * Handles a pending dead letter's event again, in the operator's mutation. A failed instance
   * takes only the event it failed on first (`PROCESS_MANAGER_INSTANCE_FAILED` otherwise).
   *
   * @example
   * await orderTallyManager.retryDeadLetter(ctx, { eventId }); // { status: "handled", ... } or "dead_lettered"
   */
  async retryDeadLetter(
    ctx: ProcessManagerWriteCtx,
    args: { eventId: string },
  ): Promise<ProcessManagerResult> {
    return await retryDeadLetter(this.config, ctx, args.eventId);
  }

  /**
   * Gives up a pending dead letter; an instance that failed on it resumes, idle.
   *
   * @example
   * await orderTallyManager.ignoreDeadLetter(ctx, { eventId, reason: "order cancelled by hand" });
   */
  async ignoreDeadLetter(
    ctx: ProcessManagerReadCtx,
    args: { eventId: string; reason: string },
  ): Promise<null> {
    await ignoreDeadLetter(this.config, ctx, args.eventId, args.reason);
    return null;
  }
}
