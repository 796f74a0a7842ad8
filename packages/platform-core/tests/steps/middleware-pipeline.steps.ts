import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { rejected, success } from "@convex-es/platform-decider";
import type { UserIdentity } from "convex/server";
import { expect } from "vitest";
import {
  callerFromUserIdentity,
  createMiddlewareContext,
  createMiddlewarePipeline,
} from "../../src/index.js";
import type {
  CommandResult,
  Middleware,
  MiddlewareContext,
  MiddlewarePipeline,
} from "../../src/index.js";
import {
  middlewareContextFor,
  recordingMiddleware,
  TEST_CORRELATION,
} from "../../src/testing/index.js";
import {
  captureAsyncError,
  captureError,
  featurePath,
  listFrom,
  onlyProblem,
  problemLines,
  world,
} from "../support/helpers.js";
import { submitOrder } from "../support/orders.js";

const feature = await loadFeature(featurePath("middleware-pipeline.feature"));

describeFeature(feature, ({ Rule, Background, BeforeEachScenario }) => {
  // The Background runs before BeforeEachScenario, so the context lives outside the world.
  let context: MiddlewareContext | undefined;
  const state = world(() => ({
    journal: [] as string[],
    pipeline: undefined as MiddlewarePipeline | undefined,
    result: undefined as CommandResult | undefined,
    seen: undefined as MiddlewareContext | undefined,
    refusal: undefined as unknown,
  }));
  BeforeEachScenario(() => state.reset());
  const ctx = () => {
    if (context === undefined) throw new Error("no context");
    return context;
  };
  const pipeline = () => {
    if (state.value.pipeline === undefined) throw new Error("no pipeline");
    return state.value.pipeline;
  };
  const run = async (
    handler: (ctx: MiddlewareContext) => CommandResult | Promise<CommandResult>,
    on = ctx(),
  ) => {
    state.value.refusal = await captureAsyncError(async () => {
      state.value.result = await pipeline().execute(on, handler);
    });
  };
  const succeeding = () =>
    run(() => {
      state.value.journal.push("handler");
      return success({ type: "OrderSubmitted", data: { orderId: "o-1" } });
    });
  const recording = (_ctx: unknown, names: string) => {
    state.value.pipeline = createMiddlewarePipeline(
      listFrom(names).map((name) => recordingMiddleware(name, state.value.journal)),
    );
  };
  const journalIs = (_ctx: unknown, entries: string) => {
    expect(state.value.journal).toEqual(listFrom(entries));
  };
  const refused = (_ctx: unknown, problem: string) => {
    expect(onlyProblem(state.value.refusal)).toBe(problem);
  };

  Background(({ Given }) => {
    Given("a SubmitOrder context for the caller {string}", (_ctx, userId: string) => {
      context = middlewareContextFor(submitOrder, {
        payload: { orderId: "o-1", items: [] },
        caller: { userId },
      });
      expect(context.command.commandType).toBe("SubmitOrder");
      expect(context.correlation).toBe(TEST_CORRELATION);
    });
  });

  Rule("Middlewares run in registration order around the handler", ({ RuleScenario }) => {
    RuleScenario(
      "Befores run in order, then the handler, then the afters in reverse",
      ({ Given, When, Then, And }) => {
        Given("a pipeline of the recording middlewares {string}", recording);
        When("the pipeline runs a handler that succeeds", succeeding);
        Then("the journal is {string}", journalIs);
        And("the result is the handler's success", () => {
          expect(state.value.result).toEqual({
            status: "success",
            events: [{ type: "OrderSubmitted", data: { orderId: "o-1" } }],
          });
        });
        And("the pipeline's names are {string}", (_ctx, names: string) => {
          expect(pipeline().names).toEqual(listFrom(names));
        });
      },
    );

    RuleScenario(
      "A middleware with only an after hook still observes the result",
      ({ Given, When, Then }) => {
        Given(
          "a pipeline of the recording middleware {string} and an after-only middleware {string}",
          (_ctx, first: string, audit: string) => {
            const afterOnly: Middleware = {
              name: audit,
              after: (_c, result) => {
                state.value.journal.push(`${audit}:after:${result.status}`);
              },
            };
            state.value.pipeline = createMiddlewarePipeline([
              recordingMiddleware(first, state.value.journal),
              afterOnly,
            ]);
          },
        );
        When("the pipeline runs a handler that succeeds", succeeding);
        Then("the journal is {string}", journalIs);
      },
    );
  });

  Rule("A before hook can stop the chain with a rejection", ({ RuleScenario }) => {
    RuleScenario(
      "The refusing middleware stops later befores and the handler",
      ({ Given, When, Then, And }) => {
        Given(
          "a pipeline of the recording middlewares {string} where {string} refuses with {string}",
          (_ctx, names: string, refuser: string, code: string) => {
            state.value.pipeline = createMiddlewarePipeline(
              listFrom(names).map((name) =>
                recordingMiddleware(name, state.value.journal, {
                  ...(name === refuser && { stopWith: rejected(code, "not today") }),
                }),
              ),
            );
          },
        );
        When("the pipeline runs a handler that succeeds", succeeding);
        Then("the journal is {string}", journalIs);
        And("the result is the rejection {string}", (_ctx, code: string) => {
          expect(state.value.result).toEqual({ status: "rejected", code, message: "not today" });
        });
      },
    );

    RuleScenario("A before that stops without a rejection is refused", ({ Given, When, Then }) => {
      Given(
        "a pipeline with a middleware {string} that stops with a success result",
        (_ctx, name: string) => {
          state.value.pipeline = createMiddlewarePipeline([
            {
              name,
              before: () =>
                ({ continue: false, result: { status: "success" } }) as unknown as undefined,
            },
          ]);
        },
      );
      When("the pipeline runs a handler that succeeds", succeeding);
      Then("the run is refused with the single problem {string}", (ctx, problem: string) => {
        refused(ctx, problem);
        expect(state.value.journal).toEqual([]);
      });
    });
  });

  Rule("A before hook can hand a new context to what follows", ({ RuleScenario }) => {
    RuleScenario(
      "A middleware enriches the custom bag and replaces the payload",
      ({ Given, When, Then }) => {
        Given(
          "a pipeline with a middleware {string} that sets custom {string} to {string} and the payload to {string}",
          (_ctx, name: string, key: string, value: string, payload: string) => {
            state.value.pipeline = createMiddlewarePipeline([
              {
                name,
                before: (c) => {
                  c.custom[key] = value;
                  return {
                    continue: true,
                    ctx: { ...c, command: { ...c.command, payload: JSON.parse(payload) } },
                  };
                },
              },
            ]);
          },
        );
        When("the pipeline runs a handler that records its context", () =>
          run((seen) => {
            state.value.seen = seen;
            return { status: "success" };
          }),
        );
        Then(
          "the handler saw the payload {string}, the custom {string} = {string} and the caller {string}",
          (_ctx, payload: string, key: string, value: string, userId: string) => {
            expect(state.value.refusal).toBeUndefined();
            expect(state.value.seen?.command.payload).toEqual(JSON.parse(payload));
            expect(state.value.seen?.custom[key]).toBe(value);
            expect(state.value.seen?.caller?.userId).toBe(userId);
            expect(ctx().command.payload).toEqual({ orderId: "o-1", items: [] });
          },
        );
      },
    );

    RuleScenario("A middleware may not change which command runs", ({ Given, When, Then, And }) => {
      Given(
        "a pipeline with a middleware {string} that hands on a context for the command {string}",
        (_ctx, name: string, commandId: string) => {
          state.value.pipeline = createMiddlewarePipeline([
            {
              name,
              before: (c) => ({
                continue: true,
                ctx: { ...c, correlation: { ...c.correlation, commandId } },
              }),
            },
          ]);
        },
      );
      When("the pipeline runs a handler that succeeds", succeeding);
      Then("the run is refused with the single problem {string}", refused);
      And("the journal is {string}", journalIs);
    });
  });

  Rule("Errors are not swallowed", ({ RuleScenario }) => {
    RuleScenario(
      "A handler that throws propagates its error and skips the after hooks",
      ({ Given, When, Then, And }) => {
        Given("a pipeline of the recording middlewares {string}", recording);
        When("the pipeline runs a handler that throws {string}", (_ctx, message: string) =>
          run(() => {
            throw new Error(message);
          }),
        );
        Then("the run fails with {string}", (_ctx, message: string) => {
          expect((state.value.refusal as Error).message).toBe(message);
          expect(state.value.result).toBeUndefined();
        });
        And("the journal is {string}", journalIs);
      },
    );

    RuleScenario("A handler that returns no status is refused", ({ Given, When, Then }) => {
      Given("a pipeline of the recording middlewares {string}", recording);
      When("the pipeline runs a handler that returns nothing", () =>
        run(() => undefined as unknown as CommandResult),
      );
      Then("the run is refused with the single problem {string}", refused);
    });
  });

  Rule("Pipelines and contexts are checked", ({ RuleScenario }) => {
    RuleScenario(
      "Repeated names and middlewares without hooks are refused together",
      ({ When, Then }) => {
        When(
          "a pipeline is built from the recording middlewares {string} and a middleware {string} without hooks",
          (_ctx, names: string, idle: string) => {
            state.value.refusal = captureError(() =>
              createMiddlewarePipeline([
                ...listFrom(names).map((name) => recordingMiddleware(name, state.value.journal)),
                { name: idle },
              ]),
            );
          },
        );
        Then("it is refused with the problems:", (_ctx, problems: string) => {
          expect(problemLines(state.value.refusal)).toEqual(problems.split("\n"));
        });
      },
    );

    RuleScenario(
      "A context whose command differs from its config is refused",
      ({ Given, When, Then }) => {
        Given("a pipeline of the recording middlewares {string}", recording);
        When(
          "the pipeline runs a context for {string} with the SubmitOrder config",
          (_ctx, commandType: string) =>
            run(() => ({ status: "success" }), {
              ...ctx(),
              command: { commandType, payload: {} },
            }),
        );
        Then("the run is refused with the single problem {string}", (c, problem: string) => {
          refused(c, problem);
          expect(state.value.journal).toEqual([]);
        });
      },
    );

    RuleScenario(
      "The caller comes from Convex's identity, passed in explicitly",
      ({ When, Then, And }) => {
        When(
          "the caller is built from a Convex identity {string} with the role {string}",
          (_ctx, tokenIdentifier: string, role: string) => {
            const identity: UserIdentity = {
              tokenIdentifier,
              subject: "user-7",
              issuer: "https://auth.example",
            };
            context = createMiddlewareContext({
              config: { definition: submitOrder },
              payload: {},
              correlation: TEST_CORRELATION,
              caller: callerFromUserIdentity(identity, { roles: [role] }),
            });
          },
        );
        Then("the context's caller is {string}", (_ctx, caller: string) => {
          expect(ctx().caller).toEqual(JSON.parse(caller));
        });
        And("without an identity the caller is anonymous", () => {
          expect(callerFromUserIdentity(null)).toBeNull();
          expect(
            callerFromUserIdentity(
              { tokenIdentifier: "t|1", subject: "1", issuer: "t" },
              { userId: "app-user-1" },
            )?.userId,
          ).toBe("app-user-1");
        });
      },
    );

    RuleScenario("A caller without a user id is refused", ({ When, Then }) => {
      When("a context is created with the caller {string}", (_ctx, caller: string) => {
        state.value.refusal = captureError(() =>
          createMiddlewareContext({
            config: { definition: submitOrder },
            payload: {},
            correlation: TEST_CORRELATION,
            caller: JSON.parse(caller),
          }),
        );
      });
      Then("the run is refused with the single problem {string}", refused);
    });
  });
});
