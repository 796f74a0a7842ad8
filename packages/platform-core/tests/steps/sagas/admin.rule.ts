import { expect } from "vitest";
import type { SagaPage, SagaStatus } from "../../../src/index.js";
import { internal } from "../../sagaApp/convex/_generated/api.js";
import { listFrom } from "../../support/helpers.js";
import { adminFunctionsRule, authorizationSteps } from "./adminFunctions.js";
import type { RuleCallback } from "./world.js";
import { app, capture, expectSagaError, sagaOf, world } from "./world.js";

const list = (args: { status?: SagaStatus; sagaType?: string; numItems?: number }) =>
  app().query(internal.sagaAdmin.list, {
    ...(args.status !== undefined && { status: args.status }),
    ...(args.sagaType !== undefined && { sagaType: args.sagaType }),
    paginationOpts: { numItems: args.numItems ?? 100, cursor: null },
  });
const ids = (page: SagaPage) => page.page.map((saga) => saga.sagaId);

/** Rule: Operators list, inspect, retry and cancel sagas through internal functions */
export const adminRule: RuleCallback = ({ RuleScenario }) => {
  RuleScenario(
    "Sagas are listed by status and by type, most recently changed first",
    ({ Then, And }) => {
      Then("the sagas with status {string} are {string}", async (_ctx, status, sagas: string) => {
        expect(ids(await list({ status: status as SagaStatus }))).toEqual(listFrom(sagas));
      });
      And("the sagas of type {string} are {string}", async (_ctx, sagaType, sagas: string) => {
        expect(ids(await list({ sagaType }))).toEqual(listFrom(sagas));
      });
      And(
        "the {string} sagas with status {string} are {string}",
        async (_ctx, sagaType: string, status: string, sagas: string) => {
          const page = await list({ sagaType, status: status as SagaStatus });
          expect(ids(page)).toEqual(listFrom(sagas));
        },
      );
      And("all sagas, newest first, are {string}", async (_ctx, sagas: string) => {
        expect(ids(await list({}))).toEqual(listFrom(sagas));
      });
      And(
        "all sagas read 2 at a time are {string} then {string}",
        async (_ctx, firstPage: string, secondPage: string) => {
          const first = await list({ numItems: 2 });
          const second = await app().query(internal.sagaAdmin.list, {
            paginationOpts: { numItems: 2, cursor: first.continueCursor },
          });
          expect([ids(first), first.isDone]).toEqual([listFrom(firstPage), false]);
          expect([ids(second), second.isDone]).toEqual([listFrom(secondPage), true]);
        },
      );
    },
  );

  RuleScenario("A page of more than 100 sagas is refused", ({ When, Then }) => {
    When("the sagas are listed {int} at a time", (_ctx, numItems: number) =>
      capture(() => list({ numItems })),
    );
    Then("the listing is refused with {string}", (_ctx, code: string) => expectSagaError(code));
  });

  RuleScenario(
    "Inspecting a saga shows its record, what its workflow waits on and its journal",
    ({ Then, And }) => {
      let steps: string[] = [];
      Then(
        "inspecting the {string} saga {string} shows it {string}, its workflow {string} and waiting on {string}",
        async (_ctx, sagaType: string, sagaId: string, status, state, waitingOn: string) => {
          const inspection = await app().query(internal.sagaAdmin.inspect, { sagaType, sagaId });
          expect(inspection?.saga).toEqual(await sagaOf(sagaType, sagaId));
          expect(inspection).toMatchObject({
            saga: { status },
            workflow: { state, waitingOn: listFrom(waitingOn) },
            moreSteps: false,
          });
          steps = inspection!.steps.map((step) => `${step.name}:${step.status}`);
          expect(inspection!.steps.map((step) => step.kind)).toEqual(["function", "event"]);
        },
      );
      And("the inspected journal reads {string}", (_ctx, entries: string) => {
        expect(steps).toEqual(listFrom(entries));
      });
      And(
        "inspecting the {string} saga {string} shows nothing",
        async (_ctx, sagaType: string, sagaId: string) => {
          expect(await app().query(internal.sagaAdmin.inspect, { sagaType, sagaId })).toBeNull();
        },
      );
    },
  );

  RuleScenario("A saga that did not fail is not retried", () => {});

  RuleScenario("Canceling a waiting saga stops it without compensating", ({ And }) => {
    And("the cancel reason kept on it is {string}", async (_ctx, reason: string) => {
      expect(world.error).toBeUndefined();
      expect((await sagaOf("paymentApproval", "o-22")).cancelReason).toBe(reason);
    });
  });

  RuleScenario("Only a running saga is canceled, and only with a reason", () => {});

  adminFunctionsRule(RuleScenario);
  RuleScenario(
    "An app offers the operations to operators behind its own authorization check",
    authorizationSteps,
  );
};
