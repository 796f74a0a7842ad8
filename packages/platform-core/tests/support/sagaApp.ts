// The saga test app under convex-test, with the real @convex-dev/workflow component, the
// workpool it runs on and that workpool's batch worker.
import batchWorkerTest from "@convex-dev/batch-worker/test";
import workflowTest from "@convex-dev/workflow/test";
import workpoolTest from "@convex-dev/workpool/test";
import { convexTest } from "convex-test";
import schema from "../sagaApp/convex/schema.js";

type ModuleMap = Record<string, () => Promise<unknown>>;

// @convex-dev/workflow unsets globalThis.process while a workflow handler runs, and a lazy
// import() of a module then fails under vitest; so every module map is loaded up front.
const appModules = import.meta.glob(
  ["../sagaApp/convex/**/*.ts", "!../sagaApp/convex/convex.config.ts"],
  { eager: true },
);

function loaded(modules: Record<string, unknown>): ModuleMap {
  return Object.fromEntries(
    Object.entries(modules).map(([path, module]) => [path, () => Promise.resolve(module)]),
  );
}

/**
 * Loads a component's lazy map, leaving out what Convex does not load as a module either: file
 * names with two dots (`convex.config.ts`, which throws outside Convex, and test files).
 */
async function loadAll(modules: ModuleMap): Promise<ModuleMap> {
  const entries = await Promise.all(
    Object.entries(modules)
      .filter(([path]) => !/\.[^/]*\./.test(path.split("/").at(-1) ?? ""))
      .map(async ([path, load]) => [path, await load()] as const),
  );
  return loaded(Object.fromEntries(entries));
}

const workflowModules = await loadAll(workflowTest.modules);
const workpoolModules = await loadAll(workpoolTest.modules);
const batchWorkerModules = await loadAll(batchWorkerTest.modules);

/**
 * A fresh saga app. Background work (workflow steps, the workpool) runs when the test drives
 * the fake timers: `await t.finishAllScheduledFunctions(vi.runAllTimers)`.
 */
export function newSagaApp() {
  const t = convexTest(schema, loaded(appModules));
  // The nesting workflowTest.register(t, "workflow") sets up, with loaded module maps.
  t.registerComponent("workflow", workflowTest.schema, workflowModules);
  t.registerComponent("workflow/workpool", workpoolTest.schema, workpoolModules);
  t.registerComponent("workflow/workpool/batchWorker", batchWorkerTest.schema, batchWorkerModules);
  return t;
}
export type SagaApp = ReturnType<typeof newSagaApp>;
