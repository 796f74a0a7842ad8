// The app's runtime objects: the orchestrator (no projection hook: the events are the trigger)
// and the projection runtime.
import { CommandBus } from "@convex-es/platform-bus";
import { ProjectionStore } from "@convex-es/platform-projections";
import { EventStore } from "@convex-es/platform-store";
import { Workpool } from "@convex-dev/workpool";
import { CommandOrchestrator, ProjectionRuntime } from "../../../src/index.js";
import type { ProjectionFunctionRefs } from "../../../src/index.js";
import { components, internal } from "./_generated/api.js";
import type { MutationCtx } from "./_generated/server.js";
import { counterFeedHandlers, counterTotalsHandlers } from "./counterTotals.js";

export const eventStore = new EventStore(components.eventStore);
export const commandBus = new CommandBus(components.commandBus);
export const orchestrator = new CommandOrchestrator({ eventStore, commandBus });

// Annotated: the functions made from this runtime are part of `internal`, which it references.
export const projections: ProjectionRuntime<MutationCtx> = new ProjectionRuntime<MutationCtx>({
  store: new ProjectionStore(components.projections),
  eventStore,
  pool: new Workpool(components.projectionPool, { maxParallelism: 4, logLevel: "ERROR" }),
  projections: [counterTotalsHandlers, counterFeedHandlers],
  functions: (): ProjectionFunctionRefs => internal.projections,
});
