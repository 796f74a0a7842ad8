import { beforeEach, describe, expect, test } from "vitest";
import { api } from "../../src/component/_generated/api.js";
import { componentTest } from "../support/convex.js";
import { event, rejectsWith, stream } from "../support/events.js";

let t: ReturnType<typeof componentTest>;
beforeEach(() => {
  t = componentTest();
});

const append = (args: Parameters<typeof t.mutation<typeof api.lib.appendToStream>>[1]) =>
  t.mutation(api.lib.appendToStream, args);
const eventCount = () => t.run(async (ctx) => (await ctx.db.query("events").collect()).length);

const paid = (key: string, amount: number) =>
  event("PaymentReceived", { amount, currency: "EUR" }, { idempotencyKey: key });

describe("idempotent appends", () => {
  test("an exact retry returns the original events and writes nothing", async () => {
    const first = await append({
      stream: stream("ord-1"),
      expectedVersion: 0,
      events: [paid("pay-1", 10), paid("pay-2", 20)],
    });
    if (first.status !== "success") throw new Error(first.status);
    // The retry still carries the version the caller had: idempotency wins over OCC.
    const retry = await append({
      stream: stream("ord-1"),
      expectedVersion: 0,
      events: [paid("pay-1", 10), paid("pay-2", 20)],
    });
    expect(retry).toEqual({ status: "duplicate", events: first.events });
    expect(await eventCount()).toBe(2);
  });

  test("the order of payload keys does not make a retry different", async () => {
    await append({ stream: stream("ord-1"), expectedVersion: 0, events: [paid("pay-1", 10)] });
    const retry = await append({
      stream: stream("ord-1"),
      expectedVersion: 1,
      events: [
        event("PaymentReceived", { currency: "EUR", amount: 10 }, { idempotencyKey: "pay-1" }),
      ],
    });
    expect(retry.status).toBe("duplicate");
  });

  test("a reused key with other content is a conflict value, audited in a record that survives", async () => {
    const first = await append({
      stream: stream("ord-1"),
      expectedVersion: 0,
      events: [paid("pay-1", 10)],
    });
    if (first.status !== "success") throw new Error(first.status);
    const clash = await append({
      stream: stream("ord-1"),
      expectedVersion: 1,
      events: [
        event(
          "PaymentReceived",
          { amount: 99, currency: "EUR" },
          {
            idempotencyKey: "pay-1",
            metadata: { correlationId: "corr-clash" },
          },
        ),
      ],
    });
    const existingEventId = first.events[0]!.eventId;
    expect(clash).toEqual({ status: "idempotency_conflict", key: "pay-1", existingEventId });

    // The audit row was committed by the same mutation, which returned rather than threw.
    const audits = await t.run((ctx) => ctx.db.query("idempotencyConflicts").collect());
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      idempotencyKey: "pay-1",
      existingEventId,
      attemptedStreamType: "Order",
      attemptedStreamId: "ord-1",
      attemptedEventType: "PaymentReceived",
      boundedContext: "orders",
      correlationId: "corr-clash",
    });
    expect(
      await t.query(api.lib.readIdempotencyConflicts, { idempotencyKey: "pay-1", limit: 10 }),
    ).toHaveLength(1);
    // The original is untouched and nothing else was written.
    const original = await t.query(api.lib.getEventById, { eventId: existingEventId });
    expect(original?.payload).toEqual({ amount: 10, currency: "EUR" });
    expect(await eventCount()).toBe(1);
  });

  test("the same key on another stream is a conflict too", async () => {
    await append({ stream: stream("ord-1"), expectedVersion: 0, events: [paid("pay-1", 10)] });
    const clash = await append({
      stream: stream("ord-2"),
      expectedVersion: 0,
      events: [paid("pay-1", 10)],
    });
    expect(clash.status).toBe("idempotency_conflict");
  });

  test("a batch mixing stored and new events is refused, not half-written", async () => {
    await append({ stream: stream("ord-1"), expectedVersion: 0, events: [paid("pay-1", 10)] });
    const error = await rejectsWith(
      append({
        stream: stream("ord-1"),
        expectedVersion: 1,
        events: [paid("pay-1", 10), paid("pay-2", 20)],
      }),
      "IDEMPOTENCY_PARTIAL_BATCH",
    );
    expect(error.message).toContain("1 of the 2 events of the batch were stored before");
    expect(await eventCount()).toBe(1);
  });

  test("a stored key next to an event without a key is a partial batch too", async () => {
    await append({ stream: stream("ord-1"), expectedVersion: 0, events: [paid("pay-1", 10)] });
    await rejectsWith(
      append({
        stream: stream("ord-1"),
        expectedVersion: 1,
        events: [paid("pay-1", 10), event("Note")],
      }),
      "IDEMPOTENCY_PARTIAL_BATCH",
    );
  });

  test("a key used twice in one batch is refused", async () => {
    const error = await rejectsWith(
      append({
        stream: stream("ord-1"),
        expectedVersion: 0,
        events: [paid("pay-1", 10), paid("pay-1", 10)],
      }),
      "DUPLICATE_IDEMPOTENCY_KEY",
    );
    expect(error.message).toContain('"pay-1" appears twice');
  });

  test("keys are per tenant: another tenant's key is a new event", async () => {
    await append({
      stream: stream("ord-1", { tenantId: "t1" }),
      expectedVersion: 0,
      events: [paid("pay-1", 10)],
    });
    const other = await append({
      stream: stream("ord-1b", { tenantId: "t2" }),
      expectedVersion: 0,
      events: [paid("pay-1", 50)],
    });
    expect(other.status).toBe("success");
    const mine = await t.query(api.lib.getEventByIdempotencyKey, {
      idempotencyKey: "pay-1",
      tenantId: "t1",
    });
    const theirs = await t.query(api.lib.getEventByIdempotencyKey, {
      idempotencyKey: "pay-1",
      tenantId: "t2",
    });
    expect(mine?.payload).toEqual({ amount: 10, currency: "EUR" });
    expect(theirs?.payload).toEqual({ amount: 50, currency: "EUR" });
    expect(await t.query(api.lib.getEventByIdempotencyKey, { idempotencyKey: "pay-1" })).toBeNull();
  });
});
