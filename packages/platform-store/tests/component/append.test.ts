import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../src/component/_generated/api.js";
import {
  MAX_BATCH_PAYLOAD_BYTES,
  MAX_BATCH_SIZE,
  MAX_PAYLOAD_BYTES,
  POSITIONS_PER_MS,
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
const eventCount = () => t.run(async (ctx) => (await ctx.db.query("events").collect()).length);
const versionOf = (streamId: string) =>
  t.query(api.lib.getStreamVersion, { streamType: "Order", streamId });

describe("appendToStream: success", () => {
  test("a new stream gets versions from 1, consecutive positions at the clock and a stream row", async () => {
    const result = await append({
      stream: stream("ord-1"),
      expectedVersion: 0,
      events: [event("OrderCreated"), event("ItemAdded"), event("ItemAdded")],
    });
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.streamVersion).toBe(3);
    expect(result.events.map((e) => e.version)).toEqual([1, 2, 3]);
    const [first] = result.events.map((e) => e.globalPosition);
    expect(result.events.map((e) => e.globalPosition)).toEqual([first, first! + 1, first! + 2]);
    expect(first).toBeGreaterThanOrEqual(T0 * POSITIONS_PER_MS);
    expect(first).toBeLessThan((T0 + 1) * POSITIONS_PER_MS);
    expect(Number.isSafeInteger(first! + 2)).toBe(true);
    const rows = await t.run((ctx) => ctx.db.query("streams").collect());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ version: 3, lastGlobalPosition: first! + 2 });
  });

  test("the next append continues the versions and its positions are above the stream's last", async () => {
    const one = await append({ stream: stream("ord-1"), expectedVersion: 0, events: [event("A")] });
    const two = await append({ stream: stream("ord-1"), expectedVersion: 1, events: [event("B")] });
    expect(one.status === "success" && two.status === "success").toBe(true);
    if (one.status !== "success" || two.status !== "success") return;
    expect(two.events[0]!.version).toBe(2);
    expect(two.events[0]!.globalPosition).toBeGreaterThan(one.events[0]!.globalPosition);
    expect(await versionOf("ord-1")).toBe(2);
  });

  test("the metadata timestamp defaults to the append's clock and is kept when given", async () => {
    const result = await append({
      stream: stream("ord-1"),
      expectedVersion: 0,
      events: [
        event("A"),
        event("B", {}, { metadata: { correlationId: "c", causationId: "cmd-1", timestamp: 42 } }),
      ],
    });
    if (result.status !== "success") throw new Error(result.status);
    const page = await t.query(api.lib.readStream, {
      streamType: "Order",
      streamId: "ord-1",
      limit: 10,
    });
    expect(page.events.map((e) => e.metadata.timestamp)).toEqual([T0, 42]);
    expect(page.events[1]!.metadata.causationId).toBe("cmd-1");
  });

  test("a tenant's stream keeps its tenant on every event", async () => {
    await append({
      stream: stream("ord-1", { tenantId: "t1" }),
      expectedVersion: 0,
      events: [event("A")],
    });
    const page = await t.query(api.lib.readStream, {
      streamType: "Order",
      streamId: "ord-1",
      tenantId: "t1",
      limit: 10,
    });
    expect(page.events[0]).toMatchObject({ tenantId: "t1", boundedContext: "orders" });
  });
});

describe("appendToStream: optimistic concurrency", () => {
  beforeEach(async () => {
    await append({ stream: stream("ord-1"), expectedVersion: 0, events: [event("A"), event("B")] });
  });

  test("a stale expected version is a conflict value and writes nothing", async () => {
    const result = await append({
      stream: stream("ord-1"),
      expectedVersion: 1,
      events: [event("C")],
    });
    expect(result).toEqual({ status: "conflict", currentVersion: 2, expectedVersion: 1 });
    expect(await eventCount()).toBe(2);
    expect(await versionOf("ord-1")).toBe(2);
  });

  test("expected version 0 on an existing stream is a conflict", async () => {
    const result = await append({
      stream: stream("ord-1"),
      expectedVersion: 0,
      events: [event("C")],
    });
    expect(result).toEqual({ status: "conflict", currentVersion: 2, expectedVersion: 0 });
  });

  test("an expected version ahead of the stream is a conflict", async () => {
    const result = await append({
      stream: stream("ord-1"),
      expectedVersion: 5,
      events: [event("C")],
    });
    expect(result).toEqual({ status: "conflict", currentVersion: 2, expectedVersion: 5 });
  });

  test('"no_stream" conflicts on an existing stream and succeeds on a new one', async () => {
    expect(
      await append({ stream: stream("ord-1"), expectedVersion: "no_stream", events: [event("C")] }),
    ).toEqual({ status: "conflict", currentVersion: 2, expectedVersion: "no_stream" });
    const fresh = await append({
      stream: stream("ord-2"),
      expectedVersion: "no_stream",
      events: [event("C")],
    });
    expect(fresh.status).toBe("success");
  });

  test('"stream_exists" conflicts on a new stream and succeeds on an existing one', async () => {
    expect(
      await append({
        stream: stream("ord-9"),
        expectedVersion: "stream_exists",
        events: [event("C")],
      }),
    ).toEqual({ status: "conflict", currentVersion: 0, expectedVersion: "stream_exists" });
    const existing = await append({
      stream: stream("ord-1"),
      expectedVersion: "stream_exists",
      events: [event("C")],
    });
    expect(existing).toMatchObject({ status: "success", streamVersion: 3 });
  });

  test('"any" appends whatever the version', async () => {
    const result = await append({
      stream: stream("ord-1"),
      expectedVersion: "any",
      events: [event("C")],
    });
    expect(result).toMatchObject({ status: "success", streamVersion: 3 });
  });
});

