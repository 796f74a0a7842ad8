// The workflow manager, the saga runner and the sagas' workflows.
import { WorkflowManager } from "@convex-dev/workflow";
import { SagaRunner } from "../../../src/index.js";
import { orderFulfillment, paymentApproval } from "../definitions.js";
import { components, internal } from "./_generated/api.js";

export const workflow = new WorkflowManager(components.workflow);

// Annotated: the runner refers to `internal`, whose type includes this module.
export const sagas: SagaRunner = new SagaRunner(workflow, {
  onComplete: internal.sagaAdmin.onComplete,
});

export const orderFulfillmentWorkflow = sagas.define(orderFulfillment);
export const paymentApprovalWorkflow = sagas.define(paymentApproval);
