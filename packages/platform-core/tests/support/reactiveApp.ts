// The reactive test app (tests/reactiveApp) on convex-test: the eventStore, the projections
// component and the Workpool the catch-up jobs run in, under the names its convex.config.ts gives.
import projectionsTest from "@convex-es/platform-projections/test";
import eventStoreTest from "@convex-es/platform-store/test";
import workpoolTest from "@convex-dev/workpool/test";
import { convexTest } from "convex-test";
import * as appApi from "../reactiveApp/convex/_generated/api.js";
import * as appServer from "../reactiveApp/convex/_generated/server.js";
import * as appCounters from "../reactiveApp/convex/counters.js";
import * as appCounterView from "../reactiveApp/convex/counterView.js";
import * as appProjections from "../reactiveApp/convex/projections.js";
import * as appRuntime from "../reactiveApp/convex/runtime.js";
import schema from "../reactiveApp/convex/schema.js";

// Modules already loaded: Workflow and Workpool code must not hit a lazy import mid-run.
const appModules = Object.fromEntries(
  Object.entries({
    "../reactiveApp/convex/_generated/api.js": appApi,
    "../reactiveApp/convex/_generated/server.js": appServer,
    "../reactiveApp/convex/counters.ts": appCounters,
    "../reactiveApp/convex/counterView.ts": appCounterView,
    "../reactiveApp/convex/projections.ts": appProjections,
    "../reactiveApp/convex/runtime.ts": appRuntime,
    "../reactiveApp/convex/schema.ts": { default: schema },
  }).map(([path, module]) => [path, () => Promise.resolve(module as unknown)]),
);

/** A fresh, empty reactive test app. Use fake timers: the Workpool runs on scheduled functions. */
export function newReactiveApp() {
  const t = convexTest(schema, appModules);
  eventStoreTest.register(t, "eventStore");
  projectionsTest.register(t, "projections");
  workpoolTest.register(t, "projectionPool");
  return t;
}

export type ReactiveApp = ReturnType<typeof newReactiveApp>;
