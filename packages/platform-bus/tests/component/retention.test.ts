import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../src/component/_generated/api.js";
import { internal } from "../app/_generated/api.js";
import { command } from "../support/commands.js";
import { appTest, componentTest, measure } from "../support/convex.js";
import { commandBus } from "../app/bus.js";

const HOUR = 60 * 60 * 1000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

type Final = "executed" | "rejected" | "failed";

/** Records `count` commands `prefix-1..n`, final with `status` (or pending), living `ttlMs`. */
async function seed(
  t: ReturnType<typeof componentTest>,
  prefix: string,
  count: number,
  ttlMs: number,
  status: Final | "pending",
) {
  for (let i = 1; i <= count; i++) {
    await t.mutation(
      api.lib.recordCommand,
      command({
        commandId: `${prefix}-${i}`,
        ttlMs,
        ...(status === "pending" ? {} : { outcome: { status } }),
      }),
    );
  }
}

describe("cleanupExpired", () => {
  test("deletes expired final commands in bounded batches, saying whether more remain", async () => {
    const t = componentTest();
    await seed(t, "done", 3, HOUR, "executed");
    await seed(t, "no", 2, HOUR, "rejected");
    await seed(t, "bad", 2, HOUR, "failed");
    await seed(t, "fresh", 2, 48 * HOUR, "executed");
    vi.advanceTimersByTime(2 * HOUR);

    const first = await measure(t, (ctx) =>
      ctx.runMutation(api.retention.cleanupExpired, { batchSize: 4 }),
    );
    expect(first.value).toEqual({ deleted: 4, hasMore: true });
    expect(first.writes).toBe(4);
    expect(await t.mutation(api.retention.cleanupExpired, { batchSize: 4 })).toEqual({
      deleted: 3,
      hasMore: false,
    });
    expect(await t.mutation(api.retention.cleanupExpired, { batchSize: 4 })).toEqual({
      deleted: 0,
      hasMore: false,
    });

    for (const id of ["done-1", "no-2", "bad-1"]) {
      expect(await t.query(api.lib.getCommand, { commandId: id })).toBeNull();
    }
    expect(await t.query(api.lib.getCommand, { commandId: "fresh-1" })).toMatchObject({
      status: "executed",
    });
  });

  test("a batch exactly the size of what expired reports no more", async () => {
    const t = componentTest();
    await seed(t, "done", 3, HOUR, "executed");
    vi.advanceTimersByTime(HOUR);
    expect(await t.mutation(api.retention.cleanupExpired, { batchSize: 3 })).toEqual({
      deleted: 3,
      hasMore: false,
    });
  });

  test("nothing is deleted before its expiry", async () => {
    const t = componentTest();
    await seed(t, "done", 2, HOUR, "executed");
    vi.advanceTimersByTime(HOUR - 1);
    expect(await t.mutation(api.retention.cleanupExpired, {})).toEqual({
      deleted: 0,
      hasMore: false,
    });
  });

  test("pending commands are kept after their TTL and listed as expired pending", async () => {
    const t = componentTest();
    await seed(t, "stuck", 3, HOUR, "pending");
    await seed(t, "running", 1, 48 * HOUR, "pending");
    await seed(t, "done", 1, HOUR, "executed");
    vi.advanceTimersByTime(2 * HOUR);

    expect(await t.mutation(api.retention.cleanupExpired, {})).toEqual({
      deleted: 1,
      hasMore: false,
    });
    const stuck = await t.query(api.retention.listExpiredPending, { limit: 2 });
    expect(stuck.commands.map((c) => c.commandId)).toEqual(["stuck-1", "stuck-2"]);
    expect(stuck.hasMore).toBe(true);
    const all = await t.query(api.retention.listExpiredPending, {});
    expect(all.commands.map((c) => c.commandId)).toEqual(["stuck-1", "stuck-2", "stuck-3"]);

    // A stuck command that finally completes is cleaned up by the next run.
    await t.mutation(api.lib.updateCommandResult, { commandId: "stuck-1", status: "failed" });
    expect(await t.mutation(api.retention.cleanupExpired, {})).toEqual({
      deleted: 1,
      hasMore: false,
    });
    expect(await t.query(api.lib.getCommand, { commandId: "running-1" })).toMatchObject({
      status: "pending",
    });
  });

  test("a cleanup that reschedules itself runs until every expired command is gone", async () => {
    const t = appTest();
    await t.run(async (ctx) => {
      for (let i = 1; i <= 25; i++) {
        const status = (["executed", "rejected", "failed"] as const)[i % 3]!;
        await commandBus.recordCommand(
          ctx,
          command({ commandId: `old-${i}`, ttlMs: HOUR, outcome: { status } }),
        );
      }
      for (let i = 1; i <= 4; i++) {
        await commandBus.recordCommand(
          ctx,
          command({ commandId: `new-${i}`, ttlMs: 72 * HOUR, outcome: { status: "executed" } }),
        );
        await commandBus.recordCommand(ctx, command({ commandId: `stuck-${i}`, ttlMs: HOUR }));
      }
    });
    vi.advanceTimersByTime(2 * HOUR);

    const first = await t.mutation(internal.retention.cleanupCommands, { batchSize: 4 });
    expect(first).toEqual({ deleted: 4, hasMore: true });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    // 25 expired commands in batches of 4: the first call and 6 rescheduled ones.
    const runs = await t.run(
      async (ctx) => await ctx.db.system.query("_scheduled_functions").take(100),
    );
    expect(runs.map((run) => run.state.kind)).toEqual(Array(6).fill("success"));

    const left = await t.run(async (ctx) => {
      const ids = [];
      for (const prefix of ["old", "new", "stuck"]) {
        for (let i = 1; i <= 25; i++) {
          if (await commandBus.getCommand(ctx, `${prefix}-${i}`)) ids.push(`${prefix}-${i}`);
        }
      }
      return ids;
    });
    expect(left).toEqual([
      "new-1",
      "new-2",
      "new-3",
      "new-4",
      "stuck-1",
      "stuck-2",
      "stuck-3",
      "stuck-4",
    ]);
    expect(await t.mutation(internal.retention.cleanupCommands, {})).toEqual({
      deleted: 0,
      hasMore: false,
    });
  });
});
