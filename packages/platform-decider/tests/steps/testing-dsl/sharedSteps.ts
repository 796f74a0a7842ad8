import type { FeatureDescriibeCallbackParams } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import { runDeciderCases } from "../../../src/testing/index.js";
import { commandNamed, givenNamed } from "../../fixtures/orderCases.js";
import type { OrderEvent } from "../../fixtures/orderDecider.js";
import { orderDecider } from "../../fixtures/orderDecider.js";
import {
  addItem,
  createOrder,
  draftHistory,
  itemAdded,
  nearLimitOrder,
  submitOrder,
  submittedHistory,
} from "../../fixtures/orders.js";
import { expectSpecMismatch, thrownBy } from "../../fixtures/support.js";
import { result, specOf, when, world } from "./world.js";

type DefineStepsCallback = Parameters<FeatureDescriibeCallbackParams["defineSteps"]>[0];

/** Steps that several scenarios share, matched whatever their keyword. */
export const sharedSteps: DefineStepsCallback = ({ Step }) => {
  Step(
    "a spec given the events of order {string} with an item {string} of quantity {int} at {int}",
    (_ctx, orderId: string, sku: string, quantity: number, price: number) => {
      world.given = specOf().given(draftHistory(orderId, [[sku, quantity, price]]));
    },
  );
  Step("a spec given the events of a submitted order {string}", (_ctx, orderId: string) => {
    world.given = specOf().given(submittedHistory(orderId));
  });
  Step(
    "a spec given the state of a draft order {string} whose total is {int} below the safe integer limit",
    (_ctx, orderId: string, below: number) => {
      world.given = specOf().givenState(nearLimitOrder(orderId, below));
    },
  );
  Step("the spec submits the order", () => when(submitOrder));
  Step(
    "the spec adds an item {string} of quantity {int} at {int}",
    (_ctx, sku: string, quantity: number, price: number) => when(addItem(sku, quantity, price)),
  );
  Step(
    "the spec creates order {string} for customer {string}",
    (_ctx, orderId: string, customerId: string) => when(createOrder(orderId, customerId)),
  );
  Step("thenEventTypes {string} passes", (_ctx, types: string) => {
    const expected = types.split(", ") as OrderEvent["type"][];
    expect(result().thenEventTypes(expected)).toBe(result());
  });
  Step("thenEvents with any event fails with:", (_ctx, message: string) => {
    const anyEvent = itemAdded("ord-1", "sku-x", 1, 1);
    expectSpecMismatch(
      thrownBy(() => result().thenEvents([anyEvent])),
      message,
    );
  });
  Step("the when fails with:", (_ctx, message: string) => {
    expect(world.result).toBeUndefined();
    expectSpecMismatch(world.whenError, message);
  });
  Step("the cases:", (_ctx, rows: Record<string, string>[]) => {
    world.cases = rows.map((row) => ({
      name: String(row.name),
      given: givenNamed(String(row.given)),
      when: commandNamed(String(row.command)),
      expect: String(row.expect),
    }));
  });
  Step("the case table runs", () => {
    try {
      world.caseResults = runDeciderCases(orderDecider, world.cases);
    } catch (error) {
      world.caseError = error;
    }
  });
  Step("it fails with:", (_ctx, message: string) => {
    expect(world.caseResults).toBeUndefined();
    expectSpecMismatch(world.caseError, message);
  });
};
