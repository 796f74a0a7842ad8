import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { fold } from "@convex-es/platform-decider";
import { deciderSpec, outcomeOf } from "@convex-es/platform-decider/testing";
import { assertCannotTransition } from "@convex-es/platform-fsm/testing";
import { piiFieldsOf } from "@convex-es/platform-core";
import type { CustomerSnapshot } from "../../src/customers/index.js";
import { orderDecider, orderStatus, orderSubmitted } from "../../src/orders/index.js";
import type {
  OrderCommand,
  OrderEvent,
  OrderItem,
  OrderStatus,
  StockAnswer,
} from "../../src/orders/index.js";

const feature = await loadFeature(
  fileURLToPath(new URL("../features/order-decider.feature", import.meta.url)),
);

const context = { now: 1000, commandId: "cmd-1", correlationId: "corr-1" };
const spec = deciderSpec(orderDecider, { context });

function item(quantity: number, productName: string, unitPrice: number): OrderItem {
  return { productId: `prod-${productName.toLowerCase()}`, productName, quantity, unitPrice };
}

const created = (orderId: string): OrderEvent => ({
  type: "OrderCreated",
  data: { orderId, customerId: "cust-1", createdAt: 1 },
});

const accepted: StockAnswer = { status: "accepted" };

/** The customers context's answer for the orders' customer, cust-1. */
const customer: CustomerSnapshot = {
  customerId: "cust-1",
  name: "Ada Lovelace",
  email: "ada@example.com",
};
const refusedWith = (code: string, productId: string): StockAnswer => ({
  status: "refused",
  code,
  message: `inventory refused: ${code}`,
  context: { productIds: [productId] },
});

/** A draft order holding one item. */
function draftWith(orderId: string, quantity: number, name: string, price: number): OrderEvent[] {
  const added = item(quantity, name, price);
  return [
    created(orderId),
    { type: "OrderItemAdded", data: { orderId, item: added, totalAmount: quantity * price } },
  ];
}

type Decided = ReturnType<ReturnType<typeof spec.given>["when"]>;

/** Prior events that bring an order into each status. */
function historyFor(status: OrderStatus): OrderEvent[] {
  const keyboard = item(2, "Keyboard", 45);
  const draft: OrderEvent[] = [
    created("ord-1"),
    { type: "OrderItemAdded", data: { orderId: "ord-1", item: keyboard, totalAmount: 90 } },
  ];
  const submitted: OrderEvent[] = [
    ...draft,
    {
      type: "OrderSubmitted",
      data: {
        orderId: "ord-1",
        customerId: "cust-1",
        items: [keyboard],
        totalAmount: 90,
        submittedAt: 2,
        customer: { schemaVersion: 1, capturedAt: 2, data: customer },
      },
    },
  ];
  switch (status) {
    case "draft":
      return draft;
    case "submitted":
      return submitted;
    case "confirmed":
      return [
        ...submitted,
        { type: "OrderConfirmed", data: { orderId: "ord-1", totalAmount: 90, confirmedAt: 3 } },
      ];
    case "cancelled":
      return [
        ...draft,
        {
          type: "OrderCancelled",
          data: {
            orderId: "ord-1",
            reason: "test",
            previousStatus: "draft",
            totalAmount: 90,
            cancelledAt: 3,
          },
        },
      ];
  }
}

function commandNamed(type: string): OrderCommand {
  switch (type) {
    case "SubmitOrder":
      return { type, data: { stock: accepted, customer } };
    case "ConfirmOrder":
      return { type, data: { stock: accepted } };
    case "CancelOrder":
      return { type, data: { reason: "customer request" } };
    case "AddOrderItem":
      return { type, data: { item: item(1, "Cable", 5) } };
    default:
      throw new Error(`This step does not know the command "${type}"`);
  }
}

