// The reservation test app (tests/reservationApp) on convex-test. It installs no component:
// the reservations table is the app's own, and expiries are the app's scheduled functions.
import { convexTest } from "convex-test";
import { vi } from "vitest";
import schema from "../reservationApp/convex/schema.js";

// Eager, so no lazy import runs inside a Convex function; convex.config.ts is left out
// (app.use only works inside Convex).
const loaded = import.meta.glob(
  ["../reservationApp/convex/**/*.ts", "!../reservationApp/convex/convex.config.ts"],
  { eager: true },
);
const modules = Object.fromEntries(
  Object.entries(loaded).map(([path, module]) => [path, () => Promise.resolve(module)]),
);

/** A fresh, empty app. Use fake timers: expiries are scheduled functions. */
export function newReservationApp() {
  return convexTest(schema, modules);
}

export type ReservationApp = ReturnType<typeof newReservationApp>;

/** Moves the fake clock forward and runs every scheduled function that came due. */
export async function advance(t: ReservationApp, ms: number): Promise<void> {
  vi.advanceTimersByTime(ms);
  await t.finishInProgressScheduledFunctions();
}
