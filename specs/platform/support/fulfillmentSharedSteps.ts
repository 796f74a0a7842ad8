// Steps several saga orchestration scenarios share, matched whatever their keyword. Scenario
// outlines do not see them (vitest-cucumber matches an outline's shared steps by keyword).
import type { FeatureDescriibeCallbackParams } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import { listFrom } from "./bankSteps.js";
import { internal } from "./fulfillmentApp/convex/_generated/api.js";
import { app, order, placeOrder, run } from "./fulfillmentWorld.js";
import { contextsOf, counts, expectEffects, sagaOf } from "./fulfillmentSteps.js";

type DefineStepsCallback = Parameters<FeatureDescriibeCallbackParams["defineSteps"]>[0];

export const sharedFulfillmentSteps: DefineStepsCallback = ({ Step }) => {
  const placeAndRun =
    (requiresAuthorization: boolean) =>
    async (_ctx: unknown, id: string, n: number, sku: string, amount: number, to: string) => {
      await placeOrder(order(id, n, sku, amount, to, requiresAuthorization));
      await run();
    };
  const placeOnly =
    (requiresAuthorization: boolean) =>
    (_ctx: unknown, id: string, n: number, sku: string, amount: number, to: string) =>
      placeOrder(order(id, n, sku, amount, to, requiresAuthorization));
  const order_ = "order {string} for {int}";
  const what = "of {string} at {int} to {string}";
  for (const unit of ["unit", "units"]) {
    Step(`${order_} ${unit} ${what} is placed and the background work runs`, placeAndRun(false));
    Step(`${order_} ${unit} ${what} is placed`, placeOnly(false));
    Step(
      `${order_} ${unit} ${what}, needing a payment authorization, is placed and the background work runs`,
      placeAndRun(true),
    );
    Step(`${order_} ${unit} ${what}, needing a payment authorization, is placed`, placeOnly(true));
  }
  Step("the background work runs", run);
  Step("the saga of order {string} is {string}", async (_ctx, orderId: string, status) => {
    expect((await sagaOf(app(), orderId)).status).toBe(status);
  });
  Step("the effects of order {string} are {string}", (_ctx, orderId: string, effects: string) =>
    expectEffects(app(), orderId, listFrom(effects)),
  );
  Step(
    "the inventory context holds {int} units of {string} and a {string} reservation for order {string}",
    async (_ctx, units: number, sku: string, status: string, orderId: string) => {
      const { inventory } = await contextsOf(app(), orderId, sku);
      expect(inventory).toEqual({ available: units, reservation: status });
    },
  );
  Step(
    "the payments context holds a {string} payment of {int} for order {string}",
    async (_ctx, status: string, amount: number, orderId: string) => {
      const { payments } = await contextsOf(app(), orderId, "sku-1");
      expect(payments).toEqual([{ amount, status }]);
    },
  );
  Step("order {string} is {string}", async (_ctx, orderId: string, status: string) => {
    expect(await app().query(internal.reads.order, { orderId })).toBe(status);
  });
  const holds = async (_ctx: unknown, sagas: number, workflows: number) => {
    expect(await counts(app())).toEqual({ sagas, workflows });
  };
  Step("the app holds {int} saga and the workflow component {int} workflow", holds);
  Step("the app holds {int} sagas and the workflow component {int} workflows", holds);
  Step("the inventory context holds {int} units of {string}", async (_ctx, units, sku) => {
    const { inventory } = await contextsOf(app(), "none", sku);
    expect(inventory.available).toBe(units);
  });
};
