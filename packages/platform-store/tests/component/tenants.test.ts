// Every read is tenant-safe: a tenant reads its own streams and events, never another's, and a
// read without tenant sees only what belongs to no tenant (unless it asks for allTenants).
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../src/component/_generated/api.js";
import { DEFAULT_SETTLE_MS, highWaterMark } from "../../src/client/index.js";
import type { StreamRef } from "../../src/client/index.js";
import { appTest, componentTest } from "../support/convex.js";
import type { Runner } from "../support/convex.js";
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

const settle = () => vi.setSystemTime(Date.now() + DEFAULT_SETTLE_MS + 1);

const t1Order = stream("ord-1", { tenantId: "t1" });
const t1Invoice = stream("inv-1", {
  streamType: "Invoice",
  boundedContext: "billing",
  tenantId: "t1",
});
const t2Order = stream("ord-2", { tenantId: "t2" });
const plainOrder = stream("ord-0");

/** Appends one event, one millisecond after the previous one; returns its event id. */
async function appendOne(ref: StreamRef, eventType: string, idempotencyKey?: string) {
  const result = await t.mutation(api.lib.appendToStream, {
    stream: ref,
    expectedVersion: "any",
    events: [
      event(
        eventType,
        { stream: ref.streamId },
        {
          metadata: { correlationId: "corr-shared" },
          ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
        },
      ),
    ],
  });
  if (result.status !== "success") throw new Error(result.status);
  vi.setSystemTime(Date.now() + 1);
  return result.events[0]!.eventId;
}

/** Two tenants and no tenant, sharing event types, a correlation id and an idempotency key. */
async function seed() {
  return {
    t1Created: await appendOne(t1Order, "OrderCreated", "key-1"),
    t2Created: await appendOne(t2Order, "OrderCreated", "key-1"),
    plainCreated: await appendOne(plainOrder, "OrderCreated", "key-0"),
    t1Issued: await appendOne(t1Invoice, "InvoiceIssued"),
    t1Shipped: await appendOne(t1Order, "OrderShipped"),
    t2Shipped: await appendOne(t2Order, "OrderShipped"),
    plainShipped: await appendOne(plainOrder, "OrderShipped"),
  };
}

/** The error data must not give away another tenant's id anywhere. */
function expectNoOwnerId(data: Record<string, unknown>, ownerId: string) {
  expect(JSON.stringify(data)).not.toContain(`"${ownerId}"`);
  expect(data["message"]).not.toContain(ownerId);
}

