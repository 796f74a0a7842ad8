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
  await t.finishAllScheduledFunctions(vi.runAllTimers, MAX_TIMER_ROUNDS);
}

/** Workflow steps, bus deliveries and projection jobs re-arm many timers: room for all of them. */
const MAX_TIMER_ROUNDS = 1_000;

/**
 * Runs the app's background work until it rests: the projections catch up, the fulfilment relay
 * publishes what they read, the event bus delivers it, the sagas and the process manager run
 * their commands, and the projections catch up with those events in turn. Three rounds: a
 * submission (or cancellation), the saga's or process manager's commands, and the events of a
 * compensation's cancellation.
 */
export async function runBackgroundWork(t: EmbeddedApp): Promise<void> {
  for (let round = 0; round < 3; round += 1) await catchUpProjections(t);
}
