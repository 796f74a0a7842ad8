// @vitest-environment edge-runtime
import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { afterAll, vi } from "vitest";
import { sagaTables } from "../../src/index.js";
import { featurePath } from "../support/helpers.js";
import { adminRule } from "./sagas/admin.rule.js";
import { compensationRule } from "./sagas/compensation.rule.js";
import { definitionsRule } from "./sagas/definitions.rule.js";
import { eventsRule } from "./sagas/events.rule.js";
import { idempotencyRule } from "./sagas/idempotency.rule.js";
import { onCompleteRule } from "./sagas/onComplete.rule.js";
import { runningRule } from "./sagas/running.rule.js";
import { sharedSteps } from "./sagas/sharedSteps.js";
import { resetWorld } from "./sagas/world.js";

const feature = await loadFeature(featurePath("sagas.feature"));

describeFeature(feature, ({ Background, Rule, defineSteps }) => {
  afterAll(() => {
    vi.useRealTimers();
  });
  Background(({ Given }) => {
    Given("the saga test app", () => {
      // The app's schema spreads sagaTables: one table, indexed for lookups by sagaId, status
      // and type (checked here so the table's shape is part of the spec).
      const indexes = sagaTables.sagas[" indexes"]().map((index) => index.indexDescriptor);
      if (
        indexes.join() !==
        "by_saga_type_and_saga_id,by_status_and_updated_at,by_saga_type_and_status_and_updated_at"
      ) {
        throw new Error(`unexpected sagas indexes: ${indexes.join()}`);
      }
      resetWorld();
    });
  });
  defineSteps(sharedSteps);
  Rule("A saga runs its steps in order, each as a workflow step", runningRule);
  Rule("A failed step makes the saga undo its completed steps in reverse order", compensationRule);
  Rule("A saga starts once per sagaId", idempotencyRule);
  Rule("A saga can wait for an external event", eventsRule);
  Rule(
    "The saga's status is recorded by the workflow's onComplete, never inside the workflow",
    onCompleteRule,
  );
  Rule("Operators list, inspect, retry and cancel sagas through internal functions", adminRule);
  Rule("Saga definitions are checked when they are written", definitionsRule);
});
