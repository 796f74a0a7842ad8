// The projection runtime: the six read-model projections and the fulfilment relay, run from the
// event log by Workpool catch-up jobs per partition (decision 0012). A cron calls `dispatch`
// (crons.ts).
import { ProjectionRuntime } from "@convex-es/platform-core";
import type { ProjectionFunctionRefs } from "@convex-es/platform-core";
import { ProjectionStore } from "@convex-es/platform-projections";
import { Workpool } from "@convex-dev/workpool";
import { components, internal } from "../_generated/api.js";
import type { MutationCtx } from "../_generated/server.js";
import { eventStore, logger } from "../platform/runtime.js";
import { fulfilmentRelayHandlers } from "./fulfilmentRelay.js";
import { orderDetailsHandlers } from "./orderDetails.js";
import { orderExistenceHandlers } from "./orderExistence.js";
import { orderSummariesHandlers } from "./orderSummaries.js";
import { salesDashboardHandlers } from "./salesDashboard.js";
import { shippingFeedHandlers } from "./shippingFeed.js";
import { stockAvailabilityHandlers } from "./stockAvailability.js";

// Annotated: the functions made from this runtime are part of `internal`, which it references.
export const projections: ProjectionRuntime<MutationCtx> = new ProjectionRuntime<MutationCtx>({
  store: new ProjectionStore(components.projections),
  eventStore,
  pool: new Workpool(components.projectionPool, { maxParallelism: 10, logLevel: "ERROR" }),
  projections: [
    orderSummariesHandlers,
    orderDetailsHandlers,
    stockAvailabilityHandlers,
    salesDashboardHandlers,
    orderExistenceHandlers,
    shippingFeedHandlers,
    fulfilmentRelayHandlers,
  ],
  functions: (): ProjectionFunctionRefs => internal.projections.jobs,
  logger: logger.child("projections"),
});
