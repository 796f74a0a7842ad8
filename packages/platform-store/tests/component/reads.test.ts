import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../src/component/_generated/api.js";
import * as lib from "../../src/component/lib.js";
import {
  DEFAULT_SETTLE_MS,
  highWaterMark,
  MAX_EVENT_TYPES_PER_READ,
  MAX_READ_LIMIT,
} from "../../src/client/index.js";
import { componentTest } from "../support/convex.js";
import { event, rejectsWith, stream, T0 } from "../support/events.js";

let t: ReturnType<typeof componentTest>;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
  t = componentTest();
});
afterEach(() => {
  vi.useRealTimers();
});

const append = (args: Parameters<typeof t.mutation<typeof api.lib.appendToStream>>[1]) =>
  t.mutation(api.lib.appendToStream, args);
const settle = () => vi.setSystemTime(Date.now() + DEFAULT_SETTLE_MS + 1);

async function seed() {
  // Three streams, two bounded contexts, three event types, one millisecond apart each.
  const plan = [
    [stream("ord-1"), "OrderCreated"],
    [stream("ord-2"), "OrderCreated"],
    [stream("inv-1", { streamType: "Invoice", boundedContext: "billing" }), "InvoiceIssued"],
    [stream("ord-1"), "OrderShipped"],
    [stream("inv-1", { streamType: "Invoice", boundedContext: "billing" }), "InvoicePaid"],
    [stream("ord-2"), "OrderShipped"],
  ] as const;
  const versions = new Map<string, number>();
  for (const [ref, eventType] of plan) {
    const version = versions.get(ref.streamId) ?? 0;
    const result = await append({
      stream: ref,
      expectedVersion: version,
      events: [
        event(eventType, { n: versions.size }, { metadata: { correlationId: ref.streamId } }),
      ],
    });
    if (result.status !== "success") throw new Error(result.status);
    versions.set(ref.streamId, version + 1);
    vi.setSystemTime(Date.now() + 1);
  }
}

describe("readStream", () => {
  test("pages through one stream in version order", async () => {
    await append({
      stream: stream("ord-1"),
      expectedVersion: 0,
      events: ["A", "B", "C", "D", "E"].map((type) => event(type)),
    });
    const first = await t.query(api.lib.readStream, {
      streamType: "Order",
      streamId: "ord-1",
      limit: 2,
    });
    expect(first.events.map((e) => [e.version, e.eventType])).toEqual([
      [1, "A"],
      [2, "B"],
    ]);
    expect(first).toMatchObject({ nextVersion: 3, isDone: false });
    const rest = await t.query(api.lib.readStream, {
      streamType: "Order",
      streamId: "ord-1",
      fromVersion: first.nextVersion,
      limit: 3,
    });
    expect(rest.events.map((e) => e.eventType)).toEqual(["C", "D", "E"]);
    expect(rest).toMatchObject({ nextVersion: 6, isDone: true });
  });

  test("an unknown stream reads empty and has version 0", async () => {
    const page = await t.query(api.lib.readStream, {
      streamType: "Order",
      streamId: "none",
      limit: 5,
    });
    expect(page).toEqual({ events: [], nextVersion: 1, isDone: true });
    expect(await t.query(api.lib.getStreamVersion, { streamType: "Order", streamId: "none" })).toBe(
      0,
    );
  });

  test("refuses a bad fromVersion or limit", async () => {
    await rejectsWith(
      t.query(api.lib.readStream, { streamType: "Order", streamId: "x", fromVersion: 0, limit: 5 }),
      "INVALID_VERSION",
    );
    for (const limit of [0, MAX_READ_LIMIT + 1, 2.5]) {
      const error = await rejectsWith(
        t.query(api.lib.readStream, { streamType: "Order", streamId: "x", limit }),
        "INVALID_LIMIT",
      );
      expect(error.message).toBe(
        `limit is ${limit}; expected an integer from 1 to ${MAX_READ_LIMIT}`,
      );
    }
  });
});

