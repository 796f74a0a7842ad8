// The app's command runtime: the event store and command bus clients, the rate limiter and the
// one CommandOrchestrator every command goes through, with its middleware.
import { CommandBus } from "@convex-es/platform-bus";
import {
  CommandOrchestrator,
  convexRateLimitChecker,
  createLogger,
  isRootCommand,
  loggingMiddleware,
  parseLogLevel,
  rateLimitMiddleware,
  validationMiddleware,
  authorizationMiddleware,
} from "@convex-es/platform-core";
import type { MiddlewareContext, RateLimitChecker } from "@convex-es/platform-core";
import { EventStore } from "@convex-es/platform-store";
import { HOUR, MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { components } from "../_generated/api.js";
import { env } from "../_generated/server.js";
import { authorize } from "./authorization.js";
import { hasRole, SYSTEM_ROLE } from "./identity.js";
import { orderIdIsNew } from "./orderIdCheck.js";

export const eventStore = new EventStore(components.eventStore);
export const commandBus = new CommandBus(components.commandBus);

export const logger = createLogger("shop", {
  level: parseLogLevel(env.LOG_LEVEL, "INFO"),
});

/**
 * Per caller and command type: 20 at once, then one every 3 seconds. Registrations are rarer
 * and tighter (5 an hour): each refused one says whether an email is registered, so a loose
 * limit would let a caller probe the customers' emails.
 */
export const rateLimiter = new RateLimiter(components.rateLimiter, {
  commands: { kind: "token bucket", rate: 20, period: MINUTE, capacity: 20 },
  registrations: { kind: "token bucket", rate: 5, period: HOUR, capacity: 5 },
});

const perCallerLimit = convexRateLimitChecker(rateLimiter, "commands");
const perCallerRegistrations = convexRateLimitChecker(rateLimiter, "registrations");

/**
 * Commands the app issues because another command ran, and the system's own (the expiry cron),
 * are not limited again: the command that caused them was. Limiting them would refuse half of
 * one decision.
 */
const notLimitedAgain: RateLimitChecker = { check: () => ({ allowed: true }) };

function rateLimitChecker(ctx: MiddlewareContext): RateLimitChecker {
  const own = isRootCommand(ctx.correlation) && !hasRole(ctx.caller, SYSTEM_ROLE);
  if (!own) return notLimitedAgain;
  return ctx.command.commandType === "RegisterCustomer"
    ? perCallerRegistrations(ctx)
    : perCallerLimit(ctx);
}

export const orchestrator = new CommandOrchestrator({
  eventStore,
  commandBus,
  logger,
  middleware: [
    loggingMiddleware(logger),
    validationMiddleware(),
    authorizationMiddleware({ authorize }),
    rateLimitMiddleware({ checker: rateLimitChecker }),
    orderIdIsNew,
  ],
});
