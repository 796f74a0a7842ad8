import { defineFSM } from "@convex-es/platform-fsm";
import type { StateOf } from "@convex-es/platform-fsm";

/** Lifecycle of an order: built as a draft, submitted, then confirmed or cancelled. */
export const orderStatus = defineFSM({
  name: "orderStatus",
  initial: "draft",
  transitions: {
    draft: ["submitted", "cancelled"],
    submitted: ["confirmed", "cancelled"],
    confirmed: [],
    cancelled: [],
  },
});

export type OrderStatus = StateOf<typeof orderStatus>;
