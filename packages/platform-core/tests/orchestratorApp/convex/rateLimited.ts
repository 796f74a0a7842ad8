// Counter commands behind the rate limit middleware, backed by @convex-dev/rate-limiter: the
// orchestrator, its middleware and the command config are the platform's, unchanged; the
// adapter (the sharded limits and the checker) is the only new piece.
import { MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { v } from "convex/values";
import {
  CommandOrchestrator,
  convexRateLimitChecker,
  defineShardedRateLimits,
  rateLimitMiddleware,
} from "../../../src/index.js";
import type { CommandOutcome } from "../../../src/index.js";
import { components } from "./_generated/api.js";
import { internalMutation } from "./_generated/server.js";
import { commandBus, eventStore, incrementConfig } from "./counters.js";

export const rateLimiter = new RateLimiter(
  components.rateLimiter,
  defineShardedRateLimits({
    // Two counter commands per user and minute, in windows that start on the minute.
    counterCommands: { kind: "fixed window", rate: 2, period: MINUTE, start: 0 },
  }),
);

/** Defined once: the checker takes each command's mutation ctx from the middleware context. */
export const rateLimitedOrchestrator = new CommandOrchestrator({
  eventStore,
  commandBus,
  middleware: [
    rateLimitMiddleware({ checker: convexRateLimitChecker(rateLimiter, "counterCommands") }),
  ],
});

export const increment = internalMutation({
  args: { commandId: v.string(), userId: v.string(), counterId: v.string(), by: v.number() },
  returns: v.any(),
  handler: async (ctx, args): Promise<CommandOutcome> =>
    await rateLimitedOrchestrator.execute(ctx, incrementConfig, {
      commandId: args.commandId,
      correlationId: `corr-${args.commandId}`,
      caller: { userId: args.userId },
      payload: { counterId: args.counterId, by: args.by },
    }),
});
