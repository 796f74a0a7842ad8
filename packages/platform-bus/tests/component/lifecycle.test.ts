import { describe, expect, test } from "vitest";
import { api } from "../../src/component/_generated/api.js";
import { commandLifecycle, isFinalStatus } from "../../src/client/index.js";
import type { FinalCommandStatus } from "../../src/client/index.js";
import { command } from "../support/commands.js";
import { componentTest, measure } from "../support/convex.js";

const FINAL: FinalCommandStatus[] = ["executed", "rejected", "failed"];

describe("updateCommandResult", () => {
  test("the lifecycle is pending -> executed | rejected | failed, and final statuses are terminal", () => {
    expect(commandLifecycle.initial).toBe("pending");
    expect(commandLifecycle.validTransitions("pending")).toEqual(FINAL);
    for (const status of FINAL) {
      expect(isFinalStatus(status)).toBe(true);
      expect(commandLifecycle.validTransitions(status)).toEqual([]);
    }
    expect(isFinalStatus("pending")).toBe(false);
  });

  test.each(FINAL)(
    "pending -> %s stores the status with its result in one write",
    async (status) => {
      const t = componentTest();
      await t.mutation(api.lib.recordCommand, command());
      const result = status === "executed" ? { version: 2 } : { code: "E", message: `${status}!` };
      const eventIds = status === "rejected" ? [] : ["evt-1"];
      const cost = await measure(t, (ctx) =>
        ctx.runMutation(api.lib.updateCommandResult, {
          commandId: "cmd-1",
          status,
          result,
          eventIds,
        }),
      );
      expect(cost.writes).toBe(1);
      expect(cost.value).toEqual({
        ok: true,
        commandId: "cmd-1",
        status,
        completedAt: expect.any(Number),
      });
      expect(await t.query(api.lib.getCommand, { commandId: "cmd-1" })).toMatchObject({
        status,
        result,
        eventIds,
        completedAt: cost.value.ok ? cost.value.completedAt : -1,
      });
    },
  );

  test.each(FINAL.flatMap((from) => FINAL.map((to) => [from, to] as const)))(
    "%s -> %s is refused as a value naming both statuses, without a write",
    async (from, to) => {
      const t = componentTest();
      await t.mutation(
        api.lib.recordCommand,
        command({ outcome: { status: from, result: { first: true } } }),
      );
      const before = await t.query(api.lib.getCommand, { commandId: "cmd-1" });
      const cost = await measure(t, (ctx) =>
        ctx.runMutation(api.lib.updateCommandResult, {
          commandId: "cmd-1",
          status: to,
          result: { second: true },
        }),
      );
      expect(cost.writes).toBe(0);
      expect(cost.value).toEqual({
        ok: false,
        code: "INVALID_STATUS_TRANSITION",
        message: expect.stringContaining(`cannot change from status "${from}" to "${to}"`),
        commandId: "cmd-1",
        currentStatus: from,
        requestedStatus: to,
      });
      expect(await t.query(api.lib.getCommand, { commandId: "cmd-1" })).toEqual(before);
    },
  );

  test("the refusal message explains the rule", async () => {
    const t = componentTest();
    await t.mutation(api.lib.recordCommand, command({ outcome: { status: "executed" } }));
    const refused = await t.mutation(api.lib.updateCommandResult, {
      commandId: "cmd-1",
      status: "failed",
    });
    expect(!refused.ok && refused.message).toBe(
      'command "cmd-1" cannot change from status "executed" to "failed": only a pending command ' +
        'takes a final status, once (commandStatus: cannot transition from "executed" to "failed"; ' +
        '"executed" is terminal (no transitions allowed))',
    );
  });

  test("an unknown commandId gives COMMAND_NOT_FOUND as a value", async () => {
    const t = componentTest();
    const cost = await measure(t, (ctx) =>
      ctx.runMutation(api.lib.updateCommandResult, { commandId: "nope", status: "executed" }),
    );
    expect(cost.writes).toBe(0);
    expect(cost.value).toEqual({
      ok: false,
      code: "COMMAND_NOT_FOUND",
      message: expect.stringContaining('no command is recorded under commandId "nope"'),
      commandId: "nope",
    });
  });

  test("a failed status and its error survive a caller that goes on to the end", async () => {
    const t = componentTest();
    await t.mutation(api.lib.recordCommand, command());
    // The caller records the failure and returns normally: the write commits with it.
    const reported = await t.run(async (ctx) => {
      const updated = await ctx.runMutation(api.lib.updateCommandResult, {
        commandId: "cmd-1",
        status: "failed",
        result: {
          code: "HANDLER_FAILED",
          message: "inventory service timed out",
          context: { attempt: 1 },
        },
      });
      return updated.ok ? "recorded" : updated.code;
    });
    expect(reported).toBe("recorded");
    expect(await t.query(api.lib.getCommand, { commandId: "cmd-1" })).toMatchObject({
      status: "failed",
      result: {
        code: "HANDLER_FAILED",
        message: "inventory service timed out",
        context: { attempt: 1 },
      },
    });
    // A duplicate of the failed command answers with the stored failure.
    expect(await t.mutation(api.lib.recordCommand, command())).toMatchObject({
      isNew: false,
      status: "failed",
      result: { code: "HANDLER_FAILED" },
    });
  });

  test("a refused transition does not roll back the caller's transaction", async () => {
    const t = componentTest();
    await t.mutation(api.lib.recordCommand, command({ outcome: { status: "executed" } }));
    await t.mutation(api.lib.recordCommand, command({ commandId: "cmd-2" }));
    await t.run(async (ctx) => {
      const refused = await ctx.runMutation(api.lib.updateCommandResult, {
        commandId: "cmd-1",
        status: "failed",
      });
      expect(refused.ok).toBe(false);
      const accepted = await ctx.runMutation(api.lib.updateCommandResult, {
        commandId: "cmd-2",
        status: "failed",
        result: { code: "E", message: "boom" },
      });
      expect(accepted.ok).toBe(true);
    });
    expect(await t.query(api.lib.getCommand, { commandId: "cmd-2" })).toMatchObject({
      status: "failed",
    });
  });
});
