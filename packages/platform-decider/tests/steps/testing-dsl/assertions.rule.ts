import { expect } from "vitest";
import type { OrderEvent, OrderState } from "../../fixtures/orderDecider.js";
import { draftOrder, itemAdded } from "../../fixtures/orders.js";
import { expectSpecMismatch, thrownBy } from "../../fixtures/support.js";
import type { RuleCallback } from "./world.js";
import { result } from "./world.js";

/** Rule: Each assertion passes on a correct expectation and explains a wrong one */
export const assertionsRule: RuleCallback = ({ RuleScenario }) => {
  RuleScenario("thenEvents compares all events exactly and in order", ({ Then, And }) => {
    Then(
      "thenEvents with the ItemAdded event of {string}, quantity {int} at {int} passes",
      (_ctx, sku: string, quantity: number, price: number) => {
        result().thenEvents([itemAdded("ord-1", sku, quantity, price)]);
      },
    );
    And(
      "thenEvents with quantity {int} instead fails with:",
      (_ctx, quantity: number, message: string) => {
        const wrong = itemAdded("ord-1", "sku-2", quantity, 300, 600);
        expectSpecMismatch(
          thrownBy(() => result().thenEvents([wrong])),
          message,
        );
      },
    );
    And("thenEvents with that event listed twice fails with:", (_ctx, message: string) => {
      const event = itemAdded("ord-1", "sku-2", 2, 300);
      expectSpecMismatch(
        thrownBy(() => result().thenEvents([event, event])),
        message,
      );
    });
  });

  RuleScenario("thenEventTypes compares only the types of the events", ({ And }) => {
    And("thenEventTypes {string} fails with:", (_ctx, types: string, message: string) => {
      const expected = types.split(", ") as OrderEvent["type"][];
      expectSpecMismatch(
        thrownBy(() => result().thenEventTypes(expected)),
        message,
      );
    });
  });

  RuleScenario(
    "thenRejected checks the code, the message and part of the context",
    ({ Then, And }) => {
      Then(
        "thenRejected {string} with the message {string} and the context status {string} passes",
        (_ctx, code: string, message: string, status: string) => {
          result().thenRejected(code, { message, context: { status } });
        },
      );
      And(
        "thenRejected {string} with a message matching {string} passes",
        (_ctx, code: string, pattern: string) => {
          result().thenRejected(code, { message: new RegExp(pattern) });
        },
      );
      And("thenRejected {string} fails with:", (_ctx, code: string, message: string) => {
        expectSpecMismatch(
          thrownBy(() => result().thenRejected(code)),
          message,
        );
      });
      And(
        "thenRejected {string} with a message matching {string} fails with:",
        (_ctx, code: string, pattern: string, message: string) => {
          const attempt = () => result().thenRejected(code, { message: new RegExp(pattern) });
          expectSpecMismatch(thrownBy(attempt), message);
        },
      );
      And(
        "thenRejected {string} with the context status {string} fails with:",
        (_ctx, code: string, status: string, message: string) => {
          const attempt = () => result().thenRejected(code, { context: { status } });
          expectSpecMismatch(thrownBy(attempt), message);
        },
      );
    },
  );

  RuleScenario("thenFailed checks the reason and the audit event", ({ Then, And }) => {
    Then(
      "thenFailed with a reason matching {string} and the OrderFlagged audit event passes",
      (_ctx, pattern: string) => {
        result().thenFailed(new RegExp(pattern), {
          event: {
            type: "OrderFlagged",
            data: { orderId: "ord-1", reason: "total overflow", attemptedLineTotal: 1000 },
          },
        });
      },
    );
    And(
      "thenFailed with the reason {string} fails with:",
      (_ctx, reason: string, message: string) => {
        expectSpecMismatch(
          thrownBy(() => result().thenFailed(reason)),
          message,
        );
      },
    );
    And("thenFailed requiring no audit event fails with:", (_ctx, message: string) => {
      const attempt = () => result().thenFailed(undefined, { event: undefined });
      expectSpecMismatch(thrownBy(attempt), message);
    });
  });

  RuleScenario(
    "thenState and thenStateMatches check the state after the emitted events",
    ({ Then, And }) => {
      Then("thenState with the full expected state passes", () => {
        result().thenState({
          ...draftOrder("ord-1", [
            ["sku-1", 1, 200],
            ["sku-2", 2, 300],
          ]),
        });
      });
      And(
        "thenStateMatches with total {int} and the items {string} passes",
        (_ctx, total: number, skus: string) => {
          const items = skus.split(", ").map((productId) => ({ productId }));
          result().thenStateMatches({ total, items });
        },
      );
      And(
        "thenState with total {int} instead fails with:",
        (_ctx, total: number, message: string) => {
          const wrong = { ...result().state, total };
          expectSpecMismatch(
            thrownBy(() => result().thenState(wrong)),
            message,
          );
        },
      );
      And(
        "thenStateMatches with only the item {string} fails with:",
        (_ctx, sku: string, message: string) => {
          const attempt = () => result().thenStateMatches({ items: [{ productId: sku }] });
          expectSpecMismatch(thrownBy(attempt), message);
        },
      );
    },
  );

  RuleScenario(
    "thenData and thenStateUpdate check what a success returns besides events",
    ({ Then, And }) => {
      Then(
        "thenData with order {string} and total {int} passes",
        (_ctx, orderId: string, total: number) => {
          result().thenData({ orderId, total });
        },
      );
      And(
        "thenStateUpdate with the status {string} and total {int} passes",
        (_ctx, status: string, total: number) => {
          result().thenStateUpdate({ status: status as OrderState["status"], total });
        },
      );
      And(
        "thenData with order {string} and total {int} fails with:",
        (_ctx, orderId: string, total: number, message: string) => {
          expectSpecMismatch(
            thrownBy(() => result().thenData({ orderId, total })),
            message,
          );
        },
      );
      And(
        "thenStateUpdate with the status {string} and total {int} fails with:",
        (_ctx, status: string, total: number, message: string) => {
          const update = { status: status as OrderState["status"], total };
          expectSpecMismatch(
            thrownBy(() => result().thenStateUpdate(update)),
            message,
          );
        },
      );
    },
  );

  RuleScenario(
    "Assertions chain, and output and state stay available for ad-hoc checks",
    ({ Then, And }) => {
      Then("thenEventTypes, thenStateMatches and thenState chain on one result", () => {
        const chained = result()
          .thenEventTypes(["ItemAdded"])
          .thenStateMatches({ total: 800 })
          .thenState(result().state);
        expect(chained).toBe(result());
      });
      And(
        "the result output is a success and the result state has {int} items",
        (_ctx, count: number) => {
          expect(result().output.status).toBe("success");
          expect(result().state.items).toHaveLength(count);
        },
      );
    },
  );

  RuleScenario("A different kind of outcome names both kinds and the details", ({ And }) => {
    And("thenFailed without a reason fails with:", (_ctx, message: string) => {
      expectSpecMismatch(
        thrownBy(() => result().thenFailed()),
        message,
      );
    });
  });

  RuleScenario("Expecting a rejection on a success names the emitted events", ({ Then, And }) => {
    Then("thenRejected {string} fails with:", (_ctx, code: string, message: string) => {
      expectSpecMismatch(
        thrownBy(() => result().thenRejected(code)),
        message,
      );
    });
    And("thenThrows fails with:", (_ctx, message: string) => {
      expectSpecMismatch(
        thrownBy(() => result().thenThrows()),
        message,
      );
    });
  });

  // Every step of this scenario is a shared step.
  RuleScenario("Expecting events on a failure names the reason and the audit event", () => {});
};
