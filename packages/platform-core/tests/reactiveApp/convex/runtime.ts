// The app's runtime objects: the store clients and the projection runtime.
import { ProjectionStore } from "@convex-es/platform-projections";
import { EventStore } from "@convex-es/platform-store";
import { Workpool } from "@convex-dev/workpool";
import { ProjectionRuntime } from "../../../src/index.js";
import type { ProjectionFunctionRefs } from "../../../src/index.js";
import { components, internal } from "./_generated/api.js";
import type { MutationCtx } from "./_generated/server.js";
import { counterViewHandlers } from "./counterView.js";

export const eventStore = new EventStore(components.eventStore);
export const projectionStore = new ProjectionStore(components.projections);

// Annotated: the functions made from this runtime are part of `internal`, which it references.
export const projections: ProjectionRuntime<MutationCtx> = new ProjectionRuntime<MutationCtx>({
  store: projectionStore,
  eventStore,
  pool: new Workpool(components.projectionPool, { maxParallelism: 4, logLevel: "ERROR" }),
  projections: [counterViewHandlers],
  functions: (): ProjectionFunctionRefs => internal.projections,
});
