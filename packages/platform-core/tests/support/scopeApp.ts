// The scope command test app (tests/scopeApp) on convex-test: the eventStore and commandBus
// components and the warehouse bounded context, under the names its convex.config.ts gives them.
import commandBusTest from "@convex-es/platform-bus/test";
import eventStoreTest from "@convex-es/platform-store/test";
import { convexTest } from "convex-test";
import * as appApi from "../scopeApp/convex/_generated/api.js";
import * as appServer from "../scopeApp/convex/_generated/server.js";
import schema from "../scopeApp/convex/schema.js";
import * as appWarehouse from "../scopeApp/convex/warehouse.js";
import * as warehouseApi from "../scopeApp/warehouseContext/_generated/api.js";
import * as warehouseServer from "../scopeApp/warehouseContext/_generated/server.js";
import * as warehouseHandlers from "../scopeApp/warehouseContext/handlers.js";
import warehouseSchema from "../scopeApp/warehouseContext/schema.js";

function loaded(modules: Record<string, unknown>): Record<string, () => Promise<unknown>> {
  return Object.fromEntries(
    Object.entries(modules).map(([path, module]) => [path, () => Promise.resolve(module)]),
  );
}
const appModules = loaded({
  "../scopeApp/convex/_generated/api.js": appApi,
  "../scopeApp/convex/_generated/server.js": appServer,
  "../scopeApp/convex/warehouse.ts": appWarehouse,
  "../scopeApp/convex/schema.ts": { default: schema },
});
const warehouseModules = loaded({
  "../scopeApp/warehouseContext/_generated/api.ts": warehouseApi,
  "../scopeApp/warehouseContext/_generated/server.ts": warehouseServer,
  "../scopeApp/warehouseContext/handlers.ts": warehouseHandlers,
});

/** A fresh, empty scope command test app. */
export function newScopeApp() {
  const t = convexTest(schema, appModules);
  eventStoreTest.register(t, "eventStore");
  commandBusTest.register(t, "commandBus");
  t.registerComponent("warehouse", warehouseSchema, warehouseModules);
  return t;
}

export type ScopeApp = ReturnType<typeof newScopeApp>;
