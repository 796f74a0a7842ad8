// How this app runs commands: the clients of its components, the rate limit, the middleware
// and one config per command of the accounts context.
import { MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { CommandBus } from "@convex-es/platform-bus";
import {
  authorizationMiddleware,
  byStream,
  CommandOrchestrator,
  convexRateLimitChecker,
  loggingMiddleware,
  rateLimitMiddleware,
  validationMiddleware,
} from "@convex-es/platform-core";
import type {
  Logger,
  Middleware,
  OnEventsAppended,
  OrchestratedCommandConfig,
  ProjectionTrigger,
} from "@convex-es/platform-core";
import { EventStore } from "@convex-es/platform-store";
import { deposit, openAccount, withdraw } from "../domain/messages.js";
import { components } from "./_generated/api.js";

export const eventStore = new EventStore(components.eventStore);
export const commandBus = new CommandBus(components.commandBus);

/** Each caller may send 3 commands of one type per minute, in windows starting on the minute. */
export const rateLimiter = new RateLimiter(components.rateLimiter, {
  bankCommands: { kind: "fixed window", rate: 3, period: MINUTE, start: 0 },
});

/** Only tellers run bank commands. */
export const TELLER_ROLE = "teller";

/** The middleware of every bank command, in order; `logger` puts logging first. */
export function bankMiddleware(options: { logger?: Logger } = {}): Middleware[] {
  return [
    ...(options.logger === undefined ? [] : [loggingMiddleware(options.logger)]),
    validationMiddleware(),
    authorizationMiddleware({
      authorize: (mctx) =>
        mctx.caller?.roles?.includes(TELLER_ROLE) === true || {
          allowed: false,
          reason: `the ${TELLER_ROLE} role is required`,
        },
    }),
    // The limit is consumed in the command's mutation: the orchestrator hands its ctx over.
    rateLimitMiddleware({ checker: convexRateLimitChecker(rateLimiter, "bankCommands") }),
  ];
}

export interface BankOrchestratorOptions {
  readonly logger?: Logger;
  /** Replaces the bank middleware (to observe or reorder it). */
  readonly middleware?: readonly Middleware[];
  readonly onEventsAppended?: OnEventsAppended;
}

/** An orchestrator with the bank middleware (or the given one). */
export function bankOrchestrator(options: BankOrchestratorOptions = {}): CommandOrchestrator {
  return new CommandOrchestrator({
    eventStore,
    commandBus,
    middleware: options.middleware ?? bankMiddleware(options),
    ...(options.logger !== undefined && { logger: options.logger }),
    ...(options.onEventsAppended !== undefined && { onEventsAppended: options.onEventsAppended }),
  });
}

/** Every account event updates the balances view of its account's stream. */
const balances: ProjectionTrigger = {
  projection: "accountBalances",
  partitionKey: ({ streamId }) => byStream(streamId),
};

export const openConfig: OrchestratedCommandConfig<typeof openAccount> = {
  definition: openAccount,
  handler: components.accounts.handlers.open,
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
  projections: [balances],
};

export const depositConfig: OrchestratedCommandConfig<typeof deposit> = {
  definition: deposit,
  handler: components.accounts.handlers.deposit,
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
  projections: [balances],
};

export const withdrawConfig: OrchestratedCommandConfig<typeof withdraw> = {
  definition: withdraw,
  handler: components.accounts.handlers.withdraw,
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
  projections: [balances],
};
