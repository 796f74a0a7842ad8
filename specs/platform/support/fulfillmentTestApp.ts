// The fulfilment app (fulfillmentApp/) under convex-test: its modules, the real
// @convex-dev/workflow component with its workpool and batch worker, and the inventory,
// payments and shipping bounded contexts as components with their own databases.
import batchWorkerTest from "@convex-dev/batch-worker/test";
import workflowTest from "@convex-dev/workflow/test";
import workpoolTest from "@convex-dev/workpool/test";
import { convexTest } from "convex-test";
import * as appApi from "./fulfillmentApp/convex/_generated/api.js";
import * as appServer from "./fulfillmentApp/convex/_generated/server.js";
import * as appGateway from "./fulfillmentApp/convex/gateway.js";
import * as appOrders from "./fulfillmentApp/convex/orders.js";
import * as appReads from "./fulfillmentApp/convex/reads.js";
import * as appSagaAdmin from "./fulfillmentApp/convex/sagaAdmin.js";
import * as appSagas from "./fulfillmentApp/convex/sagas.js";
import appSchema from "./fulfillmentApp/convex/schema.js";
import * as appSteps from "./fulfillmentApp/convex/steps.js";
import * as inventoryApi from "./fulfillmentApp/inventoryContext/_generated/api.js";
import * as inventoryServer from "./fulfillmentApp/inventoryContext/_generated/server.js";
import inventorySchema from "./fulfillmentApp/inventoryContext/schema.js";
import * as inventoryStock from "./fulfillmentApp/inventoryContext/stock.js";
import * as paymentsApi from "./fulfillmentApp/paymentsContext/_generated/api.js";
import * as paymentsServer from "./fulfillmentApp/paymentsContext/_generated/server.js";
import * as paymentsPayments from "./fulfillmentApp/paymentsContext/payments.js";
import paymentsSchema from "./fulfillmentApp/paymentsContext/schema.js";
import * as shippingApi from "./fulfillmentApp/shippingContext/_generated/api.js";
import * as shippingServer from "./fulfillmentApp/shippingContext/_generated/server.js";
import shippingSchema from "./fulfillmentApp/shippingContext/schema.js";
import * as shippingShipments from "./fulfillmentApp/shippingContext/shipments.js";

type ModuleMap = Record<string, () => Promise<unknown>>;

// Every module map is already loaded: @convex-dev/workflow unsets globalThis.process while a
// workflow handler runs, and a lazy import() of a module then fails under vitest.
function loaded(modules: Record<string, unknown>): ModuleMap {
  return Object.fromEntries(
    Object.entries(modules).map(([path, module]) => [path, () => Promise.resolve(module)]),
  );
}

/** Loads a component's own lazy map, without what Convex skips too (`a.b.ts` file names). */
async function loadAll(modules: ModuleMap): Promise<ModuleMap> {
  const entries = await Promise.all(
    Object.entries(modules)
      .filter(([path]) => !/\.[^/]*\./.test(path.split("/").at(-1) ?? ""))
      .map(async ([path, load]) => [path, await load()] as const),
  );
  return loaded(Object.fromEntries(entries));
}

const appModules = loaded({
  "./fulfillmentApp/convex/_generated/api.js": appApi,
  "./fulfillmentApp/convex/_generated/server.js": appServer,
  "./fulfillmentApp/convex/gateway.ts": appGateway,
  "./fulfillmentApp/convex/orders.ts": appOrders,
  "./fulfillmentApp/convex/reads.ts": appReads,
  "./fulfillmentApp/convex/sagaAdmin.ts": appSagaAdmin,
  "./fulfillmentApp/convex/sagas.ts": appSagas,
  "./fulfillmentApp/convex/schema.ts": { default: appSchema },
  "./fulfillmentApp/convex/steps.ts": appSteps,
});
const contexts = {
  inventory: {
    schema: inventorySchema,
    modules: loaded({
      "./fulfillmentApp/inventoryContext/_generated/api.ts": inventoryApi,
      "./fulfillmentApp/inventoryContext/_generated/server.ts": inventoryServer,
      "./fulfillmentApp/inventoryContext/stock.ts": inventoryStock,
    }),
  },
  payments: {
    schema: paymentsSchema,
    modules: loaded({
      "./fulfillmentApp/paymentsContext/_generated/api.ts": paymentsApi,
      "./fulfillmentApp/paymentsContext/_generated/server.ts": paymentsServer,
      "./fulfillmentApp/paymentsContext/payments.ts": paymentsPayments,
    }),
  },
  shipping: {
    schema: shippingSchema,
    modules: loaded({
      "./fulfillmentApp/shippingContext/_generated/api.ts": shippingApi,
      "./fulfillmentApp/shippingContext/_generated/server.ts": shippingServer,
      "./fulfillmentApp/shippingContext/shipments.ts": shippingShipments,
    }),
  },
};
const workflowModules = await loadAll(workflowTest.modules);
const workpoolModules = await loadAll(workpoolTest.modules);
const batchWorkerModules = await loadAll(batchWorkerTest.modules);

/** A fresh fulfilment app; its background work runs when the test drives the fake timers. */
export function newFulfillmentApp() {
  const t = convexTest(appSchema, appModules);
  // The nesting workflowTest.register(t, "workflow") sets up, with loaded module maps.
  t.registerComponent("workflow", workflowTest.schema, workflowModules);
  t.registerComponent("workflow/workpool", workpoolTest.schema, workpoolModules);
  t.registerComponent("workflow/workpool/batchWorker", batchWorkerTest.schema, batchWorkerModules);
  for (const [name, context] of Object.entries(contexts)) {
    t.registerComponent(name, context.schema, context.modules);
  }
  return t;
}
export type FulfillmentApp = ReturnType<typeof newFulfillmentApp>;

/** The table names of the app's schema and of each bounded context's schema. */
export const tablesOf = {
  app: Object.keys(appSchema.tables),
  inventory: Object.keys(inventorySchema.tables),
  payments: Object.keys(paymentsSchema.tables),
  shipping: Object.keys(shippingSchema.tables),
};
