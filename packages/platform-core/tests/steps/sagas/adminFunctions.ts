import { ConvexError, v } from "convex/values";
import { expect } from "vitest";
import {
  vCancelSagaArgs,
  vInspectSagaArgs,
  vListSagasArgs,
  vRetrySagaResult,
  vSagaCompletion,
  vSagaInspection,
  vSagaKey,
  vSagaPage,
  vSagaRecord,
} from "../../../src/index.js";
import { api } from "../../sagaApp/convex/_generated/api.js";
import * as sagaAdmin from "../../sagaApp/convex/sagaAdmin.js";
import { declaredValidators, listFrom, validatorJson } from "../../support/helpers.js";
import type { RuleCallback } from "./world.js";
import { app, capture, expectSagaError, world } from "./world.js";

type RuleScenario = Parameters<RuleCallback>[0]["RuleScenario"];
type ScenarioCallback = Parameters<RuleScenario>[1];

// What each function of createSagaFunctions declares: arguments and return value.
const declared = {
  onComplete: [vSagaCompletion, v.null()],
  list: [vListSagasArgs, vSagaPage],
  inspect: [vInspectSagaArgs, v.union(v.null(), vSagaInspection)],
  retry: [vSagaKey, vRetrySagaResult],
  cancel: [vCancelSagaArgs, vSagaRecord],
} as const;

const kinds = {
  onComplete: "mutation",
  list: "query",
  inspect: "query",
  retry: "mutation",
  cancel: "mutation",
} as const;

/** Scenario: The onComplete and the admin functions are internal, with validators */
export function adminFunctionsRule(RuleScenario: RuleScenario): void {
  RuleScenario(
    "The onComplete and the admin functions are internal, with validators",
    ({ Then, And }) => {
      const names: (keyof typeof declared)[] = [];
      Then("the saga functions {string} are internal", (_ctx, functions: string) => {
        names.push(...(listFrom(functions) as (keyof typeof declared)[]));
        expect(Object.keys(sagaAdmin).sort()).toEqual([...names].sort());
        for (const name of names) {
          const fn = sagaAdmin[name] as { isQuery?: boolean; isMutation?: boolean };
          const kind = fn.isQuery === true ? "query" : fn.isMutation === true ? "mutation" : "?";
          const internal = (fn as { isInternal?: boolean }).isInternal;
          expect([name, kind, internal]).toEqual([name, kinds[name], true]);
        }
      });
      And("each declares the platform's argument and return validators", () => {
        for (const name of names) {
          const [args, returns] = declared[name];
          expect(declaredValidators(sagaAdmin[name]), name).toEqual({
            args: validatorJson(args),
            returns: validatorJson(returns),
          });
        }
      });
    },
  );
}

function refusalCode(error: unknown): string | undefined {
  if (!(error instanceof ConvexError)) return undefined;
  return (error.data as { code?: string }).code;
}

const page = { paginationOpts: { numItems: 10, cursor: null } };
const operator = (name: string) => app().withIdentity({ subject: name, role: "operator" });

/** Scenario: An app offers the operations to operators behind its own authorization check */
export const authorizationSteps: ScenarioCallback = ({ Then, And }) => {
  Then("an anonymous caller listing sagas is refused with {string}", async (_ctx, code: string) => {
    await capture(() => app().query(api.operators.list, page));
    expect(refusalCode(world.error)).toBe(code);
  });
  And(
    "{string} without the operator role listing sagas is refused with {string}",
    async (_ctx, name: string, code: string) => {
      const customer = app().withIdentity({ subject: name, role: "customer" });
      await capture(() => customer.query(api.operators.list, page));
      expect(refusalCode(world.error)).toBe(code);
    },
  );
  And(
    "the operator {string} lists the compensated sagas {string}",
    async (_ctx, name: string, sagas: string) => {
      const listed = await operator(name).query(api.operators.list, {
        status: "compensated",
        ...page,
      });
      expect(listed.page.map((saga) => saga.sagaId)).toEqual(listFrom(sagas));
    },
  );
  And(
    "the operator {string} inspects the {string} saga {string} and sees it {string}",
    async (_ctx, name: string, sagaType: string, sagaId: string, status: string) => {
      const inspection = await operator(name).query(api.operators.inspect, { sagaType, sagaId });
      expect(inspection).toMatchObject({
        saga: { sagaId, status },
        workflow: { state: "completed" },
      });
    },
  );
  And(
    "the operator {string} retrying the {string} saga {string} is refused with {string}",
    async (_ctx, name: string, sagaType: string, sagaId: string, code: string) => {
      await capture(() => operator(name).mutation(api.operators.retry, { sagaType, sagaId }));
      expectSagaError(code);
    },
  );
  And(
    "the operator {string} canceling the {string} saga {string} is refused with {string}",
    async (_ctx, name: string, sagaType: string, sagaId: string, code: string) => {
      await capture(() =>
        operator(name).mutation(api.operators.cancel, { sagaType, sagaId, reason: "mistake" }),
      );
      expectSagaError(code);
    },
  );
};
