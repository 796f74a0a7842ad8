import type { FeatureDescriibeCallbackParams } from "@amiceli/vitest-cucumber";
import type { Decider, DecisionContext } from "../../../src/index.js";
import type {
  DeciderCaseResult,
  DeciderSpecGiven,
  DeciderSpecOptions,
  DeciderSpecResult,
} from "../../../src/testing/index.js";
import { deciderSpec } from "../../../src/testing/index.js";
import type { OrderCase } from "../../fixtures/orderCases.js";
import type {
  OrderCommand,
  OrderData,
  OrderEvent,
  OrderState,
  OrderStateUpdate,
} from "../../fixtures/orderDecider.js";
import { orderDecider } from "../../fixtures/orderDecider.js";

/** The callback of one `Rule(...)` in describeFeature. */
export type RuleCallback = Parameters<FeatureDescriibeCallbackParams["Rule"]>[1];

type OrderDecider = Decider<
  OrderState,
  OrderCommand,
  OrderEvent,
  DecisionContext,
  OrderData,
  OrderStateUpdate
>;
type OrderGiven = DeciderSpecGiven<
  OrderState,
  OrderCommand,
  OrderEvent,
  DecisionContext,
  OrderData,
  OrderStateUpdate
>;
export type OrderResult = DeciderSpecResult<OrderState, OrderEvent, OrderData, OrderStateUpdate>;
type OrderCaseResult = DeciderCaseResult<OrderState, OrderEvent, OrderData, OrderStateUpdate>;

type World = {
  given?: OrderGiven;
  result?: OrderResult;
  whenError?: unknown;
  cases: OrderCase[];
  caseResults?: OrderCaseResult[];
  caseError?: unknown;
};

/** What the steps of the current scenario set up; reset before each scenario. */
export const world: World = { cases: [] };

export function resetWorld(): void {
  world.given = undefined;
  world.result = undefined;
  world.whenError = undefined;
  world.cases = [];
  world.caseResults = undefined;
  world.caseError = undefined;
}

export function given(): OrderGiven {
  if (world.given === undefined) throw new Error("No Given step set up a spec");
  return world.given;
}

/** Runs `when`, keeping what it threw for a later "the when fails with" step. */
export function when(command: OrderCommand, context?: Partial<DecisionContext>): void {
  try {
    world.result = given().when(command, context);
  } catch (error) {
    world.whenError = error;
  }
}

export function result(): OrderResult {
  if (world.whenError !== undefined) throw world.whenError;
  if (world.result === undefined) throw new Error("No When step ran the spec");
  return world.result;
}

export function specOf(
  decider: OrderDecider = orderDecider,
  options?: DeciderSpecOptions<DecisionContext>,
) {
  return deciderSpec(decider, options);
}
