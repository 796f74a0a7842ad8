// Steps that several features say the same way. Each is registered under every keyword, so a
// scenario may open with it ("Given") or chain it ("And"), in scenarios and outlines alike.
import type { StepTest } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import type { RecordFailureResult } from "../../src/client/index.js";
import { api } from "../../src/component/_generated/api.js";
import type { World } from "./world.js";
import {
  call,
  expectNothingWritten,
  expectRefusal,
  list,
  positionOf,
  route,
  routedEvents,
  unroutableEvent,
} from "./world.js";

type Keywords = Pick<StepTest, "Given" | "When" | "Then" | "And">;

const MINUTE = 60_000;

/**
 * Defines a step under Given, When, Then and And at once: vitest-cucumber matches a shared step
 * by its keyword too. The step function gets the step's parameters, without the test context.
 */
export function everyKeyword(keywords: Keywords) {
  return <P extends unknown[]>(text: string, fn: (...params: P) => unknown): void => {
    const run = async (_ctx: unknown, ...params: unknown[]) => {
      await fn(...(params as P));
    };
    for (const keyword of [keywords.Given, keywords.When, keywords.Then, keywords.And]) {
      keyword(text, run);
    }
  };
}

export function sharedSteps(keywords: Keywords, world: () => World): void {
  const step = everyKeyword(keywords);

  step(
    "{string} were routed for {string} from {int} to {int}",
    async (events: string, projection: string, from: number, to: number) => {
      const routed = await route(world(), {
        projection,
        expectedPosition: from,
        nextPosition: to,
        events: routedEvents(events),
        unroutable: [],
      });
      expect(routed.status).toBe("routed");
    },
  );
  step(
    "{string} were routed for {string} from {int} to {int} with {string} unroutable because {string}",
    async (
      events: string,
      projection: string,
      from: number,
      to: number,
      eventId: string,
      error: string,
    ) => {
      const routed = await route(world(), {
        projection,
        expectedPosition: from,
        nextPosition: to,
        events: routedEvents(events),
        unroutable: [unroutableEvent(eventId, error)],
      });
      expect(routed.status).toBe("routed");
    },
  );
  step(
    "partition {string} of {string} waits on {string}",
    async (partitionKey: string, projection: string, eventIds: string) => {
      const rows = await world().t.run(
        async (ctx) =>
          await ctx.db
            .query("routedEvents")
            .withIndex("by_partition_and_position", (q) =>
              q.eq("projection", projection).eq("partitionKey", partitionKey),
            )
            .collect(),
      );
      expect(rows.map((row) => row.eventId)).toEqual(list(eventIds));
      expect(rows.map((row) => row.globalPosition)).toEqual(list(eventIds).map(positionOf));
    },
  );
  step(
    "partition {string} of {string} advanced through {string} with {int} applied and {int} skipped",
    async (
      partitionKey: string,
      projection: string,
      eventId: string,
      applied: number,
      skipped: number,
    ) => {
      const advanced = await call(world(), () =>
        world().t.mutation(api.partitions.advance, {
          projection,
          partitionKey,
          throughPosition: positionOf(eventId),
          lastEventId: eventId,
          applied,
          skipped,
        }),
      );
      expect(advanced.checkpoint).toMatchObject({ lastEventId: eventId });
    },
  );
  step(
    "the handler of {string} failed on {string} of partition {string} with {string}",
    async (projection: string, eventId: string, partitionKey: string, error: string) => {
      const failure: RecordFailureResult = await call(world(), () =>
        world().t.mutation(api.poison.recordFailure, {
          projection,
          partitionKey,
          eventId,
          globalPosition: positionOf(eventId),
          error,
        }),
      );
      expect(failure.attempts).toBeGreaterThanOrEqual(1);
    },
  );
  step("the cursor of {string} is at {int}", async (projection: string, position: number) => {
    expect(await world().t.query(api.routing.getCursor, { projection })).toBe(position);
  });
  step(
    "the poison record of {string} for {string} is {string} after attempt {int}",
    async (eventId: string, projection: string, status: string, attempts: number) => {
      const record = await world().t.query(api.poison.getPoisonEvent, { projection, eventId });
      expect(record).toMatchObject({
        eventId,
        globalPosition: positionOf(eventId),
        status,
        attempts,
      });
    },
  );
  step(
    "the dead letters of {string} are {string}",
    async (projection: string, eventIds: string) => {
      const letters = await world().t.query(api.poison.listDeadLetters, { projection, limit: 50 });
      expect(letters.map((letter) => letter.eventId)).toEqual(list(eventIds));
      expect(letters.every((letter) => letter.status === "quarantined")).toBe(true);
    },
  );
  step("it is refused with INVALID_ARGUMENT saying {string}", (message: string) => {
    expectRefusal(world(), message);
  });
  step("the call wrote nothing", async () => {
    await expectNothingWritten(world());
  });
  step("{int} minute passes", (minutes: number) => {
    vi.advanceTimersByTime(minutes * MINUTE);
  });
  step("{int} minutes pass", (minutes: number) => {
    vi.advanceTimersByTime(minutes * MINUTE);
  });
}
