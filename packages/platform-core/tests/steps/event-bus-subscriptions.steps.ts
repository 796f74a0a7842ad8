import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { makeFunctionReference } from "convex/server";
import { expect } from "vitest";
import {
  DEFAULT_DELIVERY_RETRY,
  defineSubscription,
  EventBus,
  SUBSCRIPTION_PRIORITIES,
  vSubscriptionPriority,
} from "../../src/index.js";
import type {
  DeliveryPool,
  EventBusFunctions,
  EventBusPools,
  Subscription,
  SubscriptionInput,
  SubscriptionPriority,
} from "../../src/index.js";
import { captureError, coreError, featurePath, listFrom, world } from "../support/helpers.js";

const feature = await loadFeature(featurePath("event-bus-subscriptions.feature"));

// Definitions are checked without Convex: references and pools are never called here.
const handler = makeFunctionReference<"mutation">("subscribers:recordAudit") as never;
const functions: EventBusFunctions = {
  deliver: makeFunctionReference<"action">("eventBus:deliver") as never,
  deliverAttempt: makeFunctionReference<"mutation">("eventBus:deliverAttempt") as never,
  onDeliveryComplete: makeFunctionReference<"mutation">("eventBus:onDeliveryComplete") as never,
};
const pool: DeliveryPool = {
  enqueueAction: () => Promise.reject(new Error("definitions enqueue nothing")),
};

function auditTrail(overrides: Partial<Record<keyof SubscriptionInput, unknown>> = {}) {
  return {
    name: "audit.trail",
    eventTypes: ["CounterCreated"],
    targetContext: "audit",
    handler,
    ...overrides,
  } as SubscriptionInput;
}

function poolsFor(priorities: string): EventBusPools {
  return Object.fromEntries(listFrom(priorities).map((priority) => [priority, pool]));
}

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  const state = world(() => ({
    subscription: undefined as Subscription | undefined,
    bus: undefined as EventBus | undefined,
    error: undefined as unknown,
  }));
  BeforeEachScenario(() => state.reset());
  const busRefused = (_ctx: unknown, code: string, name: string, text: string) => {
    const error = coreError(state.value.error);
    expect(error.codes).toEqual([code]);
    expect(error.message).toContain(`"${name}"`);
    expect(error.message).toContain(text);
  };

  Rule(
    "A subscription is checked and completed when it is defined",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario("Priority and retries have defaults", ({ When, Then, And }) => {
        When(
          "the subscription {string} of {string} for {string} is defined without priority or retries",
          (_ctx, name: string, eventType: string, targetContext: string) => {
            state.value.subscription = defineSubscription({
              name,
              eventTypes: [eventType],
              targetContext,
              handler,
            });
          },
        );
        Then("its priority is {string}", (_ctx, priority: string) => {
          expect(state.value.subscription?.priority).toBe(priority);
        });
        And(
          "it makes {int} attempts, waiting {int} ms before the first retry and doubling",
          (_ctx, maxAttempts: number, initialBackoffMs: number) => {
            expect(state.value.subscription?.retry).toEqual({
              maxAttempts,
              initialBackoffMs,
              base: 2,
            });
            expect(state.value.subscription?.retry).toEqual(DEFAULT_DELIVERY_RETRY);
            expect(Object.isFrozen(state.value.subscription)).toBe(true);
          },
        );
      });

      RuleScenario("Priorities are high, normal and low, most urgent first", ({ Then }) => {
        Then("the priorities are {string}", (_ctx, priorities: string) => {
          expect([...SUBSCRIPTION_PRIORITIES]).toEqual(listFrom(priorities));
          expect(vSubscriptionPriority.members.map((member) => member.value)).toEqual(
            listFrom(priorities),
          );
        });
      });

      RuleScenarioOutline("A malformed subscription is refused", ({ When, Then }, variables) => {
        When("a subscription is defined with <field> <value>", () => {
          const field = variables.field as keyof SubscriptionInput;
          state.value.error = captureError(() =>
            defineSubscription(auditTrail({ [field]: JSON.parse(variables.value!) })),
          );
        });
        Then('it is refused with "INVALID_SUBSCRIPTION" saying "<problem>"', () => {
          const error = coreError(state.value.error);
          expect(error.codes).toEqual(["INVALID_SUBSCRIPTION"]);
          expect(error.problems).toHaveLength(1);
          expect(error.message).toContain(variables.problem);
        });
      });

      RuleScenario("Every problem of a subscription is reported at once", ({ When, Then }) => {
        When("a subscription without name, event types or target context is defined", () => {
          state.value.error = captureError(() =>
            defineSubscription(
              auditTrail({ name: undefined, eventTypes: undefined, targetContext: undefined }),
            ),
          );
        });
        Then(
          "it is refused listing {int} {string} problems",
          (_ctx, count: number, code: string) => {
            const error = coreError(state.value.error);
            expect(error.problems.map((p) => p.code)).toEqual(Array(count).fill(code));
            expect(error.message).toMatch(/^a subscription is invalid \(3 problems\)/);
          },
        );
      });
    },
  );

  Rule("The bus refuses subscriptions it cannot run", ({ RuleScenario }) => {
    RuleScenario("Two subscriptions with one name are refused", ({ When, Then }) => {
      When("a bus is defined with two subscriptions named {string}", (_ctx, name: string) => {
        state.value.error = captureError(
          () =>
            new EventBus({
              pools: poolsFor("normal"),
              subscriptions: [auditTrail({ name }), auditTrail({ name, eventTypes: ["Other"] })],
              functions,
            }),
        );
      });
      Then("the bus is refused with {string} naming {string} and saying {string}", busRefused);
    });

    RuleScenario("A priority without its pool is refused", ({ When, Then }) => {
      When(
        "a bus with pools {string} is defined with a {string} subscription {string}",
        (_ctx, pools: string, priority: string, name: string) => {
          state.value.error = captureError(
            () =>
              new EventBus({
                pools: poolsFor(pools),
                subscriptions: [auditTrail({ name, priority: priority as SubscriptionPriority })],
                functions,
              }),
          );
        },
      );
      Then("the bus is refused with {string} naming {string} and saying {string}", busRefused);
    });

    RuleScenario("A bus without its delivery functions is refused", ({ When, Then }) => {
      When("a bus is defined without its onDeliveryComplete function", () => {
        state.value.error = captureError(
          () =>
            new EventBus({
              pools: poolsFor("normal"),
              subscriptions: [auditTrail()],
              functions: { ...functions, onDeliveryComplete: undefined as never },
            }),
        );
      });
      Then("the bus is refused with {string} naming {string} and saying {string}", busRefused);
    });

    RuleScenario("A valid bus lists its subscriptions", ({ When, Then }) => {
      When(
        "a bus with pools {string} is defined with subscriptions {string}",
        (_ctx, pools: string, names: string) => {
          const [first, second] = listFrom(names);
          state.value.bus = new EventBus({
            pools: poolsFor(pools),
            subscriptions: [
              defineSubscription(auditTrail({ name: first })),
              auditTrail({ name: second, priority: "high" }),
            ],
            functions,
          });
        },
      );
      Then("the bus holds the subscriptions {string}", (_ctx, names: string) => {
        const subscriptions = state.value.bus!.subscriptions;
        expect([...subscriptions.keys()]).toEqual(listFrom(names));
        // Plain inputs are defined by the bus: defaults filled in.
        expect(subscriptions.get(listFrom(names)[1]!)).toMatchObject({
          priority: "high",
          retry: DEFAULT_DELIVERY_RETRY,
        });
      });
    });
  });
});
