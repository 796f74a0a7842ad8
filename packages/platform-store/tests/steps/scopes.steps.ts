import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { expect } from "vitest";
import type {
  CommitScopeResult,
  EventStore,
  EventStoreErrorCode,
  ScopedEventInput,
} from "../../src/client/index.js";
import {
  createScopeKey,
  isEventStoreError,
  isScopeConflict,
  parseScopeKey,
  SCOPE_KEY_FORMAT,
  validateScopeKey,
} from "../../src/client/index.js";
import { appTest } from "../support/convex.js";
import { featurePath, thrownBy } from "../support/features.js";

const feature = await loadFeature(featurePath("scopes.feature", import.meta.url));

let t: ReturnType<typeof appTest>["t"];
let store: EventStore;
let scopeKey: string;
let result: CommitScopeResult;
let built: string;

const reservations = (skus: string): ScopedEventInput[] =>
  skus.split(", ").map((sku) => ({
    streamType: "Product",
    streamId: sku,
    boundedContext: "inventory",
    eventType: "StockReserved",
    payload: { sku, quantity: 1 },
    metadata: { correlationId: "order-1" },
  }));

const commit = (tenantId: string, skus: string, expectedVersion: number) =>
  t.mutation((ctx) =>
    store.commitScope(ctx, { scopeKey, tenantId, expectedVersion, events: reservations(skus) }),
  );

function expectCode(error: unknown, code: string): void {
  expect(isEventStoreError(error, code as EventStoreErrorCode), String(error)).toBe(true);
}

describeFeature(feature, ({ Rule }) => {
  Rule(
    "A scope commits one decision across several streams under one version",
    ({ RuleScenario }) => {
      const givenApp = () => {
        ({ t, store } = appTest());
      };
      const commits = async (
        _ctx: unknown,
        tenantId: string,
        skus: string,
        scopeType: string,
        scopeId: string,
        version: number,
      ) => {
        scopeKey = createScopeKey(tenantId, scopeType, scopeId);
        result = await commit(tenantId, skus, version);
      };
      const committed = async (
        _ctx: unknown,
        tenantId: string,
        sku: string,
        scopeType: string,
        scopeId: string,
      ) => {
        scopeKey = createScopeKey(tenantId, scopeType, scopeId);
        expect((await commit(tenantId, sku, 0)).status).toBe("success");
      };
      const virtualStream = async (_ctx: unknown, skus: string, version: number) => {
        const page = await t.query((ctx) =>
          store.readVirtualStream(ctx, { scopeKey, tenantId: "t1", limit: 50 }),
        );
        expect(page.events.map((e) => e.streamId)).toEqual(skus.split(", "));
        expect(page.events.every((e) => e.scopeKey === scopeKey && e.schemaVersion === 1)).toBe(
          true,
        );
        const positions = page.events.map((e) => e.globalPosition);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        expect(page.scopeVersion).toBe(version);
      };

      RuleScenario("Reservations of two products commit together", ({ Given, When, Then, And }) => {
        Given("an app using the eventStore component", givenApp);
        When(
          "tenant {string} commits reservations of {string} to the scope {string} {string} at version {int}",
          commits,
        );
        Then("the commit succeeds at scope version {int}", (_ctx, version: number) => {
          expect(isScopeConflict(result)).toBe(false);
          expect(result).toMatchObject({ status: "success", scopeVersion: version });
        });
        And(
          "the virtual stream of the scope returns the reservations of {string} at version {int}",
          virtualStream,
        );
        And(
          "the scope record counts {int} streams in bounded context {string}",
          async (_ctx, count: number, boundedContext: string) => {
            const scope = await t.query((ctx) => store.getScope(ctx, { scopeKey, tenantId: "t1" }));
            expect(scope).toMatchObject({ streamCount: count, boundedContext, version: 1 });
          },
        );
      });

      RuleScenario(
        "A commit decided on a stale version is a conflict",
        ({ Given, When, Then, And }) => {
          Given("an app using the eventStore component", givenApp);
          And(
            "tenant {string} committed a reservation of {string} to the scope {string} {string}",
            committed,
          );
          When(
            "tenant {string} commits reservations of {string} to the scope {string} {string} at version {int}",
            commits,
          );
          Then("the commit is a conflict at scope version {int}", (_ctx, version: number) => {
            expect(isScopeConflict(result)).toBe(true);
            expect(result).toEqual({
              status: "conflict",
              currentVersion: version,
              expectedVersion: 0,
            });
          });
          And(
            "the virtual stream of the scope returns the reservations of {string} at version {int}",
            virtualStream,
          );
        },
      );

      RuleScenario(
        "Another tenant can neither read nor write the scope",
        ({ Given, Then, And }) => {
          Given("an app using the eventStore component", givenApp);
          And(
            "tenant {string} committed a reservation of {string} to the scope {string} {string}",
            committed,
          );
          Then(
            "tenant {string} reading that scope fails with code {string}",
            async (_ctx, tenantId: string, code: string) => {
              const read = () =>
                t.query((ctx) => store.readVirtualStream(ctx, { scopeKey, tenantId, limit: 10 }));
              expectCode(await thrownBy(read), code);
            },
          );
          And(
            "tenant {string} committing to that scope fails with code {string}",
            async (_ctx, tenantId: string, code: string) => {
              expectCode(await thrownBy(() => commit(tenantId, "sku-z", 1)), code);
            },
          );
        },
      );
    },
  );

  Rule(
    "Scope keys name a tenant, a scope type and a scope id",
    ({ RuleScenario, RuleScenarioOutline }) => {
      RuleScenario("A key is built and read back", ({ When, Then }) => {
        When(
          "the key of tenant {string}, scope type {string} and scope id {string} is built",
          (_ctx, tenantId: string, scopeType: string, scopeId: string) => {
            built = createScopeKey(tenantId, scopeType, scopeId);
          },
        );
        Then("it is {string} and parses back into its three parts", (_ctx, expected: string) => {
          expect(built).toBe(expected);
          expect(parseScopeKey(built)).toEqual({
            scopeKey: expected,
            tenantId: "t1",
            scopeType: "inventory",
            scopeId: "wh-1",
          });
        });
      });

      RuleScenarioOutline("A malformed key names its bad part", ({ Then }, variables) => {
        Then(
          'the key "<key>" is invalid in its <part> part, with the expected format in the message',
          () => {
            const validation = validateScopeKey(String(variables.key));
            expect(validation).toMatchObject({ valid: false, part: variables.part });
            if (!validation.valid) expect(validation.message).toContain(SCOPE_KEY_FORMAT);
          },
        );
      });
    },
  );
});
