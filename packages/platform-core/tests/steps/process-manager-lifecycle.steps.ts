import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { isInvalidTransitionError } from "@convex-es/platform-fsm";
import { assertTransitionTable } from "@convex-es/platform-fsm/testing";
import { expect } from "vitest";
import {
  defineProcessManager,
  PROCESS_MANAGER_STATUSES,
  processManagerCommandId,
  processManagerLifecycle,
  vProcessManagerStatus,
} from "../../src/index.js";
import type {
  ProcessManagerDefinition,
  ProcessManagerReaction,
  ProcessManagerStatus,
  PublishedEvent,
} from "../../src/index.js";
import { orderTally } from "../eventBusApp/domain/orderTally.js";
import type { TallyState } from "../eventBusApp/domain/orderTally.js";
import { captureError, coreError, featurePath, world } from "../support/helpers.js";

const feature = await loadFeature(featurePath("process-manager-lifecycle.feature"));

function orderEvent(eventType: string, payload: Record<string, unknown>): PublishedEvent {
  return {
    eventId: `evt-${eventType}`,
    eventType,
    boundedContext: "orders",
    streamType: "Order",
    streamId: String(payload.orderId),
    payload,
    metadata: { correlationId: "corr-1", timestamp: 0 },
  };
}

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  const state = world(() => ({
    tally: orderTally.initialState as TallyState,
    reaction: undefined as ProcessManagerReaction<TallyState> | undefined,
    error: undefined as unknown,
  }));
  BeforeEachScenario(() => state.reset());
  const react = (event: PublishedEvent) => {
    state.value.reaction = orderTally.react(state.value.tally, event, {
      instanceId: orderTally.instanceIdOf(event),
    });
  };
  const reaction = () => {
    if (state.value.reaction === undefined) throw new Error("no reaction");
    return state.value.reaction;
  };

  Rule("The lifecycle is a checked state machine", ({ RuleScenario }) => {
    RuleScenario("The lifecycle's transitions", ({ Then, And }) => {
      Then(
        "the lifecycle starts {string} and its transitions are:",
        (_ctx, initial: string, rows: { from: string; to: string; allowed: string }[]) => {
          expect(processManagerLifecycle.initial).toBe(initial);
          expect([...PROCESS_MANAGER_STATUSES]).toEqual([
            "idle",
            "processing",
            "completed",
            "failed",
          ]);
          // The stored status is validated by the same list.
          expect(vProcessManagerStatus.members.map((member) => member.value)).toEqual([
            ...PROCESS_MANAGER_STATUSES,
          ]);
          assertTransitionTable(
            processManagerLifecycle,
            rows.map((row) => ({
              from: row.from as ProcessManagerStatus,
              to: row.to as ProcessManagerStatus,
              allowed: row.allowed === "yes",
            })),
          );
        },
      );
      And("{string} is terminal", (_ctx, status: string) => {
        expect(processManagerLifecycle.isTerminal(status as ProcessManagerStatus)).toBe(true);
      });
    });

    RuleScenario(
      "A completed instance refuses to process another event with the FSM's error",
      ({ When, Then }) => {
        When("a {string} instance is moved to {string}", (_ctx, from: string, to: string) => {
          state.value.error = captureError(() =>
            processManagerLifecycle.transition(
              from as ProcessManagerStatus,
              to as ProcessManagerStatus,
            ),
          );
        });
        Then(
          "it is refused with {string} and the message {string}",
          (_ctx, code: string, message: string) => {
            const error = state.value.error;
            expect(isInvalidTransitionError(error)).toBe(true);
            expect(error).toMatchObject({ code, message, from: "completed", to: "processing" });
          },
        );
      },
    );
  });

  Rule("A reaction is a pure function of the state and the event", ({ RuleScenario }) => {
    RuleScenario(
      "An order placed asks for the counter's increment",
      ({ Given, When, Then, And }) => {
        Given("a tally with {int} placed", (_ctx, placed: number) => {
          state.value.tally = { counterId: null, placed };
        });
        When(
          "it reacts to {string} of order {string} for counter {string} with quantity {int}",
          (_ctx, eventType: string, orderId: string, counterId: string, quantity: number) =>
            react(orderEvent(eventType, { orderId, counterId, quantity })),
        );
        Then(
          "it sends {string} with counterId {string} by {int}",
          (_ctx, commandType: string, counterId: string, by: number) => {
            expect(reaction().commands).toEqual([{ commandType, payload: { counterId, by } }]);
          },
        );
        And(
          "its state is counter {string} with {int} placed, not complete",
          (_ctx, counterId: string, placed: number) => {
            expect(reaction().state).toEqual({ counterId, placed });
            expect(reaction().complete).toBeUndefined();
          },
        );
      },
    );

    RuleScenario(
      "Closing the order completes the process without a command",
      ({ Given, When, Then, And }) => {
        Given("a tally with {int} placed", (_ctx, placed: number) => {
          state.value.tally = { counterId: "k-1", placed };
        });
        When(
          "it reacts to {string} of order {string}",
          (_ctx, eventType: string, orderId: string) => react(orderEvent(eventType, { orderId })),
        );
        Then("it sends no command", () => {
          expect(reaction().commands ?? []).toEqual([]);
        });
        And("the process is complete", () => {
          expect(reaction()).toEqual({ state: { counterId: "k-1", placed: 2 }, complete: true });
        });
      },
    );

    RuleScenario("An event belongs to the instance of its order", ({ Then }) => {
      Then(
        "the instance of an {string} of order {string} is {string}",
        (_ctx, eventType: string, orderId: string, instanceId: string) => {
          expect(orderTally.instanceIdOf(orderEvent(eventType, { orderId }))).toBe(instanceId);
        },
      );
    });
  });

  Rule("Command ids derive from the instance, the event and their position", ({ RuleScenario }) => {
    RuleScenario("The same event gives the same ids, another event other ids", ({ Then, And }) => {
      Then(
        "the command id of {string}, {string}, {string}, {int} is {string}",
        (_ctx, pm: string, instanceId: string, eventId: string, index: number, id: string) => {
          expect(processManagerCommandId(pm, instanceId, eventId, index)).toBe(id);
          expect(processManagerCommandId(pm, instanceId, eventId, index)).toBe(id);
        },
      );
      And("it differs for another event, instance or position", () => {
        const ids = [
          processManagerCommandId("orderTally", "o-1", "evt-1", 0),
          processManagerCommandId("orderTally", "o-1", "evt-2", 0),
          processManagerCommandId("orderTally", "o-2", "evt-1", 0),
          processManagerCommandId("orderTally", "o-1", "evt-1", 1),
        ];
        expect(new Set(ids).size).toBe(ids.length);
      });
    });
  });

  Rule("A definition is checked when it is made", ({ RuleScenario }) => {
    RuleScenario(
      "A definition with every part wrong is refused listing each problem",
      ({ When, Then }) => {
        When(
          "a process manager is defined without name, bounded context, event types, initial state, instanceIdOf or react",
          () => {
            state.value.error = captureError(() =>
              defineProcessManager({} as ProcessManagerDefinition<unknown>),
            );
          },
        );
        Then(
          "it is refused listing {int} {string} problems",
          (_ctx, count: number, code: string) => {
            const error = coreError(state.value.error);
            expect(error.problems.map((p) => p.code)).toEqual(Array(count).fill(code));
            expect(error.message).toMatch(/^a process manager is invalid \(6 problems\)/);
          },
        );
      },
    );
  });
});
