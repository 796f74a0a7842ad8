import { defineFSM } from "@convex-es/platform-fsm";
import type { StateOf } from "@convex-es/platform-fsm";

/** A reservation holds stock until the order is confirmed, or it is released or expires. */
export const reservationStatus = defineFSM({
  name: "reservationStatus",
  initial: "held",
  transitions: {
    held: ["confirmed", "released", "expired"],
    confirmed: [],
    released: [],
    expired: [],
  },
});

export type ReservationStatus = StateOf<typeof reservationStatus>;
