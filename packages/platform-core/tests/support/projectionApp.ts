// The projection test app (tests/projectionApp) on convex-test: the orchestrator's components,
// the counters bounded context, the projections component and the Workpool the catch-up jobs
// run in, registered under the names its convex.config.ts gives them.
import commandBusTest from "@convex-es/platform-bus/test";
import projectionsTest from "@convex-es/platform-projections/test";
import eventStoreTest from "@convex-es/platform-store/test";
import workpoolTest from "@convex-dev/workpool/test";
import { convexTest } from "convex-test";
import * as counterApi from "../orchestratorApp/counterContext/_generated/api.js";
import * as counterServer from "../orchestratorApp/counterContext/_generated/server.js";
import * as counterHandlers from "../orchestratorApp/counterContext/handlers.js";
import counterSchema from "../orchestratorApp/counterContext/schema.js";
import * as appApi from "../projectionApp/convex/_generated/api.js";
import * as appServer from "../projectionApp/convex/_generated/server.js";
import * as appCounterTotals from "../projectionApp/convex/counterTotals.js";
import * as appCounters from "../projectionApp/convex/counters.js";
import * as appProjections from "../projectionApp/convex/projections.js";
import * as appReadModels from "../projectionApp/convex/readModels.js";
import * as appRuntime from "../projectionApp/convex/runtime.js";
import schema from "../projectionApp/convex/schema.js";

function loaded(modules: Record<string, unknown>): Record<string, () => Promise<unknown>> {
  return Object.fromEntries(
    Object.entries(modules).map(([path, module]) => [path, () => Promise.resolve(module)]),
  );
}
const appModules = loaded({
  "../projectionApp/convex/_generated/api.js": appApi,
  "../projectionApp/convex/_generated/server.js": appServer,
  "../projectionApp/convex/counterTotals.ts": appCounterTotals,
  "../projectionApp/convex/counters.ts": appCounters,
  "../projectionApp/convex/projections.ts": appProjections,
  "../projectionApp/convex/readModels.ts": appReadModels,
  "../projectionApp/convex/runtime.ts": appRuntime,
  "../projectionApp/convex/schema.ts": { default: schema },
});
const counterModules = loaded({
  "../orchestratorApp/counterContext/_generated/api.ts": counterApi,
  "../orchestratorApp/counterContext/_generated/server.ts": counterServer,
  "../orchestratorApp/counterContext/handlers.ts": counterHandlers,
});

/** A fresh, empty projection test app. Use fake timers: the Workpool runs on scheduled functions. */
export function newProjectionApp() {
  const t = convexTest(schema, appModules);
  eventStoreTest.register(t, "eventStore");
  commandBusTest.register(t, "commandBus");
  t.registerComponent("counters", counterSchema, counterModules);
  projectionsTest.register(t, "projections");
  workpoolTest.register(t, "projectionPool");
  return t;
}

export type ProjectionApp = ReturnType<typeof newProjectionApp>;