describe("readFromPosition", () => {
  test("hides events younger than the settle window, then returns them in position order", async () => {
    await seed();
    const early = await t.query(api.lib.readFromPosition, { after: 0, limit: 100 });
    expect(early.events).toEqual([]);
    expect(early.highWaterMark).toBe(highWaterMark(Date.now(), DEFAULT_SETTLE_MS));
    expect(early).toMatchObject({ isDone: true, nextPosition: early.highWaterMark - 1 });

    settle();
    const page = await t.query(api.lib.readFromPosition, { after: 0, limit: 100 });
    expect(page.events.map((e) => e.eventType)).toEqual([
      "OrderCreated",
      "OrderCreated",
      "InvoiceIssued",
      "OrderShipped",
      "InvoicePaid",
      "OrderShipped",
    ]);
    const positions = page.events.map((e) => e.globalPosition);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(page.isDone).toBe(true);
    expect(page.nextPosition).toBe(page.highWaterMark - 1);
  });

  test("a per-call settle window of 0 shows events at once", async () => {
    await seed();
    const page = await t.query(api.lib.readFromPosition, { after: 0, limit: 100, settleMs: 0 });
    // seed() ends one millisecond after its last append, so every event is below the mark.
    expect(page.events.length).toBe(6);
  });

  test("pages continue after the last event returned", async () => {
    await seed();
    settle();
    const seen: string[] = [];
    let after = 0;
    for (;;) {
      const page = await t.query(api.lib.readFromPosition, { after, limit: 4 });
      seen.push(...page.events.map((e) => e.eventType));
      if (!page.isDone) expect(page.nextPosition).toBe(page.events.at(-1)!.globalPosition);
      after = page.nextPosition;
      if (page.isDone) break;
    }
    expect(seen).toHaveLength(6);
  });

  test("filters by event types through merged index ranges, each limited", async () => {
    await seed();
    settle();
    const page = await t.query(api.lib.readFromPosition, {
      after: 0,
      limit: 3,
      eventTypes: ["OrderShipped", "InvoiceIssued", "OrderShipped"],
    });
    expect(page.events.map((e) => e.eventType)).toEqual([
      "InvoiceIssued",
      "OrderShipped",
      "OrderShipped",
    ]);
    expect(page.isDone).toBe(true);
    const small = await t.query(api.lib.readFromPosition, {
      after: 0,
      limit: 2,
      eventTypes: ["OrderShipped", "InvoiceIssued"],
    });
    expect(small.events.map((e) => e.eventType)).toEqual(["InvoiceIssued", "OrderShipped"]);
    expect(small.isDone).toBe(false);
    const next = await t.query(api.lib.readFromPosition, {
      after: small.nextPosition,
      limit: 2,
      eventTypes: ["OrderShipped", "InvoiceIssued"],
    });
    expect(next.events.map((e) => e.eventType)).toEqual(["OrderShipped"]);
  });

  test("filters by bounded context, alone or with event types", async () => {
    await seed();
    settle();
    const billing = await t.query(api.lib.readFromPosition, {
      after: 0,
      limit: 10,
      boundedContext: "billing",
    });
    expect(billing.events.map((e) => e.eventType)).toEqual(["InvoiceIssued", "InvoicePaid"]);
    const both = await t.query(api.lib.readFromPosition, {
      after: 0,
      limit: 10,
      boundedContext: "orders",
      eventTypes: ["OrderShipped", "InvoicePaid"],
    });
    expect(both.events.map((e) => [e.boundedContext, e.eventType])).toEqual([
      ["orders", "OrderShipped"],
      ["orders", "OrderShipped"],
    ]);
  });

  test("refuses bad positions, limits, settle windows and filters", async () => {
    const error = await rejectsWith(
      t.query(api.lib.readFromPosition, { after: -1, limit: 10 }),
      "INVALID_POSITION",
    );
    expect(error.message).toBe("after is -1; expected a global position (an integer, 0 or more)");
    await rejectsWith(t.query(api.lib.readFromPosition, { after: 0, limit: 0 }), "INVALID_LIMIT");
    await rejectsWith(
      t.query(api.lib.readFromPosition, { after: 0, limit: 10, settleMs: -5 }),
      "INVALID_SETTLE_MS",
    );
    await rejectsWith(
      t.query(api.lib.readFromPosition, { after: 0, limit: 10, eventTypes: [] }),
      "INVALID_READ_FILTER",
    );
    const tooMany = Array.from({ length: MAX_EVENT_TYPES_PER_READ + 1 }, (_, i) => `T${i}`);
    const filter = await rejectsWith(
      t.query(api.lib.readFromPosition, { after: 0, limit: 10, eventTypes: tooMany }),
      "INVALID_READ_FILTER",
    );
    expect(filter.message).toContain(`expected 1 to ${MAX_EVENT_TYPES_PER_READ}`);
  });
});

describe("lookups", () => {
  test("by correlation id, in position order and paged", async () => {
    await seed();
    const page = await t.query(api.lib.readByCorrelationId, { correlationId: "ord-1", limit: 1 });
    expect(page.events.map((e) => e.eventType)).toEqual(["OrderCreated"]);
    expect(page.isDone).toBe(false);
    const rest = await t.query(api.lib.readByCorrelationId, {
      correlationId: "ord-1",
      after: page.nextPosition,
      limit: 10,
    });
    expect(rest.events.map((e) => e.eventType)).toEqual(["OrderShipped"]);
    expect(rest.isDone).toBe(true);
  });

  test("by event id, and null for an unknown or malformed id", async () => {
    const result = await append({
      stream: stream("ord-1"),
      expectedVersion: 0,
      events: [event("A")],
    });
    if (result.status !== "success") throw new Error(result.status);
    const found = await t.query(api.lib.getEventById, { eventId: result.events[0]!.eventId });
    expect(found).toMatchObject({ eventId: result.events[0]!.eventId, eventType: "A", version: 1 });
    expect(typeof found?.eventId).toBe("string");
    expect(await t.query(api.lib.getEventById, { eventId: "not-an-id" })).toBeNull();
  });
});

describe("events are immutable", () => {
  test("the component's only mutations append; everything else is a query", () => {
    const kinds = Object.entries(lib).map(([name, fn]) => [
      name,
      (fn as { isMutation?: boolean }).isMutation ? "mutation" : "query",
    ]);
    expect(kinds.filter(([, kind]) => kind === "mutation").map(([name]) => name)).toEqual([
      "appendToStream",
      "commitScope",
    ]);
  });

  test("later appends leave earlier events exactly as written", async () => {
    const first = await append({
      stream: stream("ord-1"),
      expectedVersion: 0,
      events: [event("A", { total: 1 })],
    });
    if (first.status !== "success") throw new Error(first.status);
    const before = await t.query(api.lib.getEventById, { eventId: first.events[0]!.eventId });
    await append({
      stream: stream("ord-1"),
      expectedVersion: 1,
      events: [event("B", { total: 2 })],
    });
    await append({ stream: stream("ord-1"), expectedVersion: "any", events: [event("C")] });
    const after = await t.query(api.lib.getEventById, { eventId: first.events[0]!.eventId });
    expect(after).toEqual(before);
  });
});
