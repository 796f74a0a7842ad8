// The adapters spec app under convex-test: the eventStore, commandBus, rate limiter and a DCB
// retry Workpool registered for real.
import rateLimiter from "@convex-dev/rate-limiter/test";
import workpool from "@convex-dev/workpool/test";
import commandBus from "@convex-es/platform-bus/test";
import eventStore from "@convex-es/platform-store/test";
import { convexTest } from "convex-test";
import { anyApi } from "convex/server";
import type { ApiFromModules } from "convex/server";
import { vi } from "vitest";
import { commands, counters, warehouse } from "./adaptersFunctions.js";
import { adaptersSchema } from "./adaptersSchema.js";
import { faults } from "./faults.js";

const modules = { commands, counters, faults, warehouse };

/** The app's functions, typed, as its generated `internal` would be. */
export const adapters = anyApi as unknown as ApiFromModules<typeof modules>;

/** A fresh app at 10 s past a minute (rate limit windows start on the minute), fake timers. */
export function adaptersApp() {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-03-01T09:00:10.000Z"));
  const t = convexTest(
    adaptersSchema,
    Object.fromEntries([
      ["./_generated/server.ts", async () => ({})],
      ...Object.entries(modules).map(([name, module]) => [`./${name}.ts`, async () => module]),
    ]),
  );
  eventStore.register(t);
  commandBus.register(t);
  rateLimiter.register(t, "rateLimiter");
  workpool.register(t, "dcbRetryPool");
  return t;
}

export type AdaptersApp = ReturnType<typeof adaptersApp>;

/** Runs every scheduled function and Workpool job to the end, advancing fake time. */
export async function runAdaptersBackground(t: AdaptersApp): Promise<void> {
  await t.finishAllScheduledFunctions(vi.runAllTimers);
}
