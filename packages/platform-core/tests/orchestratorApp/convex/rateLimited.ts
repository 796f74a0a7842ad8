// Counter commands behind the rate limit middleware, backed by @convex-dev/rate-limiter: the
// orchestrator, its middleware and the command config are the platform's, unchanged; the
// adapter is the only new piece.
import { MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { v } from "convex/values";
import {
  CommandOrchestrator,
  createConvexRateLimitChecker,
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

export const increment = internalMutation({
  args: { commandId: v.string(), userId: v.string(), counterId: v.string(), by: v.number() },
  returns: v.any(),
  handler: async (ctx, args): Promise<CommandOutcome> => {
    // Built per mutation: the checker consumes the limit inside this command's transaction.
    const orchestrator = new CommandOrchestrator({
      eventStore,
      commandBus,
      middleware: [
        rateLimitMiddleware({
          checker: createConvexRateLimitChecker(rateLimiter, ctx, "counterCommands"),
        }),
      ],
    });
    return await orchestrator.execute(ctx, incrementConfig, {
      commandId: args.commandId,
      correlationId: `corr-${args.commandId}`,
      caller: { userId: args.userId },
      payload: { counterId: args.counterId, by: args.by },
    });
  },
});
