// What the saga orchestration steps do with the fulfilment app: place orders, drive the
// background work, and read back the saga, the effects and each context's own data.
import type { SagaRecord, StartSagaResult } from "@convex-es/platform-core";
import { expect, vi } from "vitest";
import { internal } from "./fulfillmentApp/convex/_generated/api.js";
import { workflow } from "./fulfillmentApp/convex/sagas.js";
import type { FulfillmentApp } from "./fulfillmentTestApp.js";

export interface Order {
  orderId: string;
  quantity: number;
  sku: string;
  amount: number;
  address: string;
  requiresAuthorization: boolean;
}

/** Places the order (and starts its saga) in one mutation. */
export function place(t: FulfillmentApp, order: Order): Promise<StartSagaResult> {
  return t.mutation(internal.orders.placeOrder, order);
}

/** Runs workflow steps, workpool jobs and scheduled functions until none is left. */
export async function runBackgroundWork(t: FulfillmentApp): Promise<void> {
  await t.finishAllScheduledFunctions(vi.runAllTimers);
}

export async function sagaOf(t: FulfillmentApp, orderId: string): Promise<SagaRecord> {
  const saga = await t.query(internal.reads.saga, { orderId });
  expect(saga, `the saga of order ${orderId}`).not.toBeNull();
  return saga!;
}

export async function expectEffects(t: FulfillmentApp, orderId: string, effects: string[]) {
  expect(await t.query(internal.reads.effects, { orderId })).toEqual(effects);
}

/** What each bounded context holds about the order. */
export function contextsOf(t: FulfillmentApp, orderId: string, sku: string) {
  return t.query(internal.reads.contexts, { orderId, sku });
}

/** The number of sagas in the app and of workflows in the workflow component. */
export async function counts(t: FulfillmentApp): Promise<{ sagas: number; workflows: number }> {
  const sagas = await t.query(internal.sagaAdmin.list, {
    paginationOpts: { numItems: 100, cursor: null },
  });
  const workflows = await t.run(async (ctx) =>
    workflow.list(ctx, { paginationOpts: { numItems: 100, cursor: null } }),
  );
  return { sagas: sagas.page.length, workflows: workflows.page.length };
}

/** The saga's workflow journal as `step:status`. */
export async function journalOf(t: FulfillmentApp, orderId: string): Promise<string[]> {
  const inspection = await t.query(internal.sagaAdmin.inspect, {
    sagaType: "orderFulfillment",
    sagaId: orderId,
  });
  expect(inspection).not.toBeNull();
  return inspection!.steps.map((step) => `${step.name}:${step.status}`);
}

/** What the saga's workflow is waiting on. */
export async function waitingOn(t: FulfillmentApp, orderId: string): Promise<string[]> {
  const inspection = await t.query(internal.sagaAdmin.inspect, {
    sagaType: "orderFulfillment",
    sagaId: orderId,
  });
  return inspection?.workflow.waitingOn ?? [];
}

/** The context the workflow of the order's saga hands its onComplete. */
export async function completionContextOf(t: FulfillmentApp, orderId: string): Promise<unknown> {
  const { workflowId } = await sagaOf(t, orderId);
  const listed = await t.run(async (ctx) =>
    workflow.list(ctx, { paginationOpts: { numItems: 100, cursor: null } }),
  );
  return listed.page.find((run) => run.workflowId === workflowId)?.context;
}
