// convex-test instances for the package's tests: the component alone (its own API called
// directly, its tables read raw) and the test app that installs it (the client, as an
// application uses it).
import { convexTest } from "convex-test";
import { modules, register, schema } from "../../src/test.js";
import * as appAdmin from "../app/admin.js";
import * as appApi from "../app/_generated/api.js";
import * as appServer from "../app/_generated/server.js";
import * as appStore from "../app/store.js";

/** The component as the root of a convex-test instance: call `api.<module>.*` directly. */
export function componentTest() {
  return convexTest(schema, modules);
}

export type ComponentTest = ReturnType<typeof componentTest>;

const appModules = Object.fromEntries(
  Object.entries({
    "./app/_generated/api.js": appApi,
    "./app/_generated/server.js": appServer,
    "./app/admin.ts": appAdmin,
    "./app/store.ts": appStore,
  }).map(([path, module]) => [path, () => Promise.resolve(module)]),
);

/** The test app with the projections component installed under its default name. */
export function appTest() {
  const t = convexTest(undefined, appModules);
  register(t);
  return t;
}

export type AppTest = ReturnType<typeof appTest>;

function withoutSystemFields<T extends { _id: unknown; _creationTime: unknown }>(docs: T[]) {
  return docs.map(({ _id, _creationTime, ...row }) => row);
}

/** Every row of the component's tables, without system fields: compared to see what a call wrote. */
export async function tableRows(t: ComponentTest) {
  return await t.run(async (ctx) => ({
    cursors: withoutSystemFields(await ctx.db.query("cursors").collect()),
    routedEvents: withoutSystemFields(await ctx.db.query("routedEvents").collect()),
    checkpoints: withoutSystemFields(await ctx.db.query("checkpoints").collect()),
    poisonEvents: withoutSystemFields(await ctx.db.query("poisonEvents").collect()),
    failedJobs: withoutSystemFields(await ctx.db.query("failedJobs").collect()),
  }));
}

export type TableRows = Awaited<ReturnType<typeof tableRows>>;
