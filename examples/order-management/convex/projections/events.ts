// Typed payloads of stored events for the projection handlers: the event store hands payloads
// over untyped; each handler is registered for one event type, so its payload has that shape.
import type { EventEnvelope } from "@convex-es/platform-store";
import type { InventoryEvent } from "../../src/inventory/index.js";
import type { OrderEvent } from "../../src/orders/index.js";

type DomainEvent = OrderEvent | InventoryEvent;
type DataOf<T extends DomainEvent["type"]> =
  Extract<DomainEvent, { type: T }> extends { data: infer D } ? D : never;

/** The payload of `event`, a stored event of type `type`. */
export function payloadOf<T extends DomainEvent["type"]>(event: EventEnvelope, type: T): DataOf<T> {
  if (event.eventType !== type) {
    throw new Error(`a ${type} handler was given a ${event.eventType} event (${event.eventId})`);
  }
  return event.payload as DataOf<T>;
}
