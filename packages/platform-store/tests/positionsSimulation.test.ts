// DESIGN property 1, checked on a model: convex-test runs one mutation at a time, so the
// concurrency of appends and readers is simulated with the component's own position functions.
import { describe, expect, test } from "vitest";
import { DEFAULT_SETTLE_MS } from "../src/shared/positions.js";
import type { SimulationOptions, SimulationReport } from "../src/testing/index.js";
import { seededRandom, simulateInterleavings } from "../src/testing/index.js";

// Steady load: 5,000 appends over 10 s on 300 streams, 10% of attempts slow (up to 1 s).
const steady = { transactions: 5000, streams: 300, readers: 8, spanMs: 10_000 };
// Burst: 3,000 appends of up to 20 events within 100 ms on 1,000 streams: ranges collide.
const burst = { transactions: 3000, streams: 1000, readers: 6, spanMs: 100, maxBatchSize: 20 };
const seeds = [11, 22, 33, 44, 55];

function run(options: Omit<SimulationOptions, "seed" | "settleMs">, settleMs: number) {
  return seeds.map((seed) => simulateInterleavings({ ...options, seed, settleMs }));
}

function expectSafe(report: SimulationReport): void {
  const where = `seed ${report.seed}, settleMs ${report.settleMs}`;
  expect(report.duplicatePositions, `(a) unique positions, ${where}`).toBe(0);
  expect(report.streamOrderViolations, `(b) versions follow positions, ${where}`).toBe(0);
  expect(report.skippedEvents, `(c) no reader skips, ${where}`).toBe(0);
  expect(report.eventsReadTwice, `(c) no reader reads twice, ${where}`).toBe(0);
}

const sum = (reports: SimulationReport[], key: keyof SimulationReport) =>
  reports.reduce((total, report) => total + Number(report[key]), 0);

describe("global positions under concurrent appends and polling readers", () => {
  test("the PRNG is deterministic per seed", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const drawn = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(drawn);
    expect(drawn.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(simulateInterleavings({ ...burst, seed: 1, settleMs: 0 })).toEqual(
      simulateInterleavings({ ...burst, seed: 1, settleMs: 0 }),
    );
  });

  test("steady load with the default settle window: unique, stream-ordered, nothing skipped", () => {
    const reports = run(steady, DEFAULT_SETTLE_MS);
    reports.forEach(expectSafe);
    // The hazard is real: events commit below positions readers may already have passed.
    expect(sum(reports, "outOfOrderCommits")).toBeGreaterThan(1000);
    expect(sum(reports, "committedEvents")).toBeGreaterThan(70_000);
    expect(sum(reports, "streamConflicts")).toBeGreaterThan(0);
  });

  test("burst load: colliding ranges are moved or retried, and stay safe", () => {
    const reports = run(burst, DEFAULT_SETTLE_MS);
    reports.forEach(expectSafe);
    expect(sum(reports, "takenRanges"), "probes that found a range taken").toBeGreaterThan(0);
    expect(sum(reports, "rangeConflicts"), "OCC retries on a probed range").toBeGreaterThan(0);
  });

  test("without a settle window the same runs skip events", () => {
    const reports = run(steady, 0);
    for (const report of reports) {
      expect(report.skippedEvents, `seed ${report.seed}`).toBeGreaterThan(0);
      expect(report.duplicatePositions).toBe(0);
    }
  });

  test("a settle window shorter than the longest mutation skips events too", () => {
    const reports = run(steady, 500);
    expect(sum(reports, "skippedEvents")).toBeGreaterThan(0);
  });
});
