// The workflow manager, the saga runner and the fulfilment saga's workflow.
import { WorkflowManager } from "@convex-dev/workflow";
import { SagaRunner } from "@convex-es/platform-core";
import { orderFulfillment } from "../fulfillment.js";
import { components, internal } from "./_generated/api.js";

export const workflow = new WorkflowManager(components.workflow);

// Annotated: the runner refers to `internal`, whose type includes this module.
export const sagas: SagaRunner = new SagaRunner(workflow, {
  onComplete: internal.sagaAdmin.onComplete,
});

export const orderFulfillmentWorkflow = sagas.define(orderFulfillment);
