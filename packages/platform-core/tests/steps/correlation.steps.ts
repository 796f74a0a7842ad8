import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, vi } from "vitest";
import {
  commandRecordCorrelation,
  createCorrelationChain,
  deriveCausation,
  eventMetadataFor,
  isRootCommand,
  uuidIdGenerator,
} from "../../src/index.js";
import type {
  CausationParent,
  CorrelationChain,
  EventMetadata,
  IdGenerator,
} from "../../src/index.js";
import { sequentialIdGenerator } from "../../src/testing/index.js";
import { captureError, featurePath, onlyProblem, world } from "../support/helpers.js";

const feature = await loadFeature(featurePath("correlation.feature"));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  const state = world(() => ({
    generateId: undefined as IdGenerator | undefined,
    chain: undefined as CorrelationChain | undefined,
    parent: undefined as CausationParent | undefined,
    metadata: undefined as EventMetadata | undefined,
    refusal: undefined as unknown,
  }));
  BeforeEachScenario(() => state.reset());
  const chain = () => {
    if (state.value.chain === undefined) throw new Error("no chain");
    return state.value.chain;
  };
  const chainIs = (_ctx: unknown, expected: string) => {
    expect(state.value.refusal).toBeUndefined();
    expect(chain()).toEqual(JSON.parse(expected));
    expect(Object.isFrozen(chain())).toBe(true);
  };
  const givenChain = (_ctx: unknown, json: string) => {
    state.value.chain = JSON.parse(json) as CorrelationChain;
  };
  const refused = (_ctx: unknown, problem: string) => {
    expect(onlyProblem(state.value.refusal)).toBe(problem);
  };
  const createWithoutGenerator = (_ctx: unknown, input: string) => {
    state.value.refusal = captureError(() => {
      state.value.chain = createCorrelationChain(JSON.parse(input));
    });
  };

  Rule(
    "A command entering the system starts or joins a chain",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario(
        "A root command without ids gets new ones and is its own cause",
        ({ Given, When, Then, And }) => {
          Given("a sequential id generator", () => {
            state.value.generateId = sequentialIdGenerator();
          });
          When(
            "a chain is created for a command of user {string} without ids",
            (_ctx, userId: string) => {
              state.value.chain = createCorrelationChain(
                { userId },
                { generateId: state.value.generateId },
              );
            },
          );
          Then("the chain is {string}", chainIs);
          And("it is a root command", () => {
            expect(isRootCommand(chain())).toBe(true);
          });
        },
      );

      RuleScenario("A command that brings its ids keeps them", ({ When, Then, And }) => {
        When("a chain is created from {string}", (_ctx, input: string) => {
          const never: IdGenerator = () => {
            throw new Error("no id should be generated");
          };
          state.value.chain = createCorrelationChain(JSON.parse(input), { generateId: never });
        });
        Then("the chain is {string}", chainIs);
        And("it is not a root command", () => {
          expect(isRootCommand(chain())).toBe(false);
        });
      });

      RuleScenario(
        "A missing id without a generator is refused, never invented",
        ({ When, Then }) => {
          When("a chain is created from {string} without a generator", createWithoutGenerator);
          Then("it is refused with the single problem {string}", refused);
        },
      );

      RuleScenarioOutline("Malformed ids are refused", ({ When, Then }, variables) => {
        When("a chain is created from '<input>' without a generator", () =>
          createWithoutGenerator(undefined, variables.input!),
        );
        Then("it is refused with the single problem '<problem>'", () =>
          refused(undefined, variables.problem!),
        );
      });

      RuleScenario("The UUID generator makes distinct ids", ({ When, Then, And }) => {
        const chains: CorrelationChain[] = [];
        When("two chains are created with the UUID generator", () => {
          chains.length = 0;
          chains.push(createCorrelationChain({}, { generateId: uuidIdGenerator }));
          chains.push(createCorrelationChain({}, { generateId: uuidIdGenerator }));
        });
        Then("their command and correlation ids are four distinct UUIDs", () => {
          const ids = chains.flatMap((c) => [c.commandId, c.correlationId]);
          expect(ids.every((id) => UUID.test(id))).toBe(true);
          expect(new Set(ids).size).toBe(4);
        });
        And(
          "in a runtime without crypto.randomUUID it is refused with {string}",
          (_ctx, problem: string) => {
            vi.stubGlobal("crypto", {});
            try {
              expect(onlyProblem(captureError(() => uuidIdGenerator("command")))).toBe(problem);
            } finally {
              vi.unstubAllGlobals();
            }
            expect(UUID.test(uuidIdGenerator("command"))).toBe(true);
          },
        );
      });
    },
  );

  Rule("Follow-up commands keep the correlation and name their cause", ({ RuleScenario }) => {
    RuleScenario(
      "A command caused by a stored event is caused by that event",
      ({ Given, When, Then }) => {
        Given(
          "a stored event {string} with correlation {string} by user {string}",
          (_ctx, eventId: string, correlationId: string, userId: string) => {
            state.value.parent = { eventId, metadata: { correlationId, userId } };
          },
        );
        When("a follow-up command {string} is derived from it", (_ctx, commandId: string) => {
          state.value.chain = deriveCausation(state.value.parent!, { commandId });
        });
        Then("the chain is {string}", chainIs);
      },
    );

    RuleScenario(
      "A command caused by a command is caused by that command, possibly for another user",
      ({ Given, When, Then }) => {
        Given("the chain {string}", givenChain);
        When(
          "a follow-up command is derived from it for the user {string} with a sequential generator",
          (_ctx, userId: string) => {
            state.value.chain = deriveCausation(chain(), {
              userId,
              generateId: sequentialIdGenerator(),
            });
          },
        );
        Then("the chain is {string}", chainIs);
      },
    );

    RuleScenario("A parent without a correlation is refused", ({ When, Then }) => {
      When(
        "a follow-up command {string} is derived from an event {string} without a correlationId",
        (_ctx, commandId: string, eventId: string) => {
          const parent = { eventId, metadata: {} } as unknown as CausationParent;
          state.value.refusal = captureError(() => deriveCausation(parent, { commandId }));
        },
      );
      Then("it is refused with the single problem {string}", refused);
    });
  });

  Rule("Events and command records carry the chain", ({ RuleScenario }) => {
    RuleScenario(
      "Events are caused by the command that produced them",
      ({ Given, When, Then, And }) => {
        Given("the chain {string}", givenChain);
        When("event metadata is built at time {int}", (_ctx, timestamp: number) => {
          state.value.metadata = eventMetadataFor(chain(), { timestamp });
        });
        Then("the metadata is {string}", (_ctx, expected: string) => {
          expect(state.value.metadata).toEqual(JSON.parse(expected));
        });
        And("without a time the metadata has no timestamp, so the store stamps its own", () => {
          const metadata = eventMetadataFor(chain());
          expect(metadata).not.toHaveProperty("timestamp");
          expect(metadata.causationId).toBe("cmd-2");
        });
      },
    );

    RuleScenario(
      "The command bus records the cause only when another message caused the command",
      ({ Given, Then, And }) => {
        Given("the chain {string}", givenChain);
        Then("the command record correlation is {string}", (_ctx, expected: string) => {
          expect(commandRecordCorrelation(chain())).toEqual(JSON.parse(expected));
        });
        And(
          "for a command caused by {string} it is {string}",
          (_ctx, causationId: string, expected: string) => {
            expect(commandRecordCorrelation({ ...chain(), causationId })).toEqual(
              JSON.parse(expected),
            );
          },
        );
      },
    );

    RuleScenario(
      "A timestamp that is not milliseconds since the epoch is refused",
      ({ Given, When, Then }) => {
        Given("the chain {string}", givenChain);
        When("event metadata is built at time {int}", (_ctx, timestamp: number) => {
          state.value.refusal = captureError(() => eventMetadataFor(chain(), { timestamp }));
        });
        Then("it is refused with the single problem {string}", refused);
      },
    );
  });
});
