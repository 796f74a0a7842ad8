// The projection runtime of the bank app: the appended events are the trigger, a dispatch
// (a cron in production, the specs by hand) routes them and the Workpool runs the catch-up jobs.
import { ProjectionRuntime } from "@convex-es/platform-core";
import type { ProjectionFunctionRefs } from "@convex-es/platform-core";
import { ProjectionStore } from "@convex-es/platform-projections";
import { Workpool } from "@convex-dev/workpool";
import { accountBalancesHandlers } from "./accountBalances.js";
import { eventStore } from "./bank.js";
import { components, internal } from "./_generated/api.js";
import type { MutationCtx } from "./_generated/server.js";

// Annotated: the functions made from this runtime are part of `internal`, which it references.
export const projections: ProjectionRuntime<MutationCtx> = new ProjectionRuntime<MutationCtx>({
  store: new ProjectionStore(components.projections),
  eventStore,
  pool: new Workpool(components.projectionPool, { maxParallelism: 4, logLevel: "ERROR" }),
  projections: [accountBalancesHandlers],
  functions: (): ProjectionFunctionRefs => internal.projections,
});
