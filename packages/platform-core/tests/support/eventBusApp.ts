// Starts the event bus test app under convex-test: its modules already loaded (convex-test
// derives module roots from the `_generated` paths), the eventStore, commandBus and counters
// components, and the two real Workpools its deliveries run on.
import workpool from "@convex-dev/workpool/test";
import commandBusTest from "@convex-es/platform-bus/test";
import eventStoreTest from "@convex-es/platform-store/test";
import { convexTest } from "convex-test";
import { vi } from "vitest";
import * as appApi from "../eventBusApp/convex/_generated/api.js";
import * as appServer from "../eventBusApp/convex/_generated/server.js";
import * as counters from "../eventBusApp/convex/counters.js";
import * as eventBus from "../eventBusApp/convex/eventBus.js";
import * as inspect from "../eventBusApp/convex/inspect.js";
import * as orchestrator from "../eventBusApp/convex/orchestrator.js";
import * as orderTally from "../eventBusApp/convex/orderTally.js";
import * as orders from "../eventBusApp/convex/orders.js";
import schema from "../eventBusApp/convex/schema.js";
import * as subscribers from "../eventBusApp/convex/subscribers.js";
import * as counterApi from "../orchestratorApp/counterContext/_generated/api.js";
import * as counterServer from "../orchestratorApp/counterContext/_generated/server.js";
import * as counterHandlers from "../orchestratorApp/counterContext/handlers.js";
import counterSchema from "../orchestratorApp/counterContext/schema.js";

function loaded(modules: Record<string, unknown>): Record<string, () => Promise<unknown>> {
  return Object.fromEntries(
    Object.entries(modules).map(([path, module]) => [path, () => Promise.resolve(module)]),
  );
}

const appModules = loaded({
  "../eventBusApp/convex/_generated/api.js": appApi,
  "../eventBusApp/convex/_generated/server.js": appServer,
  "../eventBusApp/convex/counters.ts": counters,
  "../eventBusApp/convex/eventBus.ts": eventBus,
  "../eventBusApp/convex/inspect.ts": inspect,
  "../eventBusApp/convex/orchestrator.ts": orchestrator,
  "../eventBusApp/convex/orderTally.ts": orderTally,
  "../eventBusApp/convex/orders.ts": orders,
  "../eventBusApp/convex/schema.ts": { default: schema },
  "../eventBusApp/convex/subscribers.ts": subscribers,
});
const counterModules = loaded({
  "../orchestratorApp/counterContext/_generated/api.ts": counterApi,
  "../orchestratorApp/counterContext/_generated/server.ts": counterServer,
  "../orchestratorApp/counterContext/handlers.ts": counterHandlers,
});

export function newEventBusApp() {
  const t = convexTest(schema, appModules);
  eventStoreTest.register(t, "eventStore");
  commandBusTest.register(t, "commandBus");
  t.registerComponent("counters", counterSchema, counterModules);
  workpool.register(t, "eventBusPool");
  workpool.register(t, "eventBusHighPool");
  return t;
}

export type EventBusApp = ReturnType<typeof newEventBusApp>;

/** Runs every scheduled function (Workpool jobs, retries after their backoff, onComplete). */
export async function runBackgroundWork(t: EventBusApp): Promise<void> {
  await t.finishAllScheduledFunctions(vi.runAllTimers);
}
