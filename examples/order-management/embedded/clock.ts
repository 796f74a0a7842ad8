// Driving the embedded app's background work under vitest's fake timers.
import { vi } from "vitest";
import { internal } from "../convex/_generated/api.js";
import type { EmbeddedApp } from "./app.js";

/** The event store hands events to catch-up readers once they are older than this (5 s). */
export const SETTLE_WINDOW_MS = 5_000;

/** Moves the fake clock on: the Date and the timers. */
export function advanceClock(ms: number): void {
  vi.setSystemTime(Date.now() + ms);
}

/**
 * Brings every projection up to date with what has been committed: moves past the settle
 * window, runs the dispatcher (as the cron would) and every Workpool job it enqueues. The
 * Workpool's loop and its watchdog keep re-arming timers, so the fake clock ends some minutes
 * later than it started.
 */
export async function catchUpProjections(t: EmbeddedApp): Promise<void> {
  advanceClock(SETTLE_WINDOW_MS + 1_000);
  await t.mutation(internal.projections.jobs.dispatch, {});
  await t.finishAllScheduledFunctions(vi.runAllTimers);
}
