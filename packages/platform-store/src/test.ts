/// <reference types="vite/client" />
// For convex-test: `import eventStore from "@convex-es/platform-store/test"` then
// `eventStore.register(t)`. Vitest loads this file as TypeScript source.
import type { TestConvex } from "convex-test";
import type { GenericSchema, SchemaDefinition } from "convex/server";
import schema from "./component/schema.js";

// Loaded eagerly: a lazy import() inside a running Convex function can crash under vitest when
// another component (Workflow) has hidden `process`. convex.config.ts is left out because
// defineComponent's `use` only works inside Convex.
const loaded = import.meta.glob(
  ["./component/**/*.ts", "!./component/**/convex.config.ts", "!./component/**/*.test.ts"],
  { eager: true },
);

/** The component's modules as convex-test takes them. */
export const modules: Record<string, () => Promise<unknown>> = Object.fromEntries(
  Object.entries(loaded).map(([path, module]) => [path, () => Promise.resolve(module)]),
);

/**
 * Registers the eventStore component with a convex-test instance.
 *
 * @param t - The instance from `convexTest(schema, modules)`.
 * @param name - The name the app gives the component in convex.config.ts.
 * @example
 * const t = convexTest(schema, modules);
 * register(t); // components.eventStore now works in the functions under test
 */
export function register<Schema extends SchemaDefinition<GenericSchema, boolean>>(
  t: TestConvex<Schema>,
  name: string = "eventStore",
): void {
  t.registerComponent(name, schema, modules);
}

export { schema };
export default { register, schema, modules };
