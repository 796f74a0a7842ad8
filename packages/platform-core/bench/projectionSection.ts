// Projects 1,000 events of 100 counters through the projection runtime of the projection test
// app: one dispatch pass (routing every settled event, enqueueing one catch-up job per
// partition), then the real Workpool running every job. Reports events processed per second and
// what the catch-up work cost, and checks that every event reached the read model exactly once.
//
// The rates describe convex-test (an in-memory model evaluating index ranges by scanning), not a
// deployment.
import { vi } from "vitest";
import { internal } from "../tests/projectionApp/convex/_generated/api.js";
import { newProjectionApp } from "../tests/support/projectionApp.js";
import type { BenchSection } from "./section.js";

/** Taken before the fake timers replace performance.now (the Workpool needs them to run). */
const wallClock = performance.now.bind(performance);

const COUNTERS = 100;
const EVENTS_PER_COUNTER = 10;
/** Past the event store's 5 s settle window. */
const SETTLE_MS = 6_000;

function rate(count: number, ms: number): string {
  return `${Math.round((count * 1000) / Math.max(ms, 1))}/s`;
}

export const projectionSection: BenchSection = {
  title: `Projections: ${COUNTERS * EVENTS_PER_COUNTER} events of ${COUNTERS} counters, Workpool catch-up jobs`,
  async run() {
    vi.useFakeTimers();
    try {
      const t = newProjectionApp();
      for (let c = 0; c < COUNTERS; c++) {
        const counterId = `bench-${c}`;
        await t.mutation(internal.counters.create, {
          commandId: `create-${counterId}`,
          correlationId: `corr-${counterId}`,
          counterId,
          start: 0,
        });
        for (let i = 1; i < EVENTS_PER_COUNTER; i++) {
          await t.mutation(internal.counters.increment, {
            commandId: `inc-${counterId}-${i}`,
            correlationId: `corr-${counterId}`,
            counterId,
            by: 1,
          });
        }
      }
      vi.setSystemTime(Date.now() + SETTLE_MS);

      // One dispatch; a full page schedules the next one itself, as in production.
      const started = wallClock();
      await t.mutation(internal.projections.dispatch, { projection: "counterTotals" });
      await t.finishAllScheduledFunctions(vi.runAllTimers, 100_000);
      const totalMs = wallClock() - started;

      const expected = COUNTERS * EVENTS_PER_COUNTER;
      let applied = 0;
      for (let c = 0; c < COUNTERS; c++) {
        const streamId = `bench-${c}`;
        const rows = await t.query(internal.counters.appliedEvents, { streamId });
        const total = await t.query(internal.counters.counterTotal, { counterId: streamId });
        if (rows.length !== EVENTS_PER_COUNTER || total?.value !== EVENTS_PER_COUNTER - 1) {
          throw new Error(
            `counter ${streamId}: ${rows.length} events applied, value ${total?.value}`,
          );
        }
        applied += rows.length;
      }
      if (applied !== expected) throw new Error(`${applied} events applied, expected ${expected}`);
      return [
        `events projected: ${applied} of ${expected}, each exactly once, in stream order per partition`,
        `end to end (dispatch passes of 100 events + Workpool catch-up jobs): ${Math.round(totalMs)} ms`,
        `projection events processed: ${rate(applied, totalMs)}`,
      ];
    } finally {
      vi.useRealTimers();
    }
  },
};
