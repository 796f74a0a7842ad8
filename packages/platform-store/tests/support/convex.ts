// convex-test set-ups: the component on its own, and an app that uses it through the client.
import { convexTest } from "convex-test";
import { componentsGeneric, defineSchema } from "convex/server";
import type { GenericDataModel, GenericMutationCtx, GenericQueryCtx } from "convex/server";
import { EventStore } from "../../src/client/index.js";
import type { EventStoreComponent, EventStoreOptions } from "../../src/client/index.js";
import { api } from "../../src/component/_generated/api.js";
import eventStore from "../../src/test.js";

/** The component as the root of a convex-test instance: call `api.lib.*` and read its tables. */
export function componentTest() {
  return convexTest(eventStore.schema, eventStore.modules);
}

// An app with no functions of its own: tests call the client from inline functions.
const appModules = { "./_generated/server.ts": async () => ({}) };

/** An app with the component registered as `eventStore`, and a client for it. */
export function appTest(options: EventStoreOptions = {}) {
  const t = convexTest(defineSchema({}), appModules);
  eventStore.register(t);
  const component = componentsGeneric().eventStore as unknown as EventStoreComponent;
  return { t, store: new EventStore(component, options) };
}

/**
 * The component as the root app with a client bound to its own `api`: client calls run the
 * component's functions, and `t.run` reads its raw tables.
 */
export function componentWithClient(options: EventStoreOptions = {}) {
  const t = componentTest();
  return { t, store: new EventStore(api as unknown as EventStoreComponent, options) };
}

/** What the steps need of a convex-test instance, whatever its schema. */
export type Runner = {
  mutation: <T>(fn: (ctx: GenericMutationCtx<GenericDataModel>) => Promise<T>) => Promise<T>;
  query: <T>(fn: (ctx: GenericQueryCtx<GenericDataModel>) => Promise<T>) => Promise<T>;
};
