// A pure process manager for the event bus tests: orders (another bounded context) place
// quantities on a counter; the tally increments the counter by each order's quantity and
// completes when the order is closed.
import { defineProcessManager } from "../../../src/index.js";
import type { PublishedEvent } from "../../../src/index.js";

export type TallyState = { readonly counterId: string | null; readonly placed: number };

export type OrderPlaced = { orderId: string; counterId: string; quantity: number };
export type OrderClosed = { orderId: string };

function orderIdOf(event: PublishedEvent): string {
  const orderId: unknown = (event.payload as { orderId?: unknown } | null)?.orderId;
  if (typeof orderId !== "string") throw new Error(`${event.eventType} has no orderId`);
  return orderId;
}

export const orderTally = defineProcessManager<TallyState>({
  name: "orderTally",
  boundedContext: "tally",
  eventTypes: ["OrderPlaced", "OrderClosed"],
  sourceContexts: ["orders"],
  initialState: { counterId: null, placed: 0 },
  instanceIdOf: orderIdOf,
  react: (state, event) => {
    switch (event.eventType) {
      case "OrderPlaced": {
        const { counterId, quantity } = event.payload as OrderPlaced;
        return {
          state: { counterId, placed: state.placed + quantity },
          commands: [{ commandType: "IncrementCounter", payload: { counterId, by: quantity } }],
        };
      }
      case "OrderClosed":
        return { state, complete: true };
      default:
        throw new Error(`orderTally does not react to ${event.eventType}`);
    }
  },
});