describe("readStream and getStreamVersion", () => {
  test("a tenant reads its own stream", async () => {
    await seed();
    const page = await t.query(api.lib.readStream, {
      streamType: "Order",
      streamId: "ord-1",
      tenantId: "t1",
      limit: 10,
    });
    expect(page.events.map((e) => [e.tenantId, e.eventType])).toEqual([
      ["t1", "OrderCreated"],
      ["t1", "OrderShipped"],
    ]);
    expect(
      await t.query(api.lib.getStreamVersion, {
        streamType: "Order",
        streamId: "ord-1",
        tenantId: "t1",
      }),
    ).toBe(2);
  });

  test("another tenant is refused, naming the stream but not its tenant", async () => {
    await seed();
    const read = await rejectsWith(
      t.query(api.lib.readStream, {
        streamType: "Order",
        streamId: "ord-1",
        tenantId: "t2",
        limit: 10,
      }),
      "TENANT_MISMATCH",
    );
    expect(read.message).toBe(
      'Stream Order/ord-1 belongs to another tenant than "t2"; expected the tenantId of the tenant it belongs to',
    );
    expect(read).toMatchObject({ streamType: "Order", streamId: "ord-1", tenantId: "t2" });
    expectNoOwnerId(read, "t1");
    const version = await rejectsWith(
      t.query(api.lib.getStreamVersion, { streamType: "Order", streamId: "ord-1", tenantId: "t2" }),
      "TENANT_MISMATCH",
    );
    expectNoOwnerId(version, "t1");
  });

  test("a read without tenant is refused on a tenant's stream", async () => {
    await seed();
    const read = await rejectsWith(
      t.query(api.lib.readStream, { streamType: "Order", streamId: "ord-1", limit: 10 }),
      "TENANT_MISMATCH",
    );
    expect(read.message).toBe(
      "Stream Order/ord-1 belongs to a tenant; expected that tenant's tenantId, and none was given",
    );
    expectNoOwnerId(read, "t1");
    await rejectsWith(
      t.query(api.lib.getStreamVersion, { streamType: "Order", streamId: "ord-1" }),
      "TENANT_MISMATCH",
    );
  });

  test("a stream without tenant is read without tenantId, and refused with one", async () => {
    await seed();
    const page = await t.query(api.lib.readStream, {
      streamType: "Order",
      streamId: "ord-0",
      limit: 10,
    });
    expect(page.events.map((e) => e.eventType)).toEqual(["OrderCreated", "OrderShipped"]);
    expect(page.events.every((e) => e.tenantId === undefined)).toBe(true);
    const read = await rejectsWith(
      t.query(api.lib.readStream, {
        streamType: "Order",
        streamId: "ord-0",
        tenantId: "t1",
        limit: 10,
      }),
      "TENANT_MISMATCH",
    );
    expect(read.message).toBe(
      'Stream Order/ord-0 belongs to no tenant; expected no tenantId, not tenant "t1"',
    );
    await rejectsWith(
      t.query(api.lib.getStreamVersion, { streamType: "Order", streamId: "ord-0", tenantId: "t1" }),
      "TENANT_MISMATCH",
    );
  });

  test("a stream that does not exist reads empty for every caller", async () => {
    for (const tenantId of ["t1", undefined]) {
      const page = await t.query(api.lib.readStream, {
        streamType: "Order",
        streamId: "none",
        limit: 5,
        ...(tenantId === undefined ? {} : { tenantId }),
      });
      expect(page).toEqual({ events: [], nextVersion: 1, isDone: true });
    }
  });

  test("an empty tenantId is refused rather than read as no tenant", async () => {
    const error = await rejectsWith(
      t.query(api.lib.readStream, {
        streamType: "Order",
        streamId: "ord-1",
        tenantId: "",
        limit: 5,
      }),
      "INVALID_READ_FILTER",
    );
    expect(error.message).toContain("tenantId is empty");
  });
});

describe("readFromPosition", () => {
  test("a tenant reads only its own events, in position order", async () => {
    const ids = await seed();
    settle();
    const page = await t.query(api.lib.readFromPosition, { after: 0, limit: 100, tenantId: "t1" });
    expect(page.events.map((e) => e.eventId)).toEqual([ids.t1Created, ids.t1Issued, ids.t1Shipped]);
    const t2 = await t.query(api.lib.readFromPosition, { after: 0, limit: 100, tenantId: "t2" });
    expect(t2.events.map((e) => e.eventId)).toEqual([ids.t2Created, ids.t2Shipped]);
  });

  test("another tenant sees nothing, and its checkpoint still moves to the high-water mark", async () => {
    await seed();
    settle();
    const page = await t.query(api.lib.readFromPosition, { after: 0, limit: 100, tenantId: "t3" });
    expect(page.events).toEqual([]);
    expect(page.highWaterMark).toBe(highWaterMark(Date.now(), DEFAULT_SETTLE_MS));
    expect(page).toMatchObject({ isDone: true, nextPosition: page.highWaterMark - 1 });
  });

  test("without tenant only events without tenant are read", async () => {
    const ids = await seed();
    settle();
    const page = await t.query(api.lib.readFromPosition, { after: 0, limit: 100 });
    expect(page.events.map((e) => e.eventId)).toEqual([ids.plainCreated, ids.plainShipped]);
  });

  test("allTenants reads every event, for trusted platform readers", async () => {
    const ids = await seed();
    settle();
    const page = await t.query(api.lib.readFromPosition, {
      after: 0,
      limit: 100,
      allTenants: true,
    });
    expect(page.events.map((e) => e.eventId)).toEqual(Object.values(ids));
    const explicitFalse = await t.query(api.lib.readFromPosition, {
      after: 0,
      limit: 100,
      allTenants: false,
    });
    expect(explicitFalse.events.map((e) => e.eventId)).toEqual([
      ids.plainCreated,
      ids.plainShipped,
    ]);
  });

  test("a tenant's filters by event type and bounded context stay within the tenant", async () => {
    const ids = await seed();
    settle();
    const read = (filters: { eventTypes?: string[]; boundedContext?: string }, tenantId?: string) =>
      t
        .query(api.lib.readFromPosition, {
          after: 0,
          limit: 100,
          ...filters,
          ...(tenantId === undefined ? {} : { tenantId }),
        })
        .then((page) => page.events.map((e) => e.eventId));
    expect(await read({ eventTypes: ["OrderShipped", "InvoiceIssued"] }, "t1")).toEqual([
      ids.t1Issued,
      ids.t1Shipped,
    ]);
    expect(await read({ boundedContext: "orders" }, "t1")).toEqual([ids.t1Created, ids.t1Shipped]);
    expect(await read({ boundedContext: "orders", eventTypes: ["OrderCreated"] }, "t2")).toEqual([
      ids.t2Created,
    ]);
    expect(await read({ boundedContext: "billing" }, "t2")).toEqual([]);
    expect(await read({ eventTypes: ["OrderShipped"] })).toEqual([ids.plainShipped]);
    expect(await read({ boundedContext: "orders", eventTypes: ["OrderCreated"] })).toEqual([
      ids.plainCreated,
    ]);
  });

  test("a tenant pages through its events and hides those younger than the settle window", async () => {
    const ids = await seed();
    const early = await t.query(api.lib.readFromPosition, { after: 0, limit: 1, tenantId: "t1" });
    expect(early.events).toEqual([]);
    settle();
    const seen: string[] = [];
    let after = 0;
    for (;;) {
      const page = await t.query(api.lib.readFromPosition, { after, limit: 1, tenantId: "t1" });
      seen.push(...page.events.map((e) => e.eventId));
      after = page.nextPosition;
      if (page.isDone) break;
    }
    expect(seen).toEqual([ids.t1Created, ids.t1Issued, ids.t1Shipped]);
  });

  test("refuses tenantId with allTenants, and an empty tenantId", async () => {
    const both = await rejectsWith(
      t.query(api.lib.readFromPosition, { after: 0, limit: 10, tenantId: "t1", allTenants: true }),
      "INVALID_READ_FILTER",
    );
    expect(both.message).toContain("expected one of them");
    await rejectsWith(
      t.query(api.lib.readFromPosition, { after: 0, limit: 10, tenantId: "" }),
      "INVALID_READ_FILTER",
    );
  });
});

