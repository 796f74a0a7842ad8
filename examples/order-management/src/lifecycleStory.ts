// The story `npm start` tells: one order driven command by command through the pure decider,
// with its events folded into state, a rejected command and an invalid transition.
import { decideAndEvolve, fold, matchOutput } from "@convex-es/platform-decider";
import { isInvalidTransitionError } from "@convex-es/platform-fsm";
import { orderDecider, orderStatus } from "./orders/index.js";
import type { OrderCommand, OrderEvent, OrderState } from "./orders/index.js";

export type StoryStep = {
  command: OrderCommand;
  outcome: "success" | "rejected" | "failed";
  events: OrderEvent[];
  rejection?: { code: string; message: string };
  statusAfter: string | null;
};

export type LifecycleStory = {
  steps: StoryStep[];
  finalState: OrderState;
  eventLog: OrderEvent[];
  invalidTransition: { from: string; to: string; code: string; message: string };
  rebuiltStateMatches: boolean;
};

const commands: OrderCommand[] = [
  { type: "CreateOrder", data: { orderId: "ord-1001", customerId: "cust-ada" } },
  {
    type: "AddOrderItem",
    data: { item: { productId: "prod-kbd", productName: "Keyboard", quantity: 2, unitPrice: 45 } },
  },
  {
    type: "AddOrderItem",
    data: { item: { productId: "prod-mouse", productName: "Mouse", quantity: 1, unitPrice: 20 } },
  },
  { type: "RemoveOrderItem", data: { productId: "prod-mouse" } },
  { type: "SubmitOrder", data: {} },
  {
    type: "AddOrderItem",
    data: { item: { productId: "prod-cable", productName: "Cable", quantity: 3, unitPrice: 5 } },
  },
  { type: "ConfirmOrder", data: {} },
  { type: "CancelOrder", data: { reason: "customer changed their mind" } },
];

export function runLifecycleStory(startAt = Date.UTC(2026, 0, 15, 9, 0, 0)): LifecycleStory {
  let state: OrderState = orderDecider.initialState;
  const steps: StoryStep[] = [];
  const eventLog: OrderEvent[] = [];

  commands.forEach((command, index) => {
    const context = {
      now: startAt + index * 60_000,
      commandId: `cmd-${index + 1}`,
      correlationId: "corr-ord-1001",
    };
    const result = decideAndEvolve(orderDecider, state, command, context);
    state = result.state;
    const step = matchOutput(result.output, {
      success: (output): StoryStep => ({
        command,
        outcome: "success",
        events: [...output.events],
        statusAfter: state?.status ?? null,
      }),
      rejected: (output): StoryStep => ({
        command,
        outcome: "rejected",
        events: [],
        rejection: { code: output.code, message: output.message },
        statusAfter: state?.status ?? null,
      }),
      failed: (output): StoryStep => ({
        command,
        outcome: "failed",
        events: output.event ? [output.event] : [],
        statusAfter: state?.status ?? null,
      }),
    });
    eventLog.push(...step.events);
    steps.push(step);
  });

  return {
    steps,
    finalState: state,
    eventLog,
    invalidTransition: tryInvalidTransition("confirmed", "draft"),
    rebuiltStateMatches: JSON.stringify(fold(orderDecider, eventLog)) === JSON.stringify(state),
  };
}

function tryInvalidTransition(from: "confirmed", to: "draft"): LifecycleStory["invalidTransition"] {
  try {
    orderStatus.assertTransition(from, to);
  } catch (error) {
    if (isInvalidTransitionError(error)) {
      return { from, to, code: error.code, message: error.message };
    }
    throw error;
  }
  throw new Error(`orderStatus unexpectedly allowed ${from} -> ${to}`);
}
