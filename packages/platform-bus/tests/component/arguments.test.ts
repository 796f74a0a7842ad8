import { describe, expect, test } from "vitest";
import { api } from "../../src/component/_generated/api.js";
import {
  DEFAULT_CLEANUP_BATCH_SIZE,
  DEFAULT_PAGE_SIZE,
  INVALID_ARGUMENT,
  MAX_CLEANUP_BATCH_SIZE,
  MAX_EVENT_IDS,
  MAX_PAGE_SIZE,
  isCommandBusError,
} from "../../src/client/index.js";
import { command, rejectionOf } from "../support/commands.js";
import { componentTest } from "../support/convex.js";

async function refusal(call: () => Promise<unknown>): Promise<string> {
  const error = await rejectionOf(call);
  expect(isCommandBusError(error, INVALID_ARGUMENT), String(error)).toBe(true);
  if (!isCommandBusError(error)) return "";
  expect(Object.keys(error.data).sort()).toEqual(["code", "message"]);
  return error.data.message;
}

describe("arguments the validators cannot check are refused with INVALID_ARGUMENT", () => {
  test.each([
    [{ commandId: "" }, 'commandId must be a non-empty string; got ""'],
    [{ commandType: "" }, 'commandType must be a non-empty string; got ""'],
    [{ boundedContext: "" }, 'boundedContext must be a non-empty string; got ""'],
    [{ correlationId: "" }, 'correlationId must be a non-empty string; got ""'],
    [{ causationId: "" }, 'causationId must be a non-empty string; got ""'],
    [{ targetStreamId: "" }, 'targetStreamId must be a non-empty string; got ""'],
    [{ payloadHash: "" }, 'payloadHash must be a non-empty string; got ""'],
    [{ ttlMs: 0 }, "ttlMs must be a positive whole number of milliseconds; got 0"],
    [{ ttlMs: 1.5 }, "ttlMs must be a positive whole number of milliseconds; got 1.5"],
    [{ ttlMs: -5 }, "ttlMs must be a positive whole number of milliseconds; got -5"],
    [
      { status: "pending" as const, outcome: { status: "executed" as const } },
      'recordCommand takes either status "pending" or an outcome, not both; got status "pending" and an outcome with status "executed"',
    ],
    [
      { outcome: { status: "rejected" as const, eventIds: ["evt-1"] } },
      "a rejected command emits no event, so its outcome takes no eventIds; got 1 event id(s)",
    ],
    [
      { outcome: { status: "executed" as const, eventIds: ["evt-1", "evt-1"] } },
      'eventIds must be unique; got "evt-1" more than once',
    ],
    [
      { outcome: { status: "executed" as const, eventIds: [""] } },
      'each event id must be a non-empty string; got ""',
    ],
    [
      {
        outcome: {
          status: "executed" as const,
          eventIds: Array.from({ length: MAX_EVENT_IDS + 1 }, (_, i) => `e${i}`),
        },
      },
      `a command records at most ${MAX_EVENT_IDS} event ids; got ${MAX_EVENT_IDS + 1}`,
    ],
  ])("recordCommand %j", async (change, message) => {
    const t = componentTest();
    expect(await refusal(() => t.mutation(api.lib.recordCommand, command(change)))).toBe(message);
    expect(await t.query(api.lib.getCommand, { commandId: "cmd-1" })).toBeNull();
  });

  test("updateCommandResult checks the outcome before looking the command up", async () => {
    const t = componentTest();
    await t.mutation(api.lib.recordCommand, command());
    expect(
      await refusal(() =>
        t.mutation(api.lib.updateCommandResult, {
          commandId: "cmd-1",
          status: "rejected",
          eventIds: ["e"],
        }),
      ),
    ).toBe(
      "a rejected command emits no event, so its outcome takes no eventIds; got 1 event id(s)",
    );
    expect(await t.query(api.lib.getCommand, { commandId: "cmd-1" })).toMatchObject({
      status: "pending",
    });
  });

  test.each([0, -1, 2.5, MAX_PAGE_SIZE + 1])("a listing limit of %d is refused", async (limit) => {
    const t = componentTest();
    const expected = `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}; got ${limit}`;
    expect(
      await refusal(() =>
        t.query(api.lib.getCommandsByCorrelationId, { correlationId: "c", limit }),
      ),
    ).toBe(expected);
    expect(await refusal(() => t.query(api.retention.listExpiredPending, { limit }))).toBe(
      expected,
    );
  });

  test.each([0, 1.5, MAX_CLEANUP_BATCH_SIZE + 1])(
    "a cleanup batchSize of %d is refused",
    async (batchSize) => {
      const t = componentTest();
      expect(await refusal(() => t.mutation(api.retention.cleanupExpired, { batchSize }))).toBe(
        `batchSize must be a whole number from 1 to ${MAX_CLEANUP_BATCH_SIZE}; got ${batchSize}`,
      );
    },
  );

  test("the defaults are inside the bounds", () => {
    expect(DEFAULT_PAGE_SIZE).toBeLessThanOrEqual(MAX_PAGE_SIZE);
    expect(DEFAULT_CLEANUP_BATCH_SIZE).toBe(100);
    expect(MAX_CLEANUP_BATCH_SIZE).toBe(1000);
  });

  test("checkCommand refuses an empty commandId", async () => {
    const t = componentTest();
    expect(
      await refusal(() =>
        t.query(api.lib.checkCommand, { commandId: "", commandType: "T", boundedContext: "b" }),
      ),
    ).toBe('commandId must be a non-empty string; got ""');
  });
});