describe("readByCorrelationId", () => {
  test("a tenant reads only its own events of a correlation", async () => {
    const ids = await seed();
    const page = await t.query(api.lib.readByCorrelationId, {
      correlationId: "corr-shared",
      tenantId: "t1",
      limit: 10,
    });
    expect(page.events.map((e) => e.eventId)).toEqual([ids.t1Created, ids.t1Issued, ids.t1Shipped]);
    const other = await t.query(api.lib.readByCorrelationId, {
      correlationId: "corr-shared",
      tenantId: "t3",
      limit: 10,
    });
    expect(other).toEqual({ events: [], nextPosition: 0, isDone: true });
  });

  test("without tenant only events without tenant; allTenants every event, paged", async () => {
    const ids = await seed();
    const plain = await t.query(api.lib.readByCorrelationId, {
      correlationId: "corr-shared",
      limit: 10,
    });
    expect(plain.events.map((e) => e.eventId)).toEqual([ids.plainCreated, ids.plainShipped]);
    const seen: string[] = [];
    let after = 0;
    for (;;) {
      const page = await t.query(api.lib.readByCorrelationId, {
        correlationId: "corr-shared",
        after,
        limit: 3,
        allTenants: true,
      });
      seen.push(...page.events.map((e) => e.eventId));
      after = page.nextPosition;
      if (page.isDone) break;
    }
    expect(seen).toEqual(Object.values(ids));
  });

  test("refuses tenantId with allTenants", async () => {
    await rejectsWith(
      t.query(api.lib.readByCorrelationId, {
        correlationId: "corr-shared",
        tenantId: "t1",
        allTenants: true,
        limit: 10,
      }),
      "INVALID_READ_FILTER",
    );
  });
});

