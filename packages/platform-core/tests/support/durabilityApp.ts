// The durability test app under convex-test: the app's modules, already loaded, and every
// component it installs registered for real.
import actionRetrierTest from "@convex-dev/action-retrier/test";
import workpoolTest from "@convex-dev/workpool/test";
import eventStoreTest from "@convex-es/platform-store/test";
import { convexTest } from "convex-test";
import schema from "../durabilityApp/convex/schema.js";

// convex-test derives the app's root from the `_generated` paths. Eager, so no lazy import runs
// inside a Convex function; convex.config.ts is left out (app.use only works inside Convex).
const loaded = import.meta.glob(
  ["../durabilityApp/convex/**/*.ts", "!../durabilityApp/convex/convex.config.ts"],
  { eager: true },
);
const modules = Object.fromEntries(
  Object.entries(loaded).map(([path, module]) => [path, () => Promise.resolve(module)]),
);

/** A fresh app: eventStore, the three Workpools and the action retrier, all real. */
export function durabilityApp() {
  const t = convexTest(schema, modules);
  eventStoreTest.register(t, "eventStore");
  workpoolTest.register(t, "durableAppendPool");
  workpoolTest.register(t, "publicationPool");
  workpoolTest.register(t, "dcbRetryPool");
  actionRetrierTest.register(t, "actionRetrier");
  return t;
}

export type DurabilityApp = ReturnType<typeof durabilityApp>;
