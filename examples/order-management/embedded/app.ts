// The embedded runtime: convex-test hosts the whole app in process, with every component real
// (the event store, the command bus, the projections component and its Workpool, the rate
// limiter, the workflow with its Workpool, the event bus's Workpool, and the orders, inventory
// and customers bounded contexts). The tests and the demo run on it.
// Run it under vite (vitest): the module maps below and the components' `./test` entries are
// built with `import.meta.glob`.
import batchWorkerTest from "@convex-dev/batch-worker/test";
import rateLimiterTest from "@convex-dev/rate-limiter/test";
import workflowTest from "@convex-dev/workflow/test";
import workpoolTest from "@convex-dev/workpool/test";
import commandBusTest from "@convex-es/platform-bus/test";
import projectionsTest from "@convex-es/platform-projections/test";
import eventStoreTest from "@convex-es/platform-store/test";
import { convexTest } from "convex-test";
import customersSchema from "../contexts/customers/schema.js";
import inventorySchema from "../contexts/inventory/schema.js";
import ordersSchema from "../contexts/orders/schema.js";
import schema from "../convex/schema.js";

// Loaded eagerly (a lazy import inside a running function can fail under vitest), without
// convex.config.ts (app.use() works only inside Convex) and without declaration files.
const appModules = import.meta.glob(
  [
    "../convex/**/*.ts",
    "../convex/_generated/*.js",
    "!../convex/**/*.d.ts",
    "!../convex/convex.config.ts",
  ],
  { eager: true },
);
const ordersModules = import.meta.glob(
  ["../contexts/orders/**/*.ts", "!../contexts/orders/convex.config.ts"],
  { eager: true },
);
const inventoryModules = import.meta.glob(
  ["../contexts/inventory/**/*.ts", "!../contexts/inventory/convex.config.ts"],
  { eager: true },
);
const customersModules = import.meta.glob(
  ["../contexts/customers/**/*.ts", "!../contexts/customers/convex.config.ts"],
  { eager: true },
);

function loaded(modules: Record<string, unknown>): Record<string, () => Promise<unknown>> {
  return Object.fromEntries(
    Object.entries(modules).map(([path, module]) => [path, () => Promise.resolve(module)]),
  );
}

type ModuleMap = Record<string, () => Promise<unknown>>;

/** A component's lazy module map, loaded now, without the files Convex skips (`a.b.ts`). */
async function loadAll(modules: ModuleMap): Promise<ModuleMap> {
  const entries = await Promise.all(
    Object.entries(modules)
      .filter(([path]) => !/\.[^/]*\./.test(path.split("/").at(-1) ?? ""))
      .map(async ([path, load]) => [path, await load()] as const),
  );
  return loaded(Object.fromEntries(entries));
}

// @convex-dev/workflow unsets globalThis.process while a workflow handler runs, and a lazy
// import() of a module then fails under vitest: the workflow and every Workpool get module maps
// that are already loaded (what their `./test` register would install, with lazy maps).
const workflowModules = await loadAll(workflowTest.modules);
const workpoolModules = await loadAll(workpoolTest.modules);
const batchWorkerModules = await loadAll(batchWorkerTest.modules);

/** A Workpool under `name`, with the batch worker it nests, as `workpoolTest.register` does. */
function registerWorkpool(t: ReturnType<typeof convexTest>, name: string): void {
  t.registerComponent(name, workpoolTest.schema, workpoolModules);
  t.registerComponent(`${name}/batchWorker`, batchWorkerTest.schema, batchWorkerModules);
}

/** A fresh, empty app. Use fake timers: Workpool jobs and scheduled functions run on them. */
export function newEmbeddedApp() {
  const t = convexTest(schema, loaded(appModules));
  eventStoreTest.register(t, "eventStore");
  commandBusTest.register(t, "commandBus");
  projectionsTest.register(t, "projections");
  registerWorkpool(t, "projectionPool");
  registerWorkpool(t, "eventBusPool");
  t.registerComponent("workflow", workflowTest.schema, workflowModules);
  registerWorkpool(t, "workflow/workpool");
  rateLimiterTest.register(t, "rateLimiter");
  t.registerComponent("orders", ordersSchema, loaded(ordersModules));
  t.registerComponent("inventory", inventorySchema, loaded(inventoryModules));
  t.registerComponent("customers", customersSchema, loaded(customersModules));
  return t;
}

export type EmbeddedApp = ReturnType<typeof newEmbeddedApp>;
