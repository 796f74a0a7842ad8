import { describe, expect, test } from "vitest";
import type { EventEnvelope, EventStoreComponent } from "../src/client/index.js";
import { defineUpcasters, EventStore, isEventStoreError } from "../src/client/index.js";

const stored: EventEnvelope = {
  eventId: "evt-1",
  streamType: "Order",
  streamId: "ord-1",
  version: 1,
  globalPosition: 1,
  eventType: "OrderCreated",
  category: "domain",
  schemaVersion: 1,
  boundedContext: "orders",
  payload: { items: ["a"] },
  metadata: { correlationId: "c", timestamp: 0 },
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(isEventStoreError(error)).toBe(true);
    return (error as { data: { code: string } }).data.code;
  }
  return undefined;
}

describe("upcasters", () => {
  test("a current version below 1 or fractional is refused", () => {
    expect(codeOf(() => defineUpcasters({ A: { currentVersion: 0, steps: {} } }))).toBe(
      "UPCASTER_INVALID_VERSION",
    );
    expect(codeOf(() => defineUpcasters({ A: { currentVersion: 1.5, steps: {} } }))).toBe(
      "UPCASTER_INVALID_VERSION",
    );
  });

  test("upcasting returns a new event and leaves the input and unknown types alone", () => {
    const upcasters = defineUpcasters({
      OrderCreated: { currentVersion: 2, steps: { 1: (p: object) => ({ ...p, currency: "EUR" }) } },
    });
    const upcast = upcasters.upcast(stored);
    expect(upcast).toMatchObject({ schemaVersion: 2, payload: { items: ["a"], currency: "EUR" } });
    expect(stored.payload).toEqual({ items: ["a"] });
    const other = { ...stored, eventType: "Other" };
    expect(upcasters.upcast(other)).toBe(other);
    expect(upcasters.upcast({ ...stored, schemaVersion: 2 }).payload).toEqual({ items: ["a"] });
  });

  test("a step that throws is reported with the event and the version", () => {
    const upcasters = defineUpcasters({
      OrderCreated: {
        currentVersion: 2,
        steps: {
          1: () => {
            throw new Error("bad data");
          },
        },
      },
    });
    try {
      upcasters.upcast(stored);
      throw new Error("expected UPCAST_FAILED");
    } catch (error) {
      expect(isEventStoreError(error, "UPCAST_FAILED")).toBe(true);
      expect((error as { data: { message: string } }).data.message).toBe(
        "Upcasting event evt-1 (OrderCreated) from version 1 to 2 threw: Error: bad data",
      );
    }
  });

  test("a client refuses a negative settle window at construction", () => {
    const component = {} as EventStoreComponent;
    expect(codeOf(() => new EventStore(component, { settleMs: -1 }))).toBe("INVALID_SETTLE_MS");
    expect(codeOf(() => new EventStore(component, { settleMs: 0 }))).toBeUndefined();
  });
});
