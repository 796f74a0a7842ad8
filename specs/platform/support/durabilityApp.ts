// The durability spec app under convex-test: platform-core's durability tables in its schema,
// the functions of durabilityFunctions.ts, and the eventStore, two Workpools and the action
// retrier registered for real.
import actionRetrier from "@convex-dev/action-retrier/test";
import workpool from "@convex-dev/workpool/test";
import eventStore from "@convex-es/platform-store/test";
import { convexTest } from "convex-test";
import { anyApi } from "convex/server";
import type { ApiFromModules } from "convex/server";
import { vi } from "vitest";
import { durability, payments, publication, submissions } from "./durabilityFunctions.js";
import { durabilitySchema } from "./durabilitySchema.js";
import { faults } from "./faults.js";

const modules = { durability, faults, payments, publication, submissions };

/** The app's functions, typed, as its generated `internal` would be. */
export const app = anyApi as unknown as ApiFromModules<typeof modules>;

/** A fresh app with its components; fake timers, so background work runs on demand. */
export function durabilityApp() {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-03-01T09:00:00.000Z"));
  const t = convexTest(
    durabilitySchema,
    Object.fromEntries([
      ["./_generated/server.ts", async () => ({})],
      ...Object.entries(modules).map(([name, module]) => [`./${name}.ts`, async () => module]),
    ]),
  );
  eventStore.register(t);
  workpool.register(t, "durableAppendPool");
  workpool.register(t, "publicationPool");
  actionRetrier.register(t, "actionRetrier");
  return t;
}

export type DurabilityApp = ReturnType<typeof durabilityApp>;

/** Runs every scheduled function, Workpool job and retry to the end, advancing fake time. */
export async function runBackground(t: DurabilityApp): Promise<void> {
  await t.finishAllScheduledFunctions(vi.runAllTimers);
}
