import { describe, expect, test } from "vitest";
import { api } from "../../src/component/_generated/api.js";
import { DEFAULT_TTL_MS, isCommandIdReused, isDuplicateCommand } from "../../src/client/index.js";
import { command, identity } from "../support/commands.js";
import { componentTest, measure } from "../support/convex.js";

describe("recordCommand", () => {
  test("a new commandId is inserted pending in one write, expiring after the default TTL", async () => {
    const t = componentTest();
    const { value, writes, calls } = await measure(t, (ctx) =>
      ctx.runMutation(api.lib.recordCommand, command({ causationId: "cause-1" })),
    );
    expect(value).toEqual({
      isNew: true,
      commandId: "cmd-1",
      status: "pending",
      createdAt: expect.any(Number),
      expiresAt: expect.any(Number),
    });
    if (!value.isNew) return;
    expect(value.expiresAt - value.createdAt).toBe(DEFAULT_TTL_MS);
    expect(writes).toBe(1);
    expect(calls).toBe(1);
    expect(await t.query(api.lib.getCommand, { commandId: "cmd-1" })).toEqual({
      commandId: "cmd-1",
      commandType: "SubmitOrder",
      boundedContext: "orders",
      correlationId: "corr-1",
      causationId: "cause-1",
      status: "pending",
      eventIds: [],
      createdAt: value.createdAt,
      expiresAt: value.expiresAt,
    });
  });

  test("ttlMs sets the expiry", async () => {
    const t = componentTest();
    const recorded = await t.mutation(api.lib.recordCommand, command({ ttlMs: 60_000 }));
    expect(recorded.isNew && recorded.expiresAt - recorded.createdAt).toBe(60_000);
  });

  test("a duplicate returns the stored status and result and writes nothing", async () => {
    const t = componentTest();
    const outcome = { status: "executed" as const, result: { version: 3 }, eventIds: ["evt-1"] };
    await t.mutation(api.lib.recordCommand, command({ payloadHash: "h1", outcome }));
    const before = await t.query(api.lib.getCommand, { commandId: "cmd-1" });

    const again = await measure(t, (ctx) =>
      ctx.runMutation(api.lib.recordCommand, command({ payloadHash: "h1" })),
    );
    expect(again.writes).toBe(0);
    expect(isDuplicateCommand(again.value)).toBe(true);
    expect(again.value).toEqual({
      isNew: false,
      commandId: "cmd-1",
      status: "executed",
      result: { version: 3 },
      eventIds: ["evt-1"],
      createdAt: before?.createdAt,
      completedAt: before?.completedAt,
    });
    expect(await t.query(api.lib.getCommand, { commandId: "cmd-1" })).toEqual(before);
  });

  test("a duplicate sent with an outcome of its own keeps the first outcome", async () => {
    const t = componentTest();
    await t.mutation(api.lib.recordCommand, command());
    const again = await measure(t, (ctx) =>
      ctx.runMutation(
        api.lib.recordCommand,
        command({ outcome: { status: "failed", result: { code: "X", message: "late" } } }),
      ),
    );
    expect(again.writes).toBe(0);
    expect(again.value).toMatchObject({ isNew: false, status: "pending" });
  });

  test.each([
    ["commandType", { commandType: "CancelOrder" }, ["commandType"]],
    ["boundedContext", { boundedContext: "inventory" }, ["boundedContext"]],
    ["payloadHash", { payloadHash: "h2" }, ["payloadHash"]],
    [
      "type and hash",
      { commandType: "CancelOrder", payloadHash: "h2" },
      ["commandType", "payloadHash"],
    ],
  ] as const)(
    "a commandId reused with another %s is a conflict that reveals no result and writes nothing",
    async (_label, change, mismatch) => {
      const t = componentTest();
      const outcome = { status: "executed" as const, result: { secret: "order total" } };
      await t.mutation(api.lib.recordCommand, command({ payloadHash: "h1", outcome }));
      const reused = await measure(t, (ctx) =>
        ctx.runMutation(api.lib.recordCommand, command({ payloadHash: "h1", ...change })),
      );
      expect(reused.writes).toBe(0);
      expect(isCommandIdReused(reused.value)).toBe(true);
      expect(reused.value).toEqual({
        isNew: false,
        commandId: "cmd-1",
        conflict: "COMMAND_ID_REUSED",
        message: expect.stringContaining(
          'commandId "cmd-1" is already recorded for a different command',
        ),
        mismatch,
        existing: { commandType: "SubmitOrder", boundedContext: "orders", payloadHash: "h1" },
      });
      expect(JSON.stringify(reused.value)).not.toContain("order total");
    },
  );

  test("the conflict message names what was sent and what was recorded", async () => {
    const t = componentTest();
    await t.mutation(api.lib.recordCommand, command());
    const reused = await t.mutation(api.lib.recordCommand, command({ commandType: "CancelOrder" }));
    expect(isCommandIdReused(reused) && reused.message).toBe(
      'commandId "cmd-1" is already recorded for a different command: commandType "CancelOrder" ' +
        '(recorded: "SubmitOrder"). A commandId names exactly one command: resend the same ' +
        "command to get its stored result, or use a new commandId for a new command",
    );
  });

  test("a payload hash is compared only when both requests carry one", async () => {
    const t = componentTest();
    await t.mutation(api.lib.recordCommand, command({ payloadHash: "h1" }));
    expect(await t.mutation(api.lib.recordCommand, command())).toMatchObject({
      isNew: false,
      status: "pending",
    });
  });

  test("the synchronous path records the final outcome in one write", async () => {
    const t = componentTest();
    const cost = await measure(t, async (ctx) => {
      const check = await ctx.runQuery(api.lib.checkCommand, identity(command()));
      expect(check).toEqual({ isNew: true, commandId: "cmd-1" });
      // ... the handler runs and its events are appended here, in the same transaction ...
      return await ctx.runMutation(
        api.lib.recordCommand,
        command({ outcome: { status: "executed", result: { version: 1 }, eventIds: ["evt-1"] } }),
      );
    });
    expect(cost).toMatchObject({ writes: 1, calls: 2, value: { isNew: true, status: "executed" } });
    const stored = await t.query(api.lib.getCommand, { commandId: "cmd-1" });
    expect(stored).toMatchObject({
      status: "executed",
      result: { version: 1 },
      eventIds: ["evt-1"],
    });
    expect(stored?.completedAt).toBe(stored?.createdAt);
  });

  test("checkCommand answers like recordCommand for known ids and writes nothing", async () => {
    const t = componentTest();
    await t.mutation(
      api.lib.recordCommand,
      command({
        outcome: { status: "rejected", result: { code: "ORDER_NOT_DRAFT", message: "no" } },
      }),
    );
    const duplicate = await measure(t, (ctx) =>
      ctx.runQuery(api.lib.checkCommand, identity(command())),
    );
    expect(duplicate).toMatchObject({
      writes: 0,
      value: {
        isNew: false,
        status: "rejected",
        result: { code: "ORDER_NOT_DRAFT", message: "no" },
      },
    });
    const conflict = await t.query(api.lib.checkCommand, identity(command({ commandType: "X" })));
    expect(conflict).toMatchObject({ conflict: "COMMAND_ID_REUSED", mismatch: ["commandType"] });
  });
});
