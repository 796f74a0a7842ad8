// The orchestrator test app (tests/orchestratorApp) on convex-test: the eventStore, commandBus
// and rate limiter components and the counters bounded context, registered under the names its
// convex.config.ts gives them. Used by the orchestrator and rate limiter steps and by the
// benchmark.
import rateLimiterTest from "@convex-dev/rate-limiter/test";
import commandBusTest from "@convex-es/platform-bus/test";
import eventStoreTest from "@convex-es/platform-store/test";
import { convexTest } from "convex-test";
import * as appApi from "../orchestratorApp/convex/_generated/api.js";
import * as appServer from "../orchestratorApp/convex/_generated/server.js";
import * as appCounters from "../orchestratorApp/convex/counters.js";
import * as appRateLimited from "../orchestratorApp/convex/rateLimited.js";
import schema from "../orchestratorApp/convex/schema.js";
import * as counterApi from "../orchestratorApp/counterContext/_generated/api.js";
import * as counterServer from "../orchestratorApp/counterContext/_generated/server.js";
import * as counterHandlers from "../orchestratorApp/counterContext/handlers.js";
import counterSchema from "../orchestratorApp/counterContext/schema.js";

// Already-loaded module maps: convex-test derives each root from its `_generated` paths.
function loaded(modules: Record<string, unknown>): Record<string, () => Promise<unknown>> {
  return Object.fromEntries(
    Object.entries(modules).map(([path, module]) => [path, () => Promise.resolve(module)]),
  );
}
const appModules = loaded({
  "../orchestratorApp/convex/_generated/api.js": appApi,
  "../orchestratorApp/convex/_generated/server.js": appServer,
  "../orchestratorApp/convex/counters.ts": appCounters,
  "../orchestratorApp/convex/rateLimited.ts": appRateLimited,
  "../orchestratorApp/convex/schema.ts": { default: schema },
});
const counterModules = loaded({
  "../orchestratorApp/counterContext/_generated/api.ts": counterApi,
  "../orchestratorApp/counterContext/_generated/server.ts": counterServer,
  "../orchestratorApp/counterContext/handlers.ts": counterHandlers,
});

/** A fresh, empty orchestrator test app. */
export function newOrchestratorApp() {
  const t = convexTest(schema, appModules);
  eventStoreTest.register(t, "eventStore");
  commandBusTest.register(t, "commandBus");
  rateLimiterTest.register(t, "rateLimiter");
  t.registerComponent("counters", counterSchema, counterModules);
  return t;
}

export type OrchestratorApp = ReturnType<typeof newOrchestratorApp>;