describe("getEventById", () => {
  test("a tenant gets its own event; another tenant or no tenant is refused", async () => {
    const ids = await seed();
    const mine = await t.query(api.lib.getEventById, { eventId: ids.t1Created, tenantId: "t1" });
    expect(mine).toMatchObject({ eventId: ids.t1Created, tenantId: "t1" });
    const other = await rejectsWith(
      t.query(api.lib.getEventById, { eventId: ids.t1Created, tenantId: "t2" }),
      "TENANT_MISMATCH",
    );
    expect(other.message).toBe(
      `Event ${ids.t1Created} belongs to another tenant than "t2"; expected the tenantId of the tenant it belongs to`,
    );
    expectNoOwnerId(other, "t1");
    const none = await rejectsWith(
      t.query(api.lib.getEventById, { eventId: ids.t1Created }),
      "TENANT_MISMATCH",
    );
    expectNoOwnerId(none, "t1");
  });

  test("an event without tenant is read without tenantId, and refused with one", async () => {
    const ids = await seed();
    expect(await t.query(api.lib.getEventById, { eventId: ids.plainCreated })).toMatchObject({
      eventId: ids.plainCreated,
    });
    await rejectsWith(
      t.query(api.lib.getEventById, { eventId: ids.plainCreated, tenantId: "t1" }),
      "TENANT_MISMATCH",
    );
  });

  test("an unknown or malformed id is null for every caller", async () => {
    expect(
      await t.query(api.lib.getEventById, { eventId: "not-an-id", tenantId: "t1" }),
    ).toBeNull();
    expect(await t.query(api.lib.getEventById, { eventId: "not-an-id" })).toBeNull();
  });
});

describe("getEventByIdempotencyKey", () => {
  test("each tenant finds its own event under a shared key; no tenant finds neither", async () => {
    const ids = await seed();
    const byKey = (idempotencyKey: string, tenantId?: string) =>
      t
        .query(api.lib.getEventByIdempotencyKey, {
          idempotencyKey,
          ...(tenantId === undefined ? {} : { tenantId }),
        })
        .then((found) => found?.eventId ?? null);
    expect(await byKey("key-1", "t1")).toBe(ids.t1Created);
    expect(await byKey("key-1", "t2")).toBe(ids.t2Created);
    expect(await byKey("key-1", "t3")).toBeNull();
    expect(await byKey("key-1")).toBeNull();
    expect(await byKey("key-0")).toBe(ids.plainCreated);
    expect(await byKey("key-0", "t1")).toBeNull();
  });
});

describe("the client passes the tenant through", () => {
  test("every read takes tenantId, and catch-up reads allTenants", async () => {
    const harness = appTest({ settleMs: 0 });
    const app = harness.t as unknown as Runner;
    const store = harness.store;
    const append = (ref: StreamRef, eventType: string) =>
      app.mutation((ctx) =>
        store.appendToStream(ctx, {
          stream: ref,
          expectedVersion: "any",
          events: [{ eventType, payload: {}, metadata: { correlationId: "c-1" } }],
        }),
      );
    const mine = await append(t1Order, "OrderCreated");
    vi.setSystemTime(Date.now() + 1);
    await append(t2Order, "OrderCreated");
    if (mine.status !== "success") throw new Error(mine.status);
    vi.setSystemTime(Date.now() + 1);
    const eventId = mine.events[0]!.eventId;
    const reads = await app.query(async (ctx) => ({
      stream: await store.readStream(ctx, {
        streamType: "Order",
        streamId: "ord-1",
        tenantId: "t1",
        limit: 10,
      }),
      version: await store.getStreamVersion(ctx, {
        streamType: "Order",
        streamId: "ord-1",
        tenantId: "t1",
      }),
      tenant: await store.readFromPosition(ctx, { after: 0, limit: 10, tenantId: "t1" }),
      all: await store.readFromPosition(ctx, { after: 0, limit: 10, allTenants: true }),
      plain: await store.readFromPosition(ctx, { after: 0, limit: 10 }),
      correlation: await store.readByCorrelationId(ctx, {
        correlationId: "c-1",
        tenantId: "t2",
        limit: 10,
      }),
      byId: await store.getEventById(ctx, eventId, { tenantId: "t1" }),
    }));
    expect(reads.stream.events).toHaveLength(1);
    expect(reads.version).toBe(1);
    expect(reads.tenant.events.map((e) => e.tenantId)).toEqual(["t1"]);
    expect(reads.all.events.map((e) => e.tenantId)).toEqual(["t1", "t2"]);
    expect(reads.plain.events).toEqual([]);
    expect(reads.correlation.events.map((e) => e.tenantId)).toEqual(["t2"]);
    expect(reads.byId?.eventId).toBe(eventId);
    await rejectsWith(
      app.query((ctx) => store.getEventById(ctx, eventId, { tenantId: "t2" })),
      "TENANT_MISMATCH",
    );
  });
});
