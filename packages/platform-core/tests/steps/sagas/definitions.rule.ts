import { v } from "convex/values";
import { expect } from "vitest";
import {
  defineSaga,
  SAGA_STATUSES,
  sagaLifecycle,
  SagaRunner,
  vSagaOutcome,
  vSagaStatus,
} from "../../../src/index.js";
import { internal } from "../../sagaApp/convex/_generated/api.js";
import { orderFulfillmentWorkflow, workflow } from "../../sagaApp/convex/sagas.js";
import {
  captureError,
  coreError,
  declaredValidators,
  listFrom,
  validatorJson,
} from "../../support/helpers.js";
import type { RuleCallback } from "./world.js";

const runner = () => new SagaRunner(workflow, { onComplete: internal.sagaAdmin.onComplete });
const reserve = { run: async () => null };

// Each mistake, made the way an app would make it (casts where the types already refuse it).
const mistakes: Record<string, () => unknown> = {
  'the name "Order-Saga"': () => defineSaga({ name: "Order-Saga", args: {} }),
  'an args value "string"': () =>
    defineSaga({ name: "orderSaga", args: { orderId: "string" as never } }),
  'the step name "reserve"': () =>
    defineSaga({ name: "orderSaga", args: {} })
      .step("reserve", reserve)
      .step("reserve" as never, reserve),
  'the step name "Reserve!"': () =>
    defineSaga({ name: "orderSaga", args: {} }).step("Reserve!", reserve),
  "a step without run": () =>
    defineSaga({ name: "orderSaga", args: {} }).step("reserve", {} as never),
  "no steps": () => runner().define(defineSaga({ name: "orderSaga", args: {} })),
  "a runner without manager": () =>
    new SagaRunner({} as never, { onComplete: internal.sagaAdmin.onComplete }),
};

/** Rule: Saga definitions are checked when they are written */
export const definitionsRule: RuleCallback = ({ RuleScenario, RuleScenarioOutline }) => {
  RuleScenario(
    "A saga's workflow takes the saga's type, id and input and returns its outcome",
    ({ Then, And }) => {
      Then(
        "the order fulfilment workflow takes {string} with sagaType {string}",
        (_ctx, fields: string, sagaType: string) => {
          const fn = orderFulfillmentWorkflow as { isInternal?: boolean; isMutation?: boolean };
          expect([fn.isInternal, fn.isMutation]).toEqual([true, true]);
          // The workflow mutation nests the saga's arguments under `args`.
          const exported = declaredValidators(orderFulfillmentWorkflow).args as {
            value: { args: { fieldType: { value: Record<string, { fieldType: unknown }> } } };
          };
          const sagaArgs = exported.value.args.fieldType.value;
          expect(Object.keys(sagaArgs)).toEqual(listFrom(fields));
          expect(sagaArgs.sagaType?.fieldType).toEqual(validatorJson(v.literal(sagaType)));
        },
      );
      And("it returns a saga outcome: {string} or {string}", (_ctx, first, second) => {
        expect(vSagaOutcome.members.map((member) => member.fields.status.value)).toEqual([
          first,
          second,
        ]);
        const returns = JSON.stringify(declaredValidators(orderFulfillmentWorkflow).returns);
        expect(returns).toContain(JSON.stringify(validatorJson(vSagaOutcome)));
      });
    },
  );

  RuleScenarioOutline(
    "A definition the runner cannot use is refused",
    ({ When, Then }, variables) => {
      let error: unknown;
      When("a saga is defined with <mistake>", () => {
        const make = mistakes[variables.mistake];
        if (make === undefined) throw new Error(`no mistake "${variables.mistake}"`);
        error = captureError(make);
      });
      Then(`the definition is refused with "<code>" saying "<message>"`, () => {
        const refused = coreError(error);
        expect(refused.code).toBe(variables.code);
        expect(refused.message).toContain(variables.message);
      });
    },
  );

  RuleScenario("The lifecycle lets only a failed saga run again", ({ Then, And }) => {
    Then("the saga statuses are {string}", (_ctx, statuses: string) => {
      expect(SAGA_STATUSES).toEqual(listFrom(statuses));
      expect(vSagaStatus.members.map((member) => member.value)).toEqual(listFrom(statuses));
      expect(sagaLifecycle.states).toEqual(listFrom(statuses));
      expect(sagaLifecycle.initial).toBe("running");
    });
    const mayBecome = (_ctx: unknown, from: string, targets: string) => {
      expect(sagaLifecycle.validTransitions(from as never)).toEqual(listFrom(targets));
    };
    And("a {string} saga may become {string}", mayBecome);
    And("a {string} saga may only become {string}", mayBecome);
    And("{string} are final", (_ctx, statuses: string) => {
      for (const status of listFrom(statuses)) {
        expect(sagaLifecycle.isTerminal(status as never)).toBe(true);
      }
    });
  });
};
