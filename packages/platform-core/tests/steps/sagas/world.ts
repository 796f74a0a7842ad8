import type { FeatureDescriibeCallbackParams } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import { isSagaError, SAGA_ERROR_CODES } from "../../../src/index.js";
import type {
  RetrySagaResult,
  SagaErrorCode,
  SagaPage,
  SagaRecord,
  StartSagaResult,
} from "../../../src/index.js";
import { internal } from "../../sagaApp/convex/_generated/api.js";
import { workflow } from "../../sagaApp/convex/sagas.js";
import { newSagaApp } from "../../support/sagaApp.js";
import type { SagaApp } from "../../support/sagaApp.js";

/** The callback of one `Rule(...)` in describeFeature. */
export type RuleCallback = Parameters<FeatureDescriibeCallbackParams["Rule"]>[1];
export type DefineStepsCallback = Parameters<FeatureDescriibeCallbackParams["defineSteps"]>[0];

/** What one scenario did and saw. */
export const world = {
  app: undefined as SagaApp | undefined,
  starts: [] as StartSagaResult[],
  retried: undefined as RetrySagaResult | undefined,
  pages: [] as SagaPage[],
  error: undefined as unknown,
};

export function resetWorld(): void {
  vi.useFakeTimers();
  world.app = newSagaApp();
  world.starts = [];
  world.retried = undefined;
  world.pages = [];
  world.error = undefined;
}

export function app(): SagaApp {
  if (world.app === undefined) throw new Error("no saga app in this scenario");
  return world.app;
}

/** Runs the workflow steps, workpool jobs and scheduled functions until none is left. */
export async function runBackgroundWork(): Promise<void> {
  await app().finishAllScheduledFunctions(vi.runAllTimers);
}

const orderInput = { sku: "sku-1", quantity: 2, amount: 30 };

export async function startFulfillment(orderId: string): Promise<void> {
  world.starts.push(
    await app().mutation(internal.orders.startFulfillment, { orderId, ...orderInput }),
  );
}

export async function startPaymentApproval(orderId: string): Promise<void> {
  world.starts.push(
    await app().mutation(internal.orders.startPaymentApproval, { orderId, ...orderInput }),
  );
}

export async function refuseEffect(orderId: string, action: string): Promise<void> {
  await app().mutation(internal.orders.setFault, { sagaId: orderId, action });
}

export async function ledger(orderId: string): Promise<{ action: string; detail: string }[]> {
  return app().query(internal.orders.ledger, { sagaId: orderId });
}

export async function sagaOf(sagaType: string, sagaId: string): Promise<SagaRecord> {
  const saga = await app().query(internal.orders.getSaga, { sagaType, sagaId });
  expect(saga, `saga ${sagaType} ${sagaId}`).not.toBeNull();
  return saga!;
}

/** Runs `fn` and keeps what it threw (undefined when it returned). */
export async function capture(fn: () => Promise<unknown>): Promise<void> {
  world.error = undefined;
  try {
    await fn();
  } catch (error) {
    world.error = error;
  }
}

/** The captured error is a saga ConvexError with this code. */
export function expectSagaError(code: string): void {
  expect(SAGA_ERROR_CODES).toContain(code);
  expect(isSagaError(world.error), `expected a saga error, got ${String(world.error)}`).toBe(true);
  expect(isSagaError(world.error, code as SagaErrorCode)).toBe(true);
}

/** The number of sagas in the app and of workflows in the workflow component. */
export async function counts(): Promise<{ sagas: number; workflows: number }> {
  const sagas = await app().query(internal.sagaAdmin.list, {
    paginationOpts: { numItems: 100, cursor: null },
  });
  const workflows = await app().run(async (ctx) =>
    workflow.list(ctx, { paginationOpts: { numItems: 100, cursor: null } }),
  );
  return { sagas: sagas.page.length, workflows: workflows.page.length };
}

/** The saga's workflow journal as `name:status` entries. */
export async function journal(sagaType: string, sagaId: string): Promise<string[]> {
  const inspection = await app().query(internal.sagaAdmin.inspect, { sagaType, sagaId });
  expect(inspection).not.toBeNull();
  return inspection!.steps.map((step) => `${step.name}:${step.status}`);
}

/** The saga has this status and number of attempts. */
export async function expectSaga(
  sagaType: string,
  sagaId: string,
  status: string,
  attempts: number,
): Promise<void> {
  expect(await sagaOf(sagaType, sagaId)).toMatchObject({ sagaType, sagaId, status, attempts });
}

/** The app holds this many sagas, and the workflow component this many workflows. */
export async function expectCounts(sagas: number, workflows: number): Promise<void> {
  expect(await counts()).toEqual({ sagas, workflows });
}
