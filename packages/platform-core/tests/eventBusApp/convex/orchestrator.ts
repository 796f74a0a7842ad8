// The app's command path: the eventStore and commandBus clients and the orchestrator that runs
// counter commands, for the app's own mutations and for the orderTally process manager.
import { CommandBus } from "@convex-es/platform-bus";
import { EventStore } from "@convex-es/platform-store";
import { authorizationMiddleware, CommandOrchestrator } from "../../../src/index.js";
import type { OrchestratedCommandConfig } from "../../../src/index.js";
import { createCounter, incrementCounter } from "../../orchestratorApp/domain/counter.js";
import { components } from "./_generated/api.js";

export const eventStore = new EventStore(components.eventStore);
export const commandBus = new CommandBus(components.commandBus);

/** Counter commands need the `counter:write` role: the process manager's caller has it. */
export const orchestrator = new CommandOrchestrator({
  eventStore,
  commandBus,
  middleware: [
    authorizationMiddleware({
      authorize: (ctx) =>
        ctx.caller?.roles?.includes("counter:write") === true || {
          allowed: false,
          reason: "the counter:write role is required",
        },
    }),
  ],
});

export const createConfig: OrchestratedCommandConfig<typeof createCounter> = {
  definition: createCounter,
  handler: components.counters.handlers.create,
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
};

export const incrementConfig: OrchestratedCommandConfig<typeof incrementCounter> = {
  definition: incrementCounter,
  handler: components.counters.handlers.increment,
  toHandlerArgs: (payload, context) => ({ ...context, ...payload }),
};
