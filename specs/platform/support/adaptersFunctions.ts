// The Convex functions of the adapters spec app: rate-limited commands (a middleware pipeline and
// the CommandOrchestrator, unchanged, with the @convex-dev/rate-limiter adapter) and warehouse
// reservations whose scope conflicts DcbRetry retries through Workpool.
import { MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import type { RateLimiter as RateLimiterType } from "@convex-dev/rate-limiter";
import { Workpool } from "@convex-dev/workpool";
import type { WorkpoolComponent } from "@convex-dev/workpool";
import { defineCommand } from "@convex-es/platform-bc";
import { CommandBus } from "@convex-es/platform-bus";
import type { CommandBusComponent } from "@convex-es/platform-bus";
import {
  CommandOrchestrator,
  convexRateLimitChecker,
  createConvexRateLimitChecker,
  createCorrelationChain,
  createMiddlewareContext,
  createMiddlewarePipeline,
  DcbRetry,
  defineShardedRateLimits,
  getDcbRetry,
  listDcbRetries,
  rateLimitMiddleware,
  vDcbOperationArgs,
  vHandlerContextArgs,
  vHandlerResult,
} from "@convex-es/platform-core";
import type {
  CommandOutcome,
  HandlerResult,
  OrchestratedCommandConfig,
} from "@convex-es/platform-core";
import { createScopeKey, EventStore } from "@convex-es/platform-store";
import type { EventStoreComponent } from "@convex-es/platform-store";
import { componentsGeneric, makeFunctionReference } from "convex/server";
import { v } from "convex/values";
import { z } from "zod";
import { internalAction, internalMutation, internalQuery } from "./adaptersSchema.js";
import { isDown } from "./faults.js";

const components = componentsGeneric();
const ref = {
  mutation: (name: string) => makeFunctionReference<"mutation">(name),
  action: (name: string) => makeFunctionReference<"action">(name),
};
const store = new EventStore(components.eventStore as unknown as EventStoreComponent);
const bus = new CommandBus(components.commandBus as unknown as CommandBusComponent);

const limits = defineShardedRateLimits({
  // Two commands per user and minute, in windows that start on the minute.
  commands: { kind: "fixed window", rate: 2, period: MINUTE, start: 0 },
});
const rateLimiter = new RateLimiter(components.rateLimiter as never, limits);
const checkerFor = (
  ctx: Parameters<typeof createConvexRateLimitChecker>[1],
  limiter: RateLimiterType<typeof limits>,
) => createConvexRateLimitChecker(limiter, ctx, "commands");

const ping = defineCommand({
  commandType: "Ping",
  boundedContext: "ops",
  payload: z.strictObject({}),
});
const incrementCounter = defineCommand({
  commandType: "IncrementCounter",
  boundedContext: "counters",
  payload: z.strictObject({ counterId: z.string().min(1), by: z.number().int() }),
});
const incrementConfig: OrchestratedCommandConfig<typeof incrementCounter> = {
  definition: incrementCounter,
  handler: ref.mutation("counters:handle"),
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
};

/** Defined once: the checker takes each command's mutation ctx from the middleware context. */
const orchestrator = new CommandOrchestrator({
  eventStore: store,
  commandBus: bus,
  middleware: [rateLimitMiddleware({ checker: convexRateLimitChecker(rateLimiter, "commands") })],
});

export const commands = {
  /** One command through a pipeline whose only middleware is the rate limit adapter. */
  run: internalMutation({
    args: { commandId: v.string(), userId: v.string(), freshLimiter: v.boolean() },
    returns: v.string(),
    handler: async (ctx, args) => {
      // A RateLimiter built inside the mutation holds nothing of its own, as after a restart.
      const limiter = args.freshLimiter
        ? new RateLimiter(components.rateLimiter as never, limits)
        : rateLimiter;
      const pipeline = createMiddlewarePipeline([
        rateLimitMiddleware({ checker: checkerFor(ctx, limiter) }),
      ]);
      const context = createMiddlewareContext({
        config: { definition: ping },
        payload: {},
        correlation: createCorrelationChain({
          commandId: args.commandId,
          correlationId: args.commandId,
        }),
        caller: { userId: args.userId },
      });
      const result = await pipeline.execute(context, async () => ({ status: "success" as const }));
      return result.status === "rejected" ? `rejected:${result.code}` : result.status;
    },
  }),
};

export const counters = {
  /** The bounded context's handler: a CMS row per counter, one event per increment. */
  handle: internalMutation({
    args: { ...vHandlerContextArgs, counterId: v.string(), by: v.number() },
    returns: vHandlerResult,
    handler: async (ctx, args): Promise<HandlerResult> => {
      const row = await ctx.db
        .query("counters")
        .withIndex("by_counter_id", (q) => q.eq("counterId", args.counterId))
        .unique();
      const before = row?.version ?? 0;
      if (row === null)
        await ctx.db.insert("counters", { counterId: args.counterId, value: args.by, version: 1 });
      else
        await ctx.db.patch("counters", row._id, {
          value: row.value + args.by,
          version: before + 1,
        });
      return {
        status: "success",
        events: [
          { eventType: "CounterIncremented", payload: { counterId: args.counterId, by: args.by } },
        ],
        cmsVersionBefore: before,
        cmsVersionAfter: before + 1,
        streamId: args.counterId,
        streamType: "Counter",
      };
    },
  }),
  /** A command through the orchestrator, its middleware the rate limit adapter. */
  increment: internalMutation({
    args: { commandId: v.string(), userId: v.string(), counterId: v.string() },
    returns: v.string(),
    handler: async (ctx, args) => {
      const outcome: CommandOutcome = await orchestrator.execute(ctx, incrementConfig, {
        commandId: args.commandId,
        correlationId: args.commandId,
        caller: { userId: args.userId },
        payload: { counterId: args.counterId, by: 1 },
      });
      return outcome.status;
    },
  }),
  recorded: internalQuery({
    args: { commandId: v.string() },
    returns: v.string(),
    handler: async (ctx, { commandId }) => {
      const command = await bus.getCommand(ctx, commandId);
      if (command === null) return "missing";
      const code = (command.result as { code?: string } | undefined)?.code;
      return code === undefined ? command.status : `${command.status}:${code}`;
    },
  }),
  events: internalQuery({
    args: { counterId: v.string() },
    returns: v.number(),
    handler: async (ctx, { counterId }) =>
      (await store.readStream(ctx, { streamType: "Counter", streamId: counterId, limit: 100 }))
        .events.length,
  }),
};

const TENANT = "t1";
const scopeOf = (warehouseId: string) => createScopeKey(TENANT, "warehouse", warehouseId);

export const dcbRetry = new DcbRetry({
  workpool: new Workpool(components.dcbRetryPool as unknown as WorkpoolComponent, {
    maxParallelism: 10,
  }),
  operations: { reserve: ref.mutation("warehouse:reserve") },
  functions: () => ({
    job: ref.action("warehouse:retryJob"),
    attempt: ref.mutation("warehouse:retryAttempt"),
    onComplete: ref.mutation("warehouse:retryComplete"),
  }),
  retry: { maxAttempts: 4, initialBackoffMs: 100, base: 2 },
});

export const warehouse = {
  /** The scope operation: reads the warehouse, commits a reservation on the version it decided on. */
  reserve: internalMutation({
    args: { ...vDcbOperationArgs, warehouseId: v.string(), reservationId: v.string() },
    returns: v.any(),
    handler: async (ctx, args) => {
      const scopeKey = scopeOf(args.warehouseId);
      const page = await store.readVirtualStream(ctx, { scopeKey, tenantId: TENANT, limit: 500 });
      // The tests' "staleReads" fault: every read is one commit behind.
      const lag = (await isDown(ctx, "staleReads")) ? 1 : 0;
      return await store.commitScope(ctx, {
        scopeKey,
        tenantId: TENANT,
        expectedVersion: args.expectedVersion ?? page.scopeVersion - lag,
        events: [
          {
            streamType: "Product",
            streamId: "sku-a",
            boundedContext: "inventory",
            eventType: "StockReserved",
            payload: { reservationId: args.reservationId },
            metadata: { correlationId: args.reservationId },
          },
        ],
      });
    },
  }),
  stock: internalMutation({
    args: { warehouseId: v.string(), expectedVersion: v.number() },
    returns: v.null(),
    handler: async (ctx, { warehouseId, expectedVersion }) => {
      const result = await store.commitScope(ctx, {
        scopeKey: scopeOf(warehouseId),
        tenantId: TENANT,
        expectedVersion,
        events: [
          {
            streamType: "Product",
            streamId: "sku-a",
            boundedContext: "inventory",
            eventType: "StockAdded",
            payload: { quantity: 10 },
            metadata: { correlationId: "stock" },
          },
        ],
      });
      if (result.status !== "success") throw new Error("stocking conflicted");
      return null;
    },
  }),
  /** A caller: one call, no retry loop. */
  decide: internalMutation({
    args: { warehouseId: v.string(), reservationId: v.string(), expectedVersion: v.number() },
    returns: v.object({ status: v.string(), retryId: v.optional(v.string()) }),
    handler: async (ctx, { warehouseId, reservationId, expectedVersion }) => {
      const outcome = await dcbRetry.execute(ctx, {
        scopeKey: scopeOf(warehouseId),
        operation: "reserve",
        args: { warehouseId, reservationId },
        expectedVersion,
      });
      return outcome.status === "deferred"
        ? { status: outcome.status, retryId: outcome.retryId }
        : { status: outcome.status };
    },
  }),
  retryJob: internalAction(dcbRetry.definitions.job),
  retryAttempt: internalMutation(dcbRetry.definitions.attempt),
  retryComplete: internalMutation(dcbRetry.definitions.onComplete),
  retry: internalQuery({
    args: { retryId: v.string() },
    returns: v.object({ status: v.string(), attempts: v.number(), hasJob: v.boolean() }),
    handler: async (ctx, { retryId }) => {
      const record = await getDcbRetry(ctx, retryId);
      return {
        status: record.status,
        attempts: record.attempts,
        hasJob: record.workId !== undefined,
      };
    },
  }),
  waiting: internalQuery({
    args: { warehouseId: v.string() },
    returns: v.number(),
    handler: async (ctx, { warehouseId }) =>
      (await listDcbRetries(ctx, { scopeKey: scopeOf(warehouseId), status: "waiting", limit: 50 }))
        .length,
  }),
  events: internalQuery({
    args: { warehouseId: v.string() },
    returns: v.object({ scopeVersion: v.number(), reservations: v.array(v.string()) }),
    handler: async (ctx, { warehouseId }) => {
      const page = await store.readVirtualStream(ctx, {
        scopeKey: scopeOf(warehouseId),
        tenantId: TENANT,
        limit: 500,
      });
      return {
        scopeVersion: page.scopeVersion,
        reservations: page.events.flatMap((e) =>
          e.eventType === "StockReserved"
            ? [`StockReserved:${(e.payload as { reservationId: string }).reservationId}`]
            : [],
        ),
      };
    },
  }),
};
