import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect, expectTypeOf } from "vitest";
import {
  assertCommandConfigPartitionKeys,
  byEntity,
  byStream,
  byTenant,
  definePartitionConfig,
  global,
  GLOBAL_PARTITION_KEY,
  isPartitionKey,
  PARTITION_STRATEGIES,
  parsePartitionKey,
  RECOMMENDED_PARALLELISM,
  validateCommandConfigPartitionKeys,
} from "../../src/index.js";
import type {
  CommandConfig,
  PartitionConfig,
  PartitionConfigInput,
  PartitionKey,
  PartitionKeyValidation,
  ProjectionTrigger,
  ProjectionTriggerInput,
} from "../../src/index.js";
import { TEST_CORRELATION } from "../../src/testing/index.js";
import {
  captureError,
  featurePath,
  listFrom,
  onlyProblem,
  problemLines,
  world,
} from "../support/helpers.js";
import { cancelOrder, orderSummary, submitOrder } from "../support/orders.js";

const feature = await loadFeature(featurePath("partitioning.feature"));

const helpers: Record<string, (...args: never[]) => unknown> = {
  byStream,
  byEntity,
  byTenant,
  global,
  parse: parsePartitionKey,
};

function call(expression: string): unknown {
  const [, name, args] = /^(\w+)\((.*)\)$/.exec(expression) ?? [];
  const helper = helpers[name ?? ""];
  if (helper === undefined) throw new Error(`unknown helper in ${expression}`);
  return helper(...(JSON.parse(`[${args}]`) as never[]));
}

