import type { EventInput } from "../client/index.js";
import type { StreamRef } from "../shared/validators.js";

/**
 * A new event with test defaults: category "domain", a correlation id derived from the type.
 *
 * @example
 * await store.appendToStream(ctx, { stream, expectedVersion: 0, events: [newEvent("OrderCreated", { orderId: "o-1" })] });
 */
export function newEvent(
  eventType: string,
  payload: unknown = {},
  overrides: Partial<EventInput> = {},
): EventInput {
  return {
    eventType,
    category: "domain",
    payload,
    metadata: { correlationId: `corr-${eventType}` },
    ...overrides,
  };
}

/**
 * A stream reference with test defaults (bounded context "test", no tenant).
 *
 * @example
 * const stream = streamRef("Order", "ord-1");
 */
export function streamRef(
  streamType: string,
  streamId: string,
  overrides: Partial<StreamRef> = {},
): StreamRef {
  return { streamType, streamId, boundedContext: "test", ...overrides };
}
