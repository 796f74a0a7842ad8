import { beforeEach, describe, expect, test } from "vitest";
import { api } from "../../src/component/_generated/api.js";
import { createScopeKey } from "../../src/client/index.js";
import type { ScopedEvent } from "../../src/client/index.js";
import { componentTest } from "../support/convex.js";
import { event, rejectsWith, stream } from "../support/events.js";

const scopeKey = createScopeKey("t1", "inventory", "wh-1");

function reserved(
  sku: string,
  quantity: number,
  overrides: Partial<ScopedEvent> = {},
): ScopedEvent {
  return {
    streamType: "Product",
    streamId: sku,
    boundedContext: "inventory",
    tenantId: "t1",
    scopeKey,
    eventType: "StockReserved",
    category: "domain",
    schemaVersion: 1,
    payload: { sku, quantity },
    metadata: { correlationId: "order-1" },
    ...overrides,
  };
}

let t: ReturnType<typeof componentTest>;
beforeEach(() => {
  t = componentTest();
});

const commit = (
  expectedVersion: number,
  events: ScopedEvent[],
  tenantId = "t1",
  key: string = scopeKey,
) => t.mutation(api.lib.commitScope, { scopeKey: key, tenantId, expectedVersion, events });
const eventCount = () => t.run(async (ctx) => (await ctx.db.query("events").collect()).length);

describe("commitScope", () => {
  test("commits events of several streams at once and bumps the scope version once", async () => {
    const result = await commit(0, [
      reserved("sku-a", 2),
      reserved("sku-b", 1),
      reserved("sku-a", 1),
    ]);
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.scopeVersion).toBe(1);
    expect(result.events.map((e) => [e.streamId, e.version])).toEqual([
      ["sku-a", 1],
      ["sku-b", 1],
      ["sku-a", 2],
    ]);
    const positions = result.events.map((e) => e.globalPosition);
    expect(positions).toEqual([positions[0], positions[0]! + 1, positions[0]! + 2]);
    const scope = await t.query(api.lib.getScope, { scopeKey, tenantId: "t1" });
    expect(scope).toMatchObject({
      scopeType: "inventory",
      scopeId: "wh-1",
      boundedContext: "inventory",
      version: 1,
      streamCount: 2,
    });
    const second = await commit(1, [reserved("sku-c", 4)]);
    expect(second).toMatchObject({ status: "success", scopeVersion: 2 });
    expect(await t.query(api.lib.getScope, { scopeKey, tenantId: "t1" })).toMatchObject({
      version: 2,
      streamCount: 3,
    });
  });

  test("a stale scope version is a conflict value and writes nothing", async () => {
    await commit(0, [reserved("sku-a", 2)]);
    const stale = await commit(0, [reserved("sku-b", 1)]);
    expect(stale).toEqual({ status: "conflict", currentVersion: 1, expectedVersion: 0 });
    expect(await eventCount()).toBe(1);
  });

  test("scopes are independent OCC points", async () => {
    const other = createScopeKey("t1", "inventory", "wh-2");
    await commit(0, [reserved("sku-a", 2)]);
    const result = await commit(0, [reserved("sku-z", 1, { scopeKey: other })], "t1", other);
    expect(result.status).toBe("success");
  });

  test("refuses an event of another tenant", async () => {
    const error = await rejectsWith(
      commit(0, [reserved("sku-a", 1), reserved("sku-b", 1, { tenantId: "t2" })]),
      "TENANT_MISMATCH",
    );
    expect(error.message).toContain('belongs to tenant "t2"; expected "t1"');
    expect(await eventCount()).toBe(0);
  });

  test("refuses a caller whose tenant is not the scope's", async () => {
    await rejectsWith(commit(0, [reserved("sku-a", 1)], "t2"), "TENANT_MISMATCH");
  });

  test("refuses an event carrying another scope key", async () => {
    const error = await rejectsWith(
      commit(0, [reserved("sku-a", 1, { scopeKey: "tenant:t1:inventory:wh-2" })]),
      "SCOPE_KEY_MISMATCH",
    );
    expect(error.message).toContain(`expected ${scopeKey}`);
  });

  test("refuses events of two bounded contexts", async () => {
    const error = await rejectsWith(
      commit(0, [reserved("sku-a", 1), reserved("inv-1", 1, { boundedContext: "billing" })]),
      "CROSS_BOUNDED_CONTEXT_SCOPE",
    );
    expect(error.message).toContain("expected one bounded context per scope");
    expect(await eventCount()).toBe(0);
  });

  test("refuses a later commit from another bounded context", async () => {
    await commit(0, [reserved("sku-a", 1)]);
    await rejectsWith(
      commit(1, [reserved("inv-1", 1, { boundedContext: "billing" })]),
      "CROSS_BOUNDED_CONTEXT_SCOPE",
    );
  });

  test("refuses a malformed scope key, naming the bad part", async () => {
    const error = await rejectsWith(
      commit(
        0,
        [reserved("sku-a", 1, { scopeKey: "tenant:t1:inventory" })],
        "t1",
        "tenant:t1:inventory",
      ),
      "INVALID_SCOPE_KEY",
    );
    expect(error.part).toBe("scopeId");
    expect(error.message).toContain(
      "expected the format tenant:${tenantId}:${scopeType}:${scopeId}",
    );
  });

  test("refuses a negative expected version and an empty batch", async () => {
    await rejectsWith(commit(-1, [reserved("sku-a", 1)]), "INVALID_EXPECTED_VERSION");
    await rejectsWith(commit(0, []), "EMPTY_BATCH");
  });

  test("streams of a scope and plain streams stay apart", async () => {
    await t.mutation(api.lib.appendToStream, {
      stream: stream("sku-x", {
        streamType: "Product",
        boundedContext: "inventory",
        tenantId: "t1",
      }),
      expectedVersion: 0,
      events: [event("ProductListed")],
    });
    const into = await rejectsWith(commit(0, [reserved("sku-x", 1)]), "STREAM_NOT_IN_SCOPE");
    expect(into.message).toContain("was created outside the scope");
    await commit(0, [reserved("sku-a", 1)]);
    const out = await rejectsWith(
      t.mutation(api.lib.appendToStream, {
        stream: stream("sku-a", {
          streamType: "Product",
          boundedContext: "inventory",
          tenantId: "t1",
        }),
        expectedVersion: 1,
        events: [event("StockAdjusted")],
      }),
      "STREAM_BELONGS_TO_SCOPE",
    );
    expect(out.message).toContain("expected its events to be committed with commitScope");
  });
});

