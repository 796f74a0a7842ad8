// What the feature steps share: a convex-test instance of the component on its own, the last
// call's value or error, the tables as they were before it, and the small notations the
// scenarios use ("order-a@3" is the event "evt-3" at position 3 of partition "order-a").
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { INVALID_ARGUMENT, isProjectionsError } from "../../src/client/index.js";
import type {
  RouteEventsArgs,
  RouteEventsResult,
  RoutedEvent,
  UnroutableEvent,
} from "../../src/client/index.js";
import { api } from "../../src/component/_generated/api.js";
import { componentTest, tableRows } from "./convex.js";
import type { ComponentTest, TableRows } from "./convex.js";

/** Absolute path of a feature file, resolved from the step file that loads it. */
export function featurePath(name: string, from: string): string {
  return fileURLToPath(new URL(`../features/${name}`, from));
}

export type World = {
  t: ComponentTest;
  /** The value of the last call. */
  last: unknown;
  /** What the last attempted call threw, if it threw. */
  error: unknown;
  /** The component's tables just before the last call. */
  before: TableRows | undefined;
  /** The last page handed to routeEvents. */
  page: RouteEventsArgs | undefined;
};

export function newWorld(): World {
  return {
    t: componentTest(),
    last: undefined,
    error: undefined,
    before: undefined,
    page: undefined,
  };
}

/** Runs a call the scenario expects to succeed, keeping the tables as they were before it. */
export async function call<T>(world: World, body: () => Promise<T>): Promise<T> {
  world.before = await tableRows(world.t);
  world.error = undefined;
  const value = await body();
  world.last = value;
  return value;
}

/** Runs a call the scenario expects to be refused: keeps its error instead of throwing it. */
export async function attempt(world: World, body: () => Promise<unknown>): Promise<void> {
  world.before = await tableRows(world.t);
  world.error = undefined;
  world.last = undefined;
  try {
    world.last = await body();
  } catch (error) {
    world.error = error;
  }
}

/** Routes a page through the component's routeEvents and keeps it as the world's last page. */
export async function route(world: World, page: RouteEventsArgs): Promise<RouteEventsResult> {
  world.page = page;
  return await call(world, () => world.t.mutation(api.routing.routeEvents, page));
}

/** Asserts the last attempt was refused with INVALID_ARGUMENT and exactly this message. */
export function expectRefusal(world: World, message: string): void {
  expect(
    world.error,
    `expected a refusal, the call answered ${JSON.stringify(world.last)}`,
  ).toBeDefined();
  expect(isProjectionsError(world.error), String(world.error)).toBe(true);
  if (!isProjectionsError(world.error)) return;
  expect(world.error.data).toEqual({ code: INVALID_ARGUMENT, message });
}

/** Asserts the last call left every table of the component as it was. */
export async function expectNothingWritten(world: World): Promise<void> {
  expect(world.before, "no call was made").toBeDefined();
  expect(await tableRows(world.t)).toEqual(world.before);
}

export function list(text: string): string[] {
  return text.split(", ").filter((item) => item.length > 0);
}

/** "evt-7" -> 7: the scenarios name each event after its global position. */
export function positionOf(eventId: string): number {
  const match = /^evt-(\d+)$/.exec(eventId);
  if (match === null)
    throw new Error(`event ids in the scenarios look like evt-7 (got ${eventId})`);
  return Number(match[1]);
}

/** "order-a@1, order-b@2" -> the events evt-1 of order-a and evt-2 of order-b. */
export function routedEvents(text: string): RoutedEvent[] {
  return list(text).map((item) => {
    const [partitionKey, at] = item.split("@");
    const globalPosition = Number(at);
    if (partitionKey === undefined || !Number.isInteger(globalPosition)) {
      throw new Error(`routed events look like order-a@3 (got ${item})`);
    }
    return { eventId: `evt-${globalPosition}`, globalPosition, partitionKey };
  });
}

/** "evt-2" failing its partition key function with `error`. */
export function unroutableEvent(eventId: string, error: string): UnroutableEvent {
  return { eventId, globalPosition: positionOf(eventId), error };
}
