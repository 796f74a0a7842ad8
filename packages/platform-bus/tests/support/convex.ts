// convex-test instances for the package's tests: the component alone (its own API called
// directly) and the test app that installs it (the client, as an application uses it).
import { convexTest } from "convex-test";
import type { GenericMutationCtx, GenericDataModel } from "convex/server";
import schema from "../../src/component/schema.js";
import { modules, register } from "../../src/test.js";
import * as appApi from "../app/_generated/api.js";
import * as appServer from "../app/_generated/server.js";
import * as appBus from "../app/bus.js";
import * as appCommands from "../app/commands.js";
import * as appExecution from "../app/execution.js";
import * as appRetention from "../app/retention.js";

/** The component as the root of a convex-test instance: call `api.lib.*` directly. */
export function componentTest() {
  return convexTest(schema, modules);
}

const appModules = Object.fromEntries(
  Object.entries({
    "./app/_generated/api.js": appApi,
    "./app/_generated/server.js": appServer,
    "./app/bus.ts": appBus,
    "./app/commands.ts": appCommands,
    "./app/execution.ts": appExecution,
    "./app/retention.ts": appRetention,
  }).map(([path, module]) => [path, () => Promise.resolve(module)]),
);

/** The test app with the commandBus installed under its default name. */
export function appTest() {
  const t = convexTest(undefined, appModules);
  register(t);
  return t;
}

/** What `measure` needs of a transaction's ctx; any test instance's `run` ctx has it. */
type CallCtx = Pick<GenericMutationCtx<GenericDataModel>, "runQuery" | "runMutation" | "meta">;

/** What a block of component calls cost inside one transaction. */
export type Cost<T> = { value: T; writes: number; calls: number };

/**
 * Runs `body` in one transaction of `t` and measures the documents it wrote (Convex's own
 * transaction metrics, which fold in the writes of component calls) and the component calls it
 * made (runQuery / runMutation through the given ctx).
 */
export async function measure<T, C extends CallCtx>(
  t: { run: <O>(fn: (ctx: C) => Promise<O>) => Promise<O> },
  body: (ctx: C) => Promise<T>,
): Promise<Cost<T>> {
  return await t.run(async (ctx) => {
    let calls = 0;
    const counted: C = {
      ...ctx,
      runQuery: ((ref, ...args) => {
        calls += 1;
        return ctx.runQuery(ref, ...args);
      }) as C["runQuery"],
      runMutation: ((ref, ...args) => {
        calls += 1;
        return ctx.runMutation(ref, ...args);
      }) as C["runMutation"],
    };
    const before = await ctx.meta.getTransactionMetrics();
    const value = await body(counted);
    const after = await ctx.meta.getTransactionMetrics();
    return { value, writes: after.documentsWritten.used - before.documentsWritten.used, calls };
  });
}
