// The workflow manager, the saga runner and the fulfilment saga's workflow (decision 0014).
import { SagaRunner } from "@convex-es/platform-core";
import { WorkflowManager } from "@convex-dev/workflow";
import { components, internal } from "../_generated/api.js";
import { orderFulfillment } from "./orderFulfillment.js";

export const workflow = new WorkflowManager(components.workflow);

// Annotated: the runner refers to `internal`, whose type includes this module.
export const sagas: SagaRunner = new SagaRunner(workflow, {
  onComplete: internal.fulfilment.sagaAdmin.onComplete,
});

export const orderFulfillmentWorkflow = sagas.define(orderFulfillment);
