// Registers the projections component with convex-test. The module map is built from static
// imports, so it is loaded before any test runs (no lazy `import()` inside a running handler).
import type { GenericSchema, SchemaDefinition } from "convex/server";
import * as generatedApi from "./component/_generated/api.js";
import * as generatedServer from "./component/_generated/server.js";
import * as jobs from "./component/jobs.js";
import * as partitions from "./component/partitions.js";
import * as poison from "./component/poison.js";
import * as poisonRecords from "./component/poisonRecords.js";
import * as routing from "./component/routing.js";
import schema from "./component/schema.js";

/** The component's function modules, keyed as convex-test expects (`./component/<module>.ts`). */
export const modules: Record<string, () => Promise<unknown>> = Object.fromEntries(
  Object.entries({
    "./component/_generated/api.ts": generatedApi,
    "./component/_generated/server.ts": generatedServer,
    "./component/jobs.ts": jobs,
    "./component/partitions.ts": partitions,
    "./component/poison.ts": poison,
    "./component/poisonRecords.ts": poisonRecords,
    "./component/routing.ts": routing,
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
 * Registers the projections component with a convex-test instance, under the name the app's
 * convex.config.ts gives it.
 *
 * @example
 * import { convexTest } from "convex-test";
 * import projections from "@convex-es/platform-projections/test";
 *
 * const t = convexTest(schema, modules);
 * projections.register(t); // app.use(projections) in convex.config.ts
 */
export function register(t: ComponentRegistrar, name: string = "projections"): void {
  t.registerComponent(name, schema, modules);
}

export { schema };
export default { register, schema, modules };
