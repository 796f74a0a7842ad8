// What the feature steps share: the test app with the command bus installed, the last call's
// result and its cost, and small actions written the way the scenarios say them.
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type {
  CommandRecord,
  FinalCommandStatus,
  RecordCommandArgs,
} from "../../src/client/index.js";
import { commandBus } from "../app/bus.js";
import { command } from "./commands.js";
import { appTest, measure } from "./convex.js";

/** Absolute path of a feature file, resolved from the step file that loads it. */
export function featurePath(name: string, from: string): string {
  return fileURLToPath(new URL(`../features/${name}`, from));
}

/** The ctx of the test app's transactions. */
export type AppCtx = Parameters<Parameters<ReturnType<typeof appTest>["run"]>[0]>[0];

export type World = {
  t: ReturnType<typeof appTest>;
  /** The value of the last call, and what it cost. */
  last: unknown;
  writes: number;
  calls: number;
  error: unknown;
};

export function newWorld(): World {
  return { t: appTest(), last: undefined, writes: -1, calls: -1, error: undefined };
}

/** Runs `body` in one transaction of the app and keeps its value and cost in the world. */
export async function call<T>(world: World, body: (ctx: AppCtx) => Promise<T>): Promise<T> {
  const cost = await measure(world.t, body);
  world.last = cost.value;
  world.writes = cost.writes;
  world.calls = cost.calls;
  return cost.value;
}

/** Like `call`, for a call expected to throw: keeps the error. */
export async function attempt(
  world: World,
  body: (ctx: AppCtx) => Promise<unknown>,
): Promise<void> {
  world.error = undefined;
  try {
    await call(world, body);
  } catch (error) {
    world.error = error;
  }
}

export async function record(world: World, args: Partial<RecordCommandArgs>): Promise<unknown> {
  return await call(world, (ctx) => commandBus.recordCommand(ctx, command(args)));
}

/** Records a command that already ended, as the synchronous path does. */
export async function recordFinal(
  world: World,
  commandId: string,
  status: FinalCommandStatus,
  result: unknown,
  eventIds: string[] = [],
  extra: Partial<RecordCommandArgs> = {},
): Promise<void> {
  await record(world, { commandId, ...extra, outcome: { status, result, eventIds } });
}

export async function stored(world: World, commandId: string): Promise<CommandRecord | null> {
  return await world.t.run((ctx) => commandBus.getCommand(ctx, commandId));
}

export function list(text: string): string[] {
  return text.split(", ").filter((item) => item.length > 0);
}

export function expectWrites(world: World, writes: number): void {
  expect(world.writes, "documents written by the call").toBe(writes);
}