const projectionNamed = (name: string) => (name === "orderSummary" ? orderSummary : name);

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  const state = world(() => ({
    key: undefined as PartitionKey | undefined,
    config: undefined as PartitionConfig | undefined,
    commandConfig: undefined as CommandConfig | undefined,
    validation: undefined as PartitionKeyValidation | undefined,
    refusal: undefined as unknown,
  }));
  BeforeEachScenario(() => state.reset());
  const config = () => {
    if (state.value.config === undefined)
      throw new Error(`no config: ${String(state.value.refusal)}`);
    return state.value.config;
  };
  const make = (_ctx: unknown, expression: string) => {
    state.value.refusal = captureError(() => {
      state.value.key = call(expression) as PartitionKey;
    });
  };
  const refused = (_ctx: unknown, problem: string) => {
    expect(onlyProblem(state.value.refusal)).toBe(problem);
  };
  const refusedWithProblems = (_ctx: unknown, problems: string) => {
    expect(problemLines(state.value.refusal)).toEqual(problems.split("\n"));
  };
  const defineFrom = (_ctx: unknown, projection: string, input: string) => {
    state.value.refusal = captureError(() => {
      state.value.config = definePartitionConfig({
        projection: projectionNamed(projection),
        ...(JSON.parse(input) as Omit<PartitionConfigInput, "projection">),
      });
    });
  };
  const belongsTo = (_ctx: unknown, event: string, partition: string) => {
    expect(config().keyFor(JSON.parse(event)).value).toBe(partition);
  };
  const validated = () => {
    state.value.validation = validateCommandConfigPartitionKeys(state.value.commandConfig!);
  };
  const valid = () => {
    expect(state.value.validation).toEqual({ valid: true, problems: [] });
    expect(() => assertCommandConfigPartitionKeys(state.value.commandConfig!)).not.toThrow();
  };
  const invalidWith = (problems: string[]) => {
    expect(state.value.validation?.valid).toBe(false);
    expect(state.value.validation?.problems.map((p) => `${p.code}: ${p.message}`)).toEqual(
      problems,
    );
  };

  Rule(
    "Partition keys have one clear format per strategy",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "Each helper returns a key whose value parses back",
        ({ When, Then, And }, variables) => {
          When("the partition key <call> is made", () => make(undefined, variables.call!));
          Then('it is named "<name>" with the value "<value>"', () => {
            expect(state.value.key).toEqual({ name: variables.name, value: variables.value });
            expect(isPartitionKey(state.value.key)).toBe(true);
          });
          And("its value parses back to '<parsed>'", () => {
            expect(parsePartitionKey(state.value.key!)).toEqual(JSON.parse(variables.parsed!));
            expect(parsePartitionKey(variables.value!)).toEqual(JSON.parse(variables.parsed!));
          });
        },
      );

      RuleScenarioOutline("Malformed keys are refused", ({ When, Then }, variables) => {
        When("the partition key <call> is made", () => make(undefined, variables.call!));
        Then("it is refused with the single problem '<problem>'", () =>
          refused(undefined, variables.problem!),
        );
      });

      RuleScenario("Keys are recognised by their shape", ({ Then, And }) => {
        Then("{string} is a partition key", (_ctx, key: string) => {
          expect(isPartitionKey(JSON.parse(key))).toBe(true);
          expect(global()).toBe(GLOBAL_PARTITION_KEY);
        });
        And("{string} is not a partition key", (_ctx, key: string) => {
          expect(isPartitionKey(JSON.parse(key))).toBe(false);
          expect(isPartitionKey({ name: "entity", value: "entity:Order:1" })).toBe(false);
          expect(isPartitionKey("global")).toBe(false);
        });
        And("the strategies are {string}", (_ctx, strategies: string) => {
          expect(PARTITION_STRATEGIES).toEqual(listFrom(strategies));
        });
      });
    },
  );

  Rule(
    "Each projection declares how it is partitioned",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario(
        "An entity projection takes its key field from its definition",
        ({ When, Then, And }) => {
          When(
            "the partition config of {string} is defined with the strategy {string}",
            (ctx, projection: string, strategy: string) =>
              defineFrom(ctx, projection, JSON.stringify({ strategy })),
          );
          Then(
            "it has the key field {string}, the entity type {string} and a parallelism of {int}",
            (_ctx, keyField: string, entityType: string, parallelism: number) => {
              expect(config()).toMatchObject({
                projection: "orderSummary",
                strategy: "entity",
                keyField,
                entityType,
                maxParallelism: parallelism,
              });
              expect(Object.isFrozen(config())).toBe(true);
            },
          );
          And("the event {string} belongs to {string}", belongsTo);
        },
      );

      RuleScenarioOutline(
        "Each strategy computes the key from the event",
        ({ When, Then, And }, variables) => {
          When("the partition config of \"<projection>\" is defined from '<config>'", () =>
            defineFrom(undefined, variables.projection!, variables.config!),
          );
          Then("the event '<event>' belongs to \"<partition>\"", () =>
            belongsTo(undefined, variables.event!, variables.partition!),
          );
          And("the config's parallelism is <parallelism>", () => {
            expect(config().maxParallelism).toBe(Number(variables.parallelism));
          });
        },
      );

      RuleScenario(
        "An event without the partition's id is refused, not put in some partition",
        ({ When, Then }) => {
          When(
            "the partition config of {string} is defined with the strategy {string}",
            (ctx, projection: string, strategy: string) =>
              defineFrom(ctx, projection, JSON.stringify({ strategy })),
          );
          Then(
            "the event {string} is refused with {string}",
            (_ctx, event: string, problem: string) => {
              expect(onlyProblem(captureError(() => config().keyFor(JSON.parse(event))))).toBe(
                problem,
              );
            },
          );
        },
      );

      RuleScenario("A config that cannot work is refused with every problem", ({ When, Then }) => {
        When("the partition config of {string} is defined from {string}", defineFrom);
        Then("it is refused with the problems:", refusedWithProblems);
      });

      RuleScenario("An entity strategy needs a key field", ({ When, Then }) => {
        When("the partition config of {string} is defined from {string}", defineFrom);
        Then("it is refused with the single problem {string}", refused);
      });

      RuleScenario("The recommended parallelism per strategy", ({ Then }) => {
        Then("the recommended parallelism is {string}", (_ctx, table: string) => {
          expect(Object.entries(RECOMMENDED_PARALLELISM).map(([k, v]) => `${k}: ${v}`)).toEqual(
            listFrom(table),
          );
        });
      });
    },
  );

  Rule(
    "Command configs declare a partition key for every projection they trigger",
    ({ RuleScenario }) => {
      RuleScenario(
        "A config whose triggers all have partition keys passes",
        ({ Given, When, Then, And }) => {
          Given(
            'the SubmitOrder config triggering "orderSummary" by entity and "salesTotals" globally',
            () => {
              const byOrder: ProjectionTrigger<{
                orderId: string;
                items: unknown[];
                note: string;
              }> = {
                projection: orderSummary,
                partitionKey: ({ payload }) => byEntity("order", payload.orderId),
              };
              const submitConfig: CommandConfig<typeof submitOrder> = {
                definition: submitOrder,
                projections: [byOrder, { projection: "salesTotals", partitionKey: () => global() }],
              };
              expectTypeOf<
                Parameters<typeof byOrder.partitionKey>[0]["payload"]["orderId"]
              >().toEqualTypeOf<string>();
              state.value.commandConfig = submitConfig;
            },
          );
          When("its partition keys are validated", validated);
          Then("it is valid", valid);
          And(
            "the triggers compute {string} for the order {string} on stream {string}",
            (_ctx, partitions: string, orderId: string, streamId: string) => {
              const input = {
                commandType: "SubmitOrder",
                payload: { orderId, items: [], note: "" },
                streamId,
                correlation: TEST_CORRELATION,
              };
              const keys = state.value.commandConfig!.projections!.map(
                (t) => t.partitionKey(input).value,
              );
              expect(keys).toEqual(listFrom(partitions));
            },
          );
        },
      );

      RuleScenario(
        "A trigger without a partition key is refused, naming the command and the projection",
        ({ Given, When, Then, And }) => {
          Given('the SubmitOrder config triggering "orderSummary" without a partition key', () => {
            state.value.commandConfig = {
              definition: submitOrder,
              projections: [{ projection: "orderSummary" } as unknown as ProjectionTrigger],
            };
          });
          When("its partition keys are validated", validated);
          Then("it is invalid with the single problem {string}", (_ctx, problem: string) =>
            invalidWith([problem]),
          );
          And("asserting it throws that problem", () => {
            const error = captureError(() =>
              assertCommandConfigPartitionKeys(state.value.commandConfig!),
            );
            expect(problemLines(error)).toEqual(
              state.value.validation!.problems.map((p) => `${p.code}: ${p.message}`),
            );
          });
        },
      );

      RuleScenario("Every problem of a config is found at once", ({ Given, When, Then }) => {
        Given(
          'the SubmitOrder config triggering "orderSummary" twice and an entry that is not a trigger',
          () => {
            state.value.commandConfig = {
              definition: submitOrder,
              projections: [
                {
                  projection: "orderSummary",
                  partitionKey: ({ streamId }: ProjectionTriggerInput) => byStream(streamId),
                },
                { projection: orderSummary, partitionKey: "orderId" },
                "salesTotals",
              ] as unknown as ProjectionTrigger[],
            };
          },
        );
        When("its partition keys are validated", validated);
        Then("it is invalid with the problems:", (_ctx, problems: string) =>
          invalidWith(problems.split("\n")),
        );
      });

      RuleScenario("A config without projections has nothing to check", ({ Given, When, Then }) => {
        Given("the CancelOrder config without projections", () => {
          state.value.commandConfig = { definition: cancelOrder };
        });
        When("its partition keys are validated", validated);
        Then("it is valid", valid);
      });
    },
  );
});
