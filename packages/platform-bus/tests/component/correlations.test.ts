import { describe, expect, test } from "vitest";
import { api } from "../../src/component/_generated/api.js";
import { command } from "../support/commands.js";
import { componentTest, measure } from "../support/convex.js";

describe("correlations", () => {
  test("getEventsForCommand returns the events recorded with the outcome", async () => {
    const t = componentTest();
    await t.mutation(
      api.lib.recordCommand,
      command({ outcome: { status: "executed", eventIds: ["evt-1", "evt-2"] } }),
    );
    expect(await t.query(api.lib.getEventsForCommand, { commandId: "cmd-1" })).toEqual({
      commandId: "cmd-1",
      commandType: "SubmitOrder",
      boundedContext: "orders",
      status: "executed",
      eventIds: ["evt-1", "evt-2"],
    });
  });

  test("the asynchronous path records the events with the final status, in one write", async () => {
    const t = componentTest();
    await t.mutation(api.lib.recordCommand, command());
    expect(await t.query(api.lib.getEventsForCommand, { commandId: "cmd-1" })).toMatchObject({
      status: "pending",
      eventIds: [],
    });
    const cost = await measure(t, (ctx) =>
      ctx.runMutation(api.lib.updateCommandResult, {
        commandId: "cmd-1",
        status: "executed",
        eventIds: ["evt-9"],
      }),
    );
    expect(cost.writes).toBe(1);
    expect(await t.query(api.lib.getEventsForCommand, { commandId: "cmd-1" })).toMatchObject({
      status: "executed",
      eventIds: ["evt-9"],
    });
  });

  test("an unknown command has no correlation and no record", async () => {
    const t = componentTest();
    expect(await t.query(api.lib.getEventsForCommand, { commandId: "nope" })).toBeNull();
    expect(await t.query(api.lib.getCommand, { commandId: "nope" })).toBeNull();
  });

  test("getCommandsByCorrelationId lists one correlation oldest first, limited, with hasMore", async () => {
    const t = componentTest();
    for (let i = 1; i <= 5; i++) {
      await t.mutation(
        api.lib.recordCommand,
        command({ commandId: `cmd-${i}`, causationId: i > 1 ? `cmd-${i - 1}` : undefined }),
      );
    }
    await t.mutation(
      api.lib.recordCommand,
      command({ commandId: "other", correlationId: "corr-2" }),
    );

    const page = await t.query(api.lib.getCommandsByCorrelationId, {
      correlationId: "corr-1",
      limit: 3,
    });
    expect(page.commands.map((c) => c.commandId)).toEqual(["cmd-1", "cmd-2", "cmd-3"]);
    expect(page.hasMore).toBe(true);

    const all = await t.query(api.lib.getCommandsByCorrelationId, {
      correlationId: "corr-1",
      limit: 5,
    });
    expect(all.commands.map((c) => c.causationId)).toEqual([
      undefined,
      "cmd-1",
      "cmd-2",
      "cmd-3",
      "cmd-4",
    ]);
    expect(all.hasMore).toBe(false);

    const other = await t.query(api.lib.getCommandsByCorrelationId, { correlationId: "corr-2" });
    expect(other).toMatchObject({ commands: [{ commandId: "other" }], hasMore: false });
    expect(await t.query(api.lib.getCommandsByCorrelationId, { correlationId: "none" })).toEqual({
      commands: [],
      hasMore: false,
    });
  });
});