describe("readVirtualStream", () => {
  test("returns the scope's events across its streams in position order, with the scope version", async () => {
    await commit(0, [reserved("sku-a", 2), reserved("sku-b", 1)]);
    await commit(1, [reserved("sku-b", 3), reserved("sku-c", 1)]);
    const other = createScopeKey("t1", "inventory", "wh-2");
    await commit(0, [reserved("sku-q", 9, { scopeKey: other })], "t1", other);

    const page = await t.query(api.lib.readVirtualStream, { scopeKey, tenantId: "t1", limit: 10 });
    expect(page.events.map((e) => [e.streamId, e.version])).toEqual([
      ["sku-a", 1],
      ["sku-b", 1],
      ["sku-b", 2],
      ["sku-c", 1],
    ]);
    expect(page.events.every((e) => e.scopeKey === scopeKey && e.tenantId === "t1")).toBe(true);
    expect(page).toMatchObject({ scopeVersion: 2, isDone: true });

    const first = await t.query(api.lib.readVirtualStream, { scopeKey, tenantId: "t1", limit: 3 });
    expect(first.isDone).toBe(false);
    const rest = await t.query(api.lib.readVirtualStream, {
      scopeKey,
      tenantId: "t1",
      after: first.nextPosition,
      limit: 3,
    });
    expect(rest.events.map((e) => e.streamId)).toEqual(["sku-c"]);
  });

  test("another tenant gets TENANT_MISMATCH, whether or not the scope exists", async () => {
    await commit(0, [reserved("sku-a", 2)]);
    const error = await rejectsWith(
      t.query(api.lib.readVirtualStream, { scopeKey, tenantId: "t2", limit: 10 }),
      "TENANT_MISMATCH",
    );
    expect(error.message).toBe(
      `Tenant "t2" may not use the scope ${scopeKey}; expected a scope key of the form tenant:t2:<scopeType>:<scopeId>`,
    );
    await rejectsWith(
      t.query(api.lib.getScope, { scopeKey: "tenant:t1:inventory:none", tenantId: "t2" }),
      "TENANT_MISMATCH",
    );
  });

  test("a scope with no commit reads empty at version 0", async () => {
    const page = await t.query(api.lib.readVirtualStream, { scopeKey, tenantId: "t1", limit: 10 });
    expect(page).toEqual({ events: [], scopeVersion: 0, nextPosition: 0, isDone: true });
    expect(await t.query(api.lib.getScope, { scopeKey, tenantId: "t1" })).toBeNull();
  });

  test("refuses a malformed scope key", async () => {
    const error = await rejectsWith(
      t.query(api.lib.readVirtualStream, {
        scopeKey: "t1:inventory:wh-1",
        tenantId: "t1",
        limit: 5,
      }),
      "INVALID_SCOPE_KEY",
    );
    expect(error.part).toBe("prefix");
  });
});
