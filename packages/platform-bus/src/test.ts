// Registers the commandBus component with convex-test. The module map is built from static
// imports, so it is loaded before any test runs (no lazy `import()` inside a running handler)
// and needs no bundler feature such as `import.meta.glob`.
import type { GenericSchema, SchemaDefinition } from "convex/server";
import * as generatedApi from "./component/_generated/api.js";
import * as generatedServer from "./component/_generated/server.js";
import * as lib from "./component/lib.js";
import * as records from "./component/records.js";
import * as retention from "./component/retention.js";
import schema from "./component/schema.js";

/** The component's function modules, keyed as convex-test expects (`./component/<module>.ts`). */
export const modules: Record<string, () => Promise<unknown>> = Object.fromEntries(
  Object.entries({
    "./component/_generated/api.ts": generatedApi,
    "./component/_generated/server.ts": generatedServer,
    "./component/lib.ts": lib,
    "./component/records.ts": records,
    "./component/retention.ts": retention,
  }).map(([path, module]) => [path, () => Promise.resolve(module)]),
);

/** The smallest part of a `convexTest` instance that registering needs. */
export type ComponentRegistrar = {
  registerComponent: (
    name: string,
    schema: SchemaDefinition<GenericSchema, boolean>,
    modules: Record<string, () => Promise<unknown>>,
  ) => void;
};

/**
 * Registers the commandBus component with a convex-test instance, under the name the app's
 * convex.config.ts gives it.
 *
 * @example
 * import { convexTest } from "convex-test";
 * import commandBus from "@convex-es/platform-bus/test";
 *
 * const t = convexTest(schema, modules);
 * commandBus.register(t); // app.use(commandBus) in convex.config.ts
 * commandBus.register(t, "orderCommands"); // app.use(commandBus, { name: "orderCommands" })
 */
export function register(t: ComponentRegistrar, name: string = "commandBus"): void {
  t.registerComponent(name, schema, modules);
}

export { schema };
export default { register, schema, modules };