describe("appendToStream: bad input is refused with a code and loses nothing", () => {
  test("an empty batch", async () => {
    const error = await rejectsWith(
      append({ stream: stream("ord-1"), expectedVersion: 0, events: [] }),
      "EMPTY_BATCH",
    );
    expect(error.message).toContain(`expected between 1 and ${MAX_BATCH_SIZE} events`);
  });

  test("a batch of more than 100 events", async () => {
    const events = Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) => event(`E${i}`));
    const error = await rejectsWith(
      append({ stream: stream("ord-1"), expectedVersion: 0, events }),
      "BATCH_TOO_LARGE",
    );
    expect(error.message).toBe("The batch holds 101 events; expected at most 100");
    expect(await eventCount()).toBe(0);
  });

  test("a payload over the limit names its size and the limit", async () => {
    const big = { text: "x".repeat(MAX_PAYLOAD_BYTES) };
    const error = await rejectsWith(
      append({
        stream: stream("ord-1"),
        expectedVersion: 0,
        events: [event("Small"), event("Huge", big)],
      }),
      "PAYLOAD_TOO_LARGE",
    );
    expect(error.message).toMatch(
      new RegExp(`event 1 \\(Huge\\) is \\d+ bytes; expected at most ${MAX_PAYLOAD_BYTES} bytes`),
    );
    expect(error.size).toBeGreaterThan(MAX_PAYLOAD_BYTES);
    expect(error.limit).toBe(MAX_PAYLOAD_BYTES);
    expect(await eventCount()).toBe(0);
  });

  test("payloads adding up to more than the batch limit", async () => {
    const chunk = { text: "y".repeat(MAX_PAYLOAD_BYTES - 100) };
    const count = Math.ceil(MAX_BATCH_PAYLOAD_BYTES / (MAX_PAYLOAD_BYTES - 100)) + 1;
    const events = Array.from({ length: count }, () => event("Chunk", chunk));
    const error = await rejectsWith(
      append({ stream: stream("ord-1"), expectedVersion: 0, events }),
      "BATCH_TOO_LARGE",
    );
    expect(error.message).toContain(`expected at most ${MAX_BATCH_PAYLOAD_BYTES} bytes`);
  });

  test.each([-1, 1.5, Number.NaN])("expected version %s", async (expectedVersion) => {
    const error = await rejectsWith(
      append({ stream: stream("ord-1"), expectedVersion, events: [event("A")] }),
      "INVALID_EXPECTED_VERSION",
    );
    expect(error.message).toContain("expected an integer of 0 or more");
    expect(await eventCount()).toBe(0);
  });

  test.each([
    ["streamId", stream("")],
    ["streamType", stream("ord-1", { streamType: " " })],
    ["boundedContext", stream("ord-1", { boundedContext: "" })],
    ["tenantId", stream("ord-1", { tenantId: "" })],
  ])("an empty %s", async (field, ref) => {
    const error = await rejectsWith(
      append({ stream: ref, expectedVersion: 0, events: [event("A")] }),
      "INVALID_STREAM",
    );
    expect(error.message).toBe(`${field} is empty; expected a non-empty string`);
  });

  test("an empty event type or a schema version below 1", async () => {
    await rejectsWith(
      append({ stream: stream("ord-1"), expectedVersion: 0, events: [event("")] }),
      "INVALID_EVENT",
    );
    const error = await rejectsWith(
      append({
        stream: stream("ord-1"),
        expectedVersion: 0,
        events: [event("A", {}, { schemaVersion: 0 })],
      }),
      "INVALID_EVENT",
    );
    expect(error.message).toBe("schemaVersion of A is 0; expected an integer of at least 1");
  });

  test("a category outside the four is refused by the argument validator", async () => {
    await expect(
      append({
        stream: stream("ord-1"),
        expectedVersion: 0,
        events: [{ ...event("A"), category: "audit" as "domain" }],
      }),
    ).rejects.toThrow(/Validator error.*audit/);
  });

  test("another tenant cannot append to a tenant's stream", async () => {
    await append({
      stream: stream("ord-1", { tenantId: "t1" }),
      expectedVersion: 0,
      events: [event("A")],
    });
    const error = await rejectsWith(
      append({
        stream: stream("ord-1", { tenantId: "t2" }),
        expectedVersion: 1,
        events: [event("B")],
      }),
      "TENANT_MISMATCH",
    );
    expect(error.message).not.toContain("t1");
    expect(await eventCount()).toBe(1);
  });

  test("a stream cannot change its bounded context", async () => {
    await append({ stream: stream("ord-1"), expectedVersion: 0, events: [event("A")] });
    const error = await rejectsWith(
      append({
        stream: stream("ord-1", { boundedContext: "billing" }),
        expectedVersion: 1,
        events: [event("B")],
      }),
      "STREAM_CONTEXT_MISMATCH",
    );
    expect(error.message).toContain('belongs to bounded context "orders", not "billing"');
  });
});
