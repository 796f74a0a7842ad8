import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../src/component/_generated/api.js";
import { POSITIONS_PER_MS } from "../../src/client/index.js";
import {
  candidateFirstPositions,
  highWaterMark,
  mergeByPosition,
  nextCatchUpPosition,
  positionFloor,
  POSITION_ATTEMPTS,
} from "../../src/shared/positions.js";
import { componentTest } from "../support/convex.js";
import { event, rejectsWith, stream, T0 } from "../support/events.js";

describe("position functions", () => {
  test("the floor is the clock's slot or one past the stream's last position", () => {
    expect(positionFloor(T0, 0)).toBe(T0 * POSITIONS_PER_MS);
    expect(positionFloor(T0, T0 * POSITIONS_PER_MS + 5000)).toBe(T0 * POSITIONS_PER_MS + 5001);
  });

  test("candidates fit the batch in the window, then move to later milliseconds", () => {
    const high = candidateFirstPositions({
      nowMs: T0,
      lastGlobalPosition: 0,
      batchSize: 100,
      random: () => 0.999999,
    });
    expect(high).toHaveLength(POSITION_ATTEMPTS);
    const base = T0 * POSITIONS_PER_MS;
    // The highest offset still leaves room for the whole batch inside the millisecond.
    expect(high[0]! + 99).toBeLessThan(base + POSITIONS_PER_MS);
    expect(high.slice(0, 8).every((first) => first === high[0])).toBe(true);
    expect(high[8]! - high[0]!).toBe(POSITIONS_PER_MS);
    expect(high[15]! - high[0]!).toBe(8 * POSITIONS_PER_MS);
    expect(() =>
      candidateFirstPositions({
        nowMs: T0,
        lastGlobalPosition: 0,
        batchSize: 0,
        random: Math.random,
      }),
    ).toThrow(RangeError);
  });

  test("positions of today's clock are exact integers in a float64", () => {
    const first = positionFloor(Date.UTC(2200, 0, 1), 0) + POSITIONS_PER_MS - 1;
    expect(Number.isSafeInteger(first)).toBe(true);
  });

  test("the high-water mark trails the clock by the settle window", () => {
    expect(highWaterMark(T0, 5000)).toBe((T0 - 5000) * POSITIONS_PER_MS);
    expect(highWaterMark(T0, 0.5)).toBe(Math.floor((T0 - 0.5) * POSITIONS_PER_MS));
  });

  test("merging ranges keeps position order and knows when every range is exhausted", () => {
    const at = (...positions: number[]) => positions.map((globalPosition) => ({ globalPosition }));
    expect(mergeByPosition([at(1, 4), at(2, 3)], 3)).toEqual({
      events: at(1, 2, 3),
      isDone: false,
    });
    expect(mergeByPosition([at(1, 4), at(2)], 3)).toEqual({ events: at(1, 2, 4), isDone: true });
    // A range that returned limit + 1 has more: not done even if the page is not full.
    expect(mergeByPosition([at(1, 2, 3)], 2)).toEqual({ events: at(1, 2), isDone: false });
    expect(mergeByPosition([], 5)).toEqual({ events: [], isDone: true });
  });

  test("the next position is the last event, or just below the mark once done", () => {
    expect(nextCatchUpPosition(10, 100, [{ globalPosition: 40 }], false)).toBe(40);
    expect(nextCatchUpPosition(10, 100, [{ globalPosition: 40 }], true)).toBe(99);
    expect(nextCatchUpPosition(500, 100, [], true)).toBe(500);
  });
});

describe("positions assigned by the component", () => {
  let t: ReturnType<typeof componentTest>;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    t = componentTest();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });
  const append = (streamId: string, count = 1) =>
    t.mutation(api.lib.appendToStream, {
      stream: stream(streamId),
      expectedVersion: "any",
      events: Array.from({ length: count }, () => event("A")),
    });
  const firstPosition = async (streamId: string, count = 1) => {
    const result = await append(streamId, count);
    if (result.status !== "success") throw new Error(result.status);
    return result.events[0]!.globalPosition;
  };

  test("appends to many streams in one millisecond get distinct positions of that millisecond", async () => {
    const positions = [];
    for (let i = 0; i < 50; i++) positions.push(await firstPosition(`ord-${i}`, 3));
    const all = positions.flatMap((first) => [first, first + 1, first + 2]);
    expect(new Set(all).size).toBe(150);
    expect(Math.min(...all)).toBeGreaterThanOrEqual(T0 * POSITIONS_PER_MS);
  });

  test("appends to one stream in one millisecond climb above its last position", async () => {
    let last = 0;
    for (let i = 0; i < 20; i++) {
      const first = await firstPosition("ord-1", 60);
      expect(first).toBeGreaterThan(last);
      last = first + 59;
    }
    // 1,200 events cannot fit one millisecond's 1,024 slots: later slots are used.
    expect(last).toBeGreaterThanOrEqual((T0 + 1) * POSITIONS_PER_MS);
  });

  test("a taken range sends the append to the next candidate", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const one = await firstPosition("ord-1");
    const two = await firstPosition("ord-2");
    expect(two - one).toBe(POSITIONS_PER_MS);
  });

  test("when every candidate is taken the append fails with POSITION_SPACE_EXHAUSTED", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    // Each stream takes the next window; candidates reach 8 windows past the clock.
    for (let i = 0; i < 9; i++) await firstPosition(`ord-${i}`);
    const error = await rejectsWith(append("ord-9"), "POSITION_SPACE_EXHAUSTED");
    expect(error.message).toContain(`after ${POSITION_ATTEMPTS} attempts`);
    const written = await t.run(async (ctx) => (await ctx.db.query("events").collect()).length);
    expect(written).toBe(9);
  });
});
