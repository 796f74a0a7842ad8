// The saga workflow's onComplete and the operator's saga functions (list, inspect, retry,
// cancel), all internal; `sagaOf` reads one saga's record.
import { createSagaFunctions, vSagaRecord } from "@convex-es/platform-core";
import type { SagaRecord } from "@convex-es/platform-core";
import { v } from "convex/values";
import { internalQuery } from "../_generated/server.js";
import { sagas, workflow } from "./sagas.js";

export const { onComplete, list, inspect, retry, cancel } = createSagaFunctions(workflow);

/** The fulfilment saga of an order, or null when none started. */
export const sagaOf = internalQuery({
  args: { orderId: v.string() },
  returns: v.union(v.null(), vSagaRecord),
  handler: async (ctx, args): Promise<SagaRecord | null> =>
    sagas.get(ctx, { sagaType: "orderFulfillment", sagaId: args.orderId }),
});