describeFeature(feature, ({ Rule }) => {
  Rule("A draft order collects items and keeps its total from the events", ({ RuleScenario }) => {
    RuleScenario("Items added and removed update the total", ({ Given, When, And, Then }) => {
      let history: OrderEvent[] = [];
      const apply = (command: OrderCommand) => {
        const result = spec.given(history).when(command);
        expect(outcomeOf(result.output)).toBe("success");
        history = [...history, ...("events" in result.output ? result.output.events : [])];
      };
      Given("a draft order {string}", (_ctx, orderId: string) => {
        history = [created(orderId)];
      });
      When(
        "{int} {string} at {int} are added",
        (_ctx, quantity: number, name: string, price: number) => {
          apply({ type: "AddOrderItem", data: { item: item(quantity, name, price) } });
        },
      );
      And(
        "{int} {string} at {int} is added",
        (_ctx, quantity: number, name: string, price: number) => {
          apply({ type: "AddOrderItem", data: { item: item(quantity, name, price) } });
        },
      );
      And("the {string} is removed", (_ctx, name: string) => {
        apply({ type: "RemoveOrderItem", data: { productId: `prod-${name.toLowerCase()}` } });
      });
      Then("the order total is {int}", (_ctx, total: number) => {
        expect(fold(orderDecider, history)?.totalAmount).toBe(total);
      });
      And("the order holds {int} item", (_ctx, count: number) => {
        expect(fold(orderDecider, history)?.items).toHaveLength(count);
      });
    });

    RuleScenario("A submitted order carries its items and total", ({ Given, When, Then, And }) => {
      let history: OrderEvent[] = [];
      let result: ReturnType<ReturnType<typeof spec.given>["when"]>;
      Given(
        "a draft order {string} with {int} {string} at {int}",
        (_ctx, orderId: string, quantity: number, name: string, price: number) => {
          history = draftWith(orderId, quantity, name, price);
        },
      );
      When("the order is submitted at time {int}", (_ctx, now: number) => {
        result = spec
          .given(history)
          .when({ type: "SubmitOrder", data: { stock: accepted, customer } }, { now });
      });
      Then("the events are {string}", (_ctx, types: string) => {
        result.thenEventTypes(types.split(", ") as OrderEvent["type"][]);
      });
      And("the order is {string} with a total of {int}", (_ctx, status: string, total: number) => {
        result.thenStateMatches({
          status: status as OrderStatus,
          totalAmount: total,
          updatedAt: 5000,
        });
      });
    });

    RuleScenario("A product is in an order once", ({ Given, When, Then }) => {
      let history: OrderEvent[] = [];
      let result: Decided;
      Given(
        "a draft order {string} with {int} {string} at {int}",
        (_ctx, orderId: string, quantity: number, name: string, price: number) => {
          history = draftWith(orderId, quantity, name, price);
        },
      );
      When(
        "{int} {string} at {int} is added again",
        (_ctx, quantity: number, name: string, price: number) => {
          result = spec
            .given(history)
            .when({ type: "AddOrderItem", data: { item: item(quantity, name, price) } });
        },
      );
      Then(
        "the order is rejected with {string} naming {string}",
        (_ctx, code: string, productId: string) => {
          result.thenRejected(code);
          expect(result.output).toMatchObject({ context: { productId } });
        },
      );
    });
  });

  Rule(
    "Stock decides with inventory's answer, and inventory's refusal is the order's",
    ({ RuleScenario }) => {
      const rejectedNaming = (result: Decided, code: string, productId: string) => {
        result.thenRejected(code);
        expect(result.output).toMatchObject({
          message: `inventory refused: ${code}`,
          context: { productIds: [productId] },
        });
      };

      RuleScenario(
        "Inventory's refusal of the stock rejects the submission with its code and context",
        ({ Given, When, Then, And }) => {
          let history: OrderEvent[] = [];
          let result: Decided;
          Given(
            "a draft order {string} with {int} {string} at {int}",
            (_ctx, orderId: string, quantity: number, name: string, price: number) => {
              history = draftWith(orderId, quantity, name, price);
            },
          );
          When(
            "the order is submitted while inventory refuses with {string} for {string}",
            (_ctx, code: string, productId: string) => {
              result = spec.given(history).when({
                type: "SubmitOrder",
                data: { stock: refusedWith(code, productId), customer },
              });
            },
          );
          Then(
            "the order is rejected with {string} naming {string}",
            (_ctx, code: string, productId: string) => rejectedNaming(result, code, productId),
          );
          And("the order is still {string}", (_ctx, status: string) => {
            expect(fold(orderDecider, history)?.status).toBe(status);
            expect(result.output.status).toBe("rejected");
          });
        },
      );

      RuleScenario(
        "A submission without inventory's answer is refused",
        ({ Given, When, Then }) => {
          let history: OrderEvent[] = [];
          let result: Decided;
          Given(
            "a draft order {string} with {int} {string} at {int}",
            (_ctx, orderId: string, quantity: number, name: string, price: number) => {
              history = draftWith(orderId, quantity, name, price);
            },
          );
          When("the order is submitted without asking inventory", () => {
            result = spec.given(history).when({ type: "SubmitOrder", data: { customer } });
          });
          Then("the order is rejected with {string}", (_ctx, code: string) => {
            result.thenRejected(code);
          });
        },
      );

      RuleScenario(
        "A confirmation takes inventory's refusal of the allocation",
        ({ Given, When, Then }) => {
          let history: OrderEvent[] = [];
          let result: Decided;
          Given("an order that was submitted", () => {
            history = historyFor("submitted");
          });
          When(
            "the order is confirmed while inventory refuses with {string} for {string}",
            (_ctx, code: string, productId: string) => {
              result = spec
                .given(history)
                .when({ type: "ConfirmOrder", data: { stock: refusedWith(code, productId) } });
            },
          );
          Then(
            "the order is rejected with {string} naming {string}",
            (_ctx, code: string, productId: string) => rejectedNaming(result, code, productId),
          );
        },
      );

      RuleScenario(
        "A cancellation says which status the order left and its total",
        ({ Given, When, Then }) => {
          let history: OrderEvent[] = [];
          let result: Decided;
          Given("an order that was submitted", () => {
            history = historyFor("submitted");
          });
          When("the order is cancelled for {string}", (_ctx, reason: string) => {
            result = spec
              .given(history)
              .when({ type: "CancelOrder", data: { reason } }, { now: 7 });
          });
          Then(
            "the cancellation left {string} with a total of {int}",
            (_ctx, status: string, total: number) => {
              result.thenEvents([
                {
                  type: "OrderCancelled",
                  data: {
                    orderId: "ord-1",
                    reason: "changed my mind",
                    previousStatus: status as "submitted",
                    totalAmount: total,
                    cancelledAt: 7,
                  },
                },
              ]);
            },
          );
        },
      );
    },
  );

  Rule(
    "Each command is accepted only in the right status",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "Commands decided against each status",
        ({ Given, When, Then }, variables) => {
          let history: OrderEvent[] = [];
          let outcome = "";
          Given('an order that is "<status>"', () => {
            history = historyFor(variables.status as OrderStatus);
            expect(fold(orderDecider, history)?.status).toBe(variables.status);
          });
          When('the command "<command>" is decided', () => {
            outcome = outcomeOf(spec.given(history).when(commandNamed(variables.command)).output);
          });
          Then('the outcome is "<outcome>"', () => {
            expect(outcome).toBe(variables.outcome);
          });
        },
      );

      RuleScenario("An empty order cannot be submitted", ({ Given, When, Then }) => {
        let history: OrderEvent[] = [];
        let result: ReturnType<ReturnType<typeof spec.given>["when"]>;
        Given("a draft order {string}", (_ctx, orderId: string) => {
          history = [created(orderId)];
        });
        When("the order is submitted at time {int}", (_ctx, now: number) => {
          result = spec
            .given(history)
            .when({ type: "SubmitOrder", data: { stock: accepted, customer } }, { now });
        });
        Then("the order is rejected with {string}", (_ctx, code: string) => {
          result.thenRejected(code);
        });
      });

      RuleScenario("A confirmed order never goes back to draft", ({ Then }) => {
        Then(
          "the order status machine refuses {string} to {string} with {string}",
          (_ctx, from: string, to: string, code: string) => {
            assertCannotTransition(orderStatus, from as OrderStatus, to as OrderStatus);
            expect(() =>
              orderStatus.assertTransition(from as OrderStatus, to as OrderStatus),
            ).toThrow(expect.objectContaining({ code }));
          },
        );
      });
    },
  );

  Rule(
    "An order belongs to a registered customer, and its submission carries the customer",
    ({ RuleScenario }) => {
      const rejectedNamingCustomer = (result: Decided, code: string, customerId: string) => {
        result.thenRejected(code);
        expect(result.output).toMatchObject({ context: { customerId } });
        expect("message" in result.output && result.output.message).toContain("register");
      };

      RuleScenario(
        "A customer the customers context does not know cannot create an order",
        ({ When, Then }) => {
          let result: Decided;
          When(
            "order {string} is created for {string} whom the customers context does not know",
            (_ctx, orderId: string, customerId: string) => {
              result = spec.given([]).when({ type: "CreateOrder", data: { orderId, customerId } });
            },
          );
          Then(
            "the order is rejected with {string} naming customer {string}",
            (_ctx, code: string, customerId: string) =>
              rejectedNamingCustomer(result, code, customerId),
          );
        },
      );

      RuleScenario("A submission without the customer is refused", ({ Given, When, Then }) => {
        let history: OrderEvent[] = [];
        let result: Decided;
        Given(
          "a draft order {string} with {int} {string} at {int}",
          (_ctx, orderId: string, quantity: number, name: string, price: number) => {
            history = draftWith(orderId, quantity, name, price);
          },
        );
        When("the order is submitted with inventory's answer but no customer", () => {
          result = spec.given(history).when({ type: "SubmitOrder", data: { stock: accepted } });
        });
        Then(
          "the order is rejected with {string} naming customer {string}",
          (_ctx, code: string, customerId: string) =>
            rejectedNamingCustomer(result, code, customerId),
        );
      });

      RuleScenario(
        "OrderSubmitted is a fat event carrying the customer as of the submission",
        ({ Given, When, Then, And }) => {
          let history: OrderEvent[] = [];
          let result: Decided;
          Given(
            "a draft order {string} with {int} {string} at {int}",
            (_ctx, orderId: string, quantity: number, name: string, price: number) => {
              history = draftWith(orderId, quantity, name, price);
            },
          );
          When("the order is submitted at time {int}", (_ctx, now: number) => {
            result = spec
              .given(history)
              .when({ type: "SubmitOrder", data: { stock: accepted, customer } }, { now });
          });
          Then(
            "OrderSubmitted carries customer {string} {string} at snapshot version {int} captured at {int}",
            (_ctx, name: string, email: string, version: number, capturedAt: number) => {
              const [event] = "events" in result.output ? result.output.events : [];
              expect(event?.type).toBe("OrderSubmitted");
              const payload = orderSubmitted.payload.parse(event?.data);
              expect(payload.customer).toEqual({
                schemaVersion: version,
                capturedAt,
                data: { customerId: "cust-1", name, email },
              });
              expect(payload.submittedAt).toBe(capturedAt);
            },
          );
          And(
            "its personal fields are {string}, shredded with the key of {string}",
            (_ctx, paths: string, subject: string) => {
              const fields = piiFieldsOf(orderSubmitted);
              expect(fields.map((field) => field.path).join(", ")).toBe(paths);
              expect(fields.every((field) => field.subject === subject)).toBe(true);
            },
          );
        },
      );
    },
  );
});
