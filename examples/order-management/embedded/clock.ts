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
 * window, runs the dispatcher (as the cron would) and every Workpool job, workflow step and bus
 * delivery that follows. Time moves a second at a time while work is pending: `vi.runAllTimers`
 * would also fire the Workpool's watchdog timers, minutes ahead, and a round would then end
 * some 45 minutes later, past every reservation's expiry. Each round still moves the clock by
 * up to a minute and a half.
 */
export async function catchUpProjections(t: EmbeddedApp): Promise<void> {
  advanceClock(SETTLE_WINDOW_MS + 1_000);
  await t.mutation(internal.projections.jobs.dispatch, {});
  await t.finishAllScheduledFunctions(
    () => vi.advanceTimersByTime(TIMER_STEP_MS),
    MAX_TIMER_ROUNDS,
  );
}

/** How far the fake clock moves each time the pending work is pumped. */
const TIMER_STEP_MS = 1_000;

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
