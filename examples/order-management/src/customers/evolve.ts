import type { CustomerEvent } from "./messages.js";
import type { CustomerState } from "./state.js";

/** Folds one event into the customer. */
export function evolveCustomer(state: CustomerState, event: CustomerEvent): CustomerState {
  switch (event.type) {
    case "CustomerRegistered":
      if (state !== null) {
        throw new Error(`customer ${state.customerId} cannot be registered twice`);
      }
      return { ...event.data };
    default: {
      const unhandled: never = event.type;
      throw new Error(`Unhandled customer event ${JSON.stringify(unhandled)}`);
    }
  }
}
