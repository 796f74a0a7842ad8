import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import {
  CHUNK_SIZES,
  classifyProjection,
  PROJECTION_COMPLEXITIES,
  PROJECTION_ORDERINGS,
} from "../../src/index.js";
import type { ProjectionClassification, ProjectionOrdering } from "../../src/index.js";
import { captureError, featurePath, listFrom, problemLines, world } from "../support/helpers.js";

const feature = await loadFeature(featurePath("projection-complexity.feature"));

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  const state = world(() => ({
    classification: undefined as ProjectionClassification | undefined,
    refusal: undefined as unknown,
  }));
  BeforeEachScenario(() => state.reset());
  const classify = (
    eventTypes: number,
    tables: number,
    crossContext: boolean,
    externalLookups: boolean,
    ordering: string,
  ) => {
    state.value.classification = classifyProjection({
      eventTypes,
      tables,
      crossContext,
      externalLookups,
      ordering: ordering as ProjectionOrdering,
    });
  };
  const classification = () => {
    if (state.value.classification === undefined) throw new Error("not classified");
    return state.value.classification;
  };

  Rule(
    "Complexity follows the work per event, strategy the order needed",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenarioOutline(
        "Each profile gets its complexity, chunk size and strategy",
        ({ When, Then }, v) => {
          When(
            'a projection with <eventTypes> event types writing <tables> tables, cross-context <crossContext>, external lookups <externalLookups> and ordering "<ordering>" is classified',
            () =>
              classify(
                Number(v.eventTypes),
                Number(v.tables),
                v.crossContext === "true",
                v.externalLookups === "true",
                v.ordering!,
              ),
          );
          Then(
            'it is "<complexity>" with chunks of <chunkSize>, partitioned by "<strategy>" with a parallelism of <parallelism>',
            () => {
              expect(classification()).toMatchObject({
                complexity: v.complexity,
                chunkSize: Number(v.chunkSize),
                strategy: v.strategy,
                maxParallelism: Number(v.parallelism),
              });
              expect(classification().rationale).toHaveLength(3);
            },
          );
        },
      );

      RuleScenario("The classification explains itself", ({ When, Then }) => {
        When(
          "a projection with {int} event types writing {int} tables, cross-context false, external lookups false and ordering {string} is classified",
          (_ctx, eventTypes: number, tables: number, ordering: string) =>
            classify(eventTypes, tables, false, false, ordering),
        );
        Then("the rationale is:", (_ctx, rationale: string) => {
          expect(classification().rationale).toEqual(rationale.split("\n"));
          expect(Object.isFrozen(classification().rationale)).toBe(true);
        });
      });

      RuleScenario("The chunk table is the documented one", ({ Then, And }) => {
        Then("the chunk sizes are {string}", (_ctx, table: string) => {
          expect(PROJECTION_COMPLEXITIES.map((c) => `${c}: ${CHUNK_SIZES[c]}`)).toEqual(
            listFrom(table),
          );
        });
        And("the orderings are {string}", (_ctx, orderings: string) => {
          expect(PROJECTION_ORDERINGS).toEqual(listFrom(orderings));
        });
      });

      RuleScenario(
        "A profile that cannot be classified is refused with every problem",
        ({ When, Then }) => {
          When("the profile {string} is classified", (_ctx, profile: string) => {
            state.value.refusal = captureError(() => classifyProjection(JSON.parse(profile)));
          });
          Then("it is refused with the problems:", (_ctx, problems: string) => {
            expect(state.value.classification).toBeUndefined();
            expect(problemLines(state.value.refusal)).toEqual(problems.split("\n"));
          });
        },
      );
    },
  );
});
