// The durability test app under convex-test: the app's modules, already loaded, and every
// component it installs registered for real.
import actionRetrierTest from "@convex-dev/action-retrier/test";
import workpoolTest from "@convex-dev/workpool/test";
import eventStoreTest from "@convex-es/platform-store/test";
import { convexTest } from "convex-test";
import type { ConvexError } from "convex/values";
import { expect, vi } from "vitest";
import { DURABILITY_ERROR_CODES, isDurabilityError } from "../../src/index.js";
import type { DurabilityErrorData } from "../../src/index.js";
import schema from "../durabilityApp/convex/schema.js";

// convex-test derives the app's root from the `_generated` paths. Eager, so no lazy import runs
// inside a Convex function; convex.config.ts is left out (app.use only works inside Convex).
const loaded = import.meta.glob(
  ["../durabilityApp/convex/**/*.ts", "!../durabilityApp/convex/convex.config.ts"],
  { eager: true },
);
const modules = Object.fromEntries(
  Object.entries(loaded).map(([path, module]) => [path, () => Promise.resolve(module)]),
);

/** A fresh app: eventStore, the two Workpools and the action retrier, all real. */
export function durabilityApp() {
  const t = convexTest(schema, modules);
  eventStoreTest.register(t, "eventStore");
  workpoolTest.register(t, "durableAppendPool");
  workpoolTest.register(t, "dcbRetryPool");
  actionRetrierTest.register(t, "actionRetrier");
  return t;
}

export type DurabilityApp = ReturnType<typeof durabilityApp>;

/** Runs every scheduled function, Workpool job and retry to the end, advancing fake time. */
export async function runBackground(t: DurabilityApp): Promise<void> {
  await t.finishAllScheduledFunctions(vi.runAllTimers);
}

/** The code and message of a durability ConvexError; fails on anything else. */
export function durabilityFailure(error: unknown): { code: string; message: string } {
  expect(isDurabilityError(error), `expected a durability error, got ${String(error)}`).toBe(true);
  const data = (error as ConvexError<DurabilityErrorData>).data;
  expect(DURABILITY_ERROR_CODES).toContain(data.code);
  return { code: data.code, message: data.message };
}
