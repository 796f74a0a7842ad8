import { describeFeature, loadFeature } from "@amiceli/vitest-cucumber";
import { failed, success } from "@convex-es/platform-decider";
import type { DeciderRejected } from "@convex-es/platform-decider";
import { expect } from "vitest";
import {
  authorizationMiddleware,
  createLogger,
  createMiddlewarePipeline,
  defaultRateLimitKey,
  loggingMiddleware,
  MIDDLEWARE_REJECTION_CODES,
  RATE_LIMIT_SHARDING,
  rateLimitMiddleware,
  recommendedShards,
  validationMiddleware,
} from "../../src/index.js";
import type {
  AuthorizationDecision,
  CallerIdentity,
  CommandResult,
  Middleware,
  MiddlewareContext,
  MiddlewarePipeline,
  RateLimitChecker,
} from "../../src/index.js";
import {
  createMemorySink,
  createTestRateLimitChecker,
  middlewareContextFor,
  steppingClock,
} from "../../src/testing/index.js";
import {
  captureAsyncError,
  captureError,
  featurePath,
  listFrom,
  onlyProblem,
  world,
} from "../support/helpers.js";
import { cancelOrder, submitOrder } from "../support/orders.js";

const feature = await loadFeature(featurePath("built-in-middleware.feature"));
const validPayload = { orderId: "o-1", items: [{ productId: "p-1", quantity: 1 }] };

const clerksOnly = (ctx: MiddlewareContext): AuthorizationDecision =>
  ctx.caller?.roles?.includes("clerk") === true || {
    allowed: false,
    reason: "only clerks submit orders",
  };

describeFeature(feature, ({ Rule, BeforeEachScenario }) => {
  const state = world(() => ({
    pipeline: undefined as MiddlewarePipeline | undefined,
    sink: createMemorySink(),
    handled: [] as MiddlewareContext[],
    results: [] as CommandResult[],
    refusal: undefined as unknown,
    checkersMade: 0,
  }));
  BeforeEachScenario(() => state.reset());
  const pipeline = () => {
    if (state.value.pipeline === undefined) throw new Error("no pipeline");
    return state.value.pipeline;
  };
  const use = (...middlewares: Middleware[]) => {
    state.value.pipeline = createMiddlewarePipeline(middlewares);
  };
  const logger = (clock = steppingClock(0, 1)) =>
    createLogger("orders", { sink: state.value.sink, now: clock }).child("commands");
  const last = () => state.value.results.at(-1) as CommandResult & Partial<DeciderRejected>;
  const send = async (
    options: {
      command?: typeof submitOrder | typeof cancelOrder;
      payload?: unknown;
      caller?: CallerIdentity | null;
      handler?: () => CommandResult;
    } = {},
  ) => {
    const ctx = middlewareContextFor(options.command ?? submitOrder, {
      payload: "payload" in options ? options.payload : validPayload,
      caller: options.caller ?? null,
    });
    state.value.refusal = await captureAsyncError(async () => {
      const result = await pipeline().execute(ctx, (seen) => {
        state.value.handled.push(seen);
        return options.handler?.() ?? success({ type: "OrderSubmitted", data: {} });
      });
      state.value.results.push(result);
    });
  };
  const outcome = (r: CommandResult) =>
    r.status === "rejected" ? `rejected:${(r as DeciderRejected).code}` : r.status;

  const asCaller = (_ctx: unknown, userId: string, role: string) =>
    send({ caller: { userId, roles: [role] } });
  const anonymous = () => send({ caller: null });
  const rejectedWith = (_ctx: unknown, code: string, message: string) => {
    expect(state.value.handled).toEqual([]);
    expect(last()).toMatchObject({ status: "rejected", code });
    expect(last().message).toBe(message.split("\n").join("\n  "));
    expect(MIDDLEWARE_REJECTION_CODES).toContain(code);
  };
  const refused = (_ctx: unknown, problem: string) => {
    expect(onlyProblem(state.value.refusal)).toBe(problem);
  };
  const outcomesAre = (_ctx: unknown, outcomes: string) => {
    expect(state.value.refusal).toBeUndefined();
    expect(state.value.results.map(outcome)).toEqual(listFrom(outcomes));
  };
  const authorizationFor = (_ctx: unknown, role: string) =>
    use(
      authorizationMiddleware({
        authorize: (ctx) => (role === "clerk" ? clerksOnly(ctx) : false),
      }),
    );

  Rule("Validation checks the payload against the command's schema", ({ RuleScenario }) => {
    RuleScenario(
      "A valid payload reaches the handler as the schema parsed it",
      ({ Given, When, Then }) => {
        Given("a pipeline of the validation middleware", () => use(validationMiddleware()));
        When("SubmitOrder runs with the payload {string}", (_ctx, payload: string) =>
          send({ payload: JSON.parse(payload) }),
        );
        Then("the handler ran with the payload {string}", (_ctx, payload: string) => {
          expect(state.value.handled).toHaveLength(1);
          expect(state.value.handled[0]?.command.payload).toEqual(JSON.parse(payload));
          expect(last().status).toBe("success");
        });
      },
    );

    RuleScenario(
      "An invalid payload is rejected with every issue and its path",
      ({ Given, When, Then, And }) => {
        Given("a pipeline of the validation middleware", () => use(validationMiddleware()));
        When("SubmitOrder runs with the payload {string}", (_ctx, payload: string) =>
          send({ payload: JSON.parse(payload) }),
        );
        Then(
          "the handler did not run and the result is rejected with {string} and the message:",
          rejectedWith,
        );
        And("the rejection context lists the issue paths {string}", (_ctx, paths: string) => {
          const context = last().context as { commandType: string; issues: { path: string }[] };
          expect(context.commandType).toBe("SubmitOrder");
          expect(context.issues.map((i) => i.path)).toEqual(listFrom(paths));
        });
      },
    );
  });

  Rule("Authorization decides for the caller the app passed in", ({ RuleScenario }) => {
    RuleScenario("An anonymous caller is unauthorized", ({ Given, When, Then }) => {
      Given(
        "a pipeline of the authorization middleware allowing the role {string}",
        authorizationFor,
      );
      When("SubmitOrder runs for an anonymous caller", anonymous);
      Then(
        "the handler did not run and the result is rejected with {string} and the message:",
        rejectedWith,
      );
    });

    RuleScenario(
      "A caller the rule refuses is forbidden, with the rule's reason",
      ({ Given, When, Then, And }) => {
        Given(
          "a pipeline of the authorization middleware allowing the role {string}",
          authorizationFor,
        );
        When("SubmitOrder runs for the caller {string} with the role {string}", asCaller);
        Then(
          "the handler did not run and the result is rejected with {string} and the message:",
          rejectedWith,
        );
        And("the rejection context is {string}", (_ctx, context: string) => {
          expect(last().context).toEqual(JSON.parse(context));
        });
      },
    );

    RuleScenario("A caller the rule allows reaches the handler", ({ Given, When, Then }) => {
      Given(
        "a pipeline of the authorization middleware allowing the role {string}",
        authorizationFor,
      );
      When("SubmitOrder runs for the caller {string} with the role {string}", asCaller);
      Then("the handler ran", () => {
        expect(state.value.handled.map((c) => c.caller?.userId)).toEqual(["u-1"]);
        expect(last().status).toBe("success");
      });
    });

    RuleScenario("Anonymous callers reach the rule only when allowed", ({ Given, When, Then }) => {
      Given(
        "a pipeline of the authorization middleware allowing anonymous callers and refusing everyone",
        () =>
          use(
            authorizationMiddleware({
              allowAnonymous: true,
              // An empty reason counts as none.
              authorize: (ctx) => {
                expect(ctx.caller).toBeNull();
                return { allowed: false, reason: "" };
              },
            }),
          ),
      );
      When("SubmitOrder runs for an anonymous caller", anonymous);
      Then(
        "the handler did not run and the result is rejected with {string} and the message:",
        (ctx, code: string, message: string) => {
          rejectedWith(ctx, code, message);
          expect(last().context).toEqual({ commandType: "SubmitOrder" });
        },
      );
    });

    RuleScenario(
      "A rule that answers something else is a programming error",
      ({ Given, When, Then }) => {
        Given(
          "a pipeline of the authorization middleware whose rule answers {string}",
          (_ctx, answer: string) =>
            use(authorizationMiddleware({ authorize: () => answer as unknown as boolean })),
        );
        When("SubmitOrder runs for the caller {string} with the role {string}", asCaller);
        Then("the run is refused with the single problem {string}", refused);
      },
    );
  });

  Rule(
    "Logging writes one structured line before and one after each command",
    ({ RuleScenario }) => {
      RuleScenario(
        "A successful command is logged with its ids and duration",
        ({ Given, When, Then }) => {
          Given(
            "a pipeline of the logging middleware on a clock starting at {int} stepping by {int}",
            (_ctx, start: number, step: number) =>
              use(loggingMiddleware(logger(steppingClock(start, step)))),
          );
          When("SubmitOrder runs for the caller {string} with the role {string}", asCaller);
          Then("the log records are:", (_ctx, lines: string) => {
            expect(state.value.sink.records).toEqual(
              lines.split("\n").map((line) => JSON.parse(line)),
            );
          });
        },
      );

      RuleScenario(
        "A refusal by a later middleware is logged at WARN with its code",
        ({ Given, When, Then, And }) => {
          Given(
            "a pipeline of the logging middleware and the authorization middleware allowing the role {string}",
            () =>
              use(loggingMiddleware(logger()), authorizationMiddleware({ authorize: clerksOnly })),
          );
          When("SubmitOrder runs for an anonymous caller", anonymous);
          Then("the log messages are {string}", (_ctx, messages: string) => {
            expect(state.value.sink.messages()).toEqual(listFrom(messages));
          });
          And(
            "the last record has the status {string} and the code {string}",
            (_ctx, status: string, code: string) => {
              expect(state.value.sink.records.at(-1)).toMatchObject({ status, code });
              expect(state.value.sink.records.at(-1)).not.toHaveProperty("userId");
            },
          );
        },
      );

      RuleScenario(
        "A failed command is logged at ERROR with its reason",
        ({ Given, When, Then }) => {
          Given(
            "a pipeline of the logging middleware on a clock starting at {int} stepping by {int}",
            (_ctx, start: number, step: number) =>
              use(loggingMiddleware(logger(), { clock: steppingClock(start, step) })),
          );
          When(
            "SubmitOrder runs for the caller {string} with a handler that fails with {string}",
            (_ctx, userId: string, reason: string) =>
              send({ caller: { userId }, handler: () => failed(reason) }),
          );
          Then(
            "the last record has the level {string}, the status {string} and the reason {string}",
            (_ctx, level: string, status: string, reason: string) => {
              expect(state.value.sink.records.at(-1)).toMatchObject({
                level,
                status,
                reason,
                durationMs: 5,
              });
            },
          );
        },
      );
    },
  );

  Rule("Rate limiting throttles each user's commands", ({ RuleScenario, RuleScenarioOutline }) => {
    RuleScenario("The default key is per user and command", ({ Given, When, Then, And }) => {
      Given(
        "a pipeline of the rate limit middleware with a test checker allowing {int} per key and retry after {int} ms",
        (_ctx, limit: number, retryAfterMs: number) =>
          use(
            rateLimitMiddleware({ checker: createTestRateLimitChecker({ limit, retryAfterMs }) }),
          ),
      );
      When('"u-1" sends SubmitOrder 3 times, "u-2" once and "u-1" CancelOrder once', async () => {
        for (let i = 0; i < 3; i++) await send({ caller: { userId: "u-1" } });
        await send({ caller: { userId: "u-2" } });
        await send({
          command: cancelOrder,
          payload: { orderId: "o-1" },
          caller: { userId: "u-1" },
        });
        expect(defaultRateLimitKey(state.value.handled.at(-1)!)).toBe("u-1:CancelOrder");
      });
      Then("the outcomes are {string}", outcomesAre);
      And(
        "the refusal says {string} with the context {string}",
        (_ctx, message: string, context: string) => {
          const refusal = state.value.results[2] as DeciderRejected;
          expect(refusal.message).toBe(message);
          expect(refusal.context).toEqual(JSON.parse(context));
        },
      );
    });

    RuleScenario(
      "A custom key throttles per tenant, with a checker made per execution",
      ({ Given, When, Then, And }) => {
        Given(
          "a pipeline of the rate limit middleware keyed by tenant with a checker made per execution allowing {int} per key",
          (_ctx, limit: number) => {
            const shared = createTestRateLimitChecker({ limit });
            use(
              rateLimitMiddleware({
                key: (ctx) => `tenant:${ctx.caller?.tenantId}`,
                checker: () => {
                  state.value.checkersMade += 1;
                  return { check: (key) => shared.check(key) };
                },
              }),
            );
            expect(shared.counts.size).toBe(0);
          },
        );
        When(
          '"u-1" of tenant "acme" and "u-2" of tenant "acme" and "u-3" of tenant "globex" send SubmitOrder',
          async () => {
            await send({ caller: { userId: "u-1", tenantId: "acme" } });
            await send({ caller: { userId: "u-2", tenantId: "acme" } });
            await send({ caller: { userId: "u-3", tenantId: "globex" } });
          },
        );
        Then("the outcomes are {string}", outcomesAre);
        And("a checker was made for each of the {int} executions", (_ctx, count: number) => {
          expect(state.value.checkersMade).toBe(count);
        });
      },
    );

    RuleScenario(
      "A checker that answers without retryAfterMs is a programming error",
      ({ Given, When, Then }) => {
        Given(
          "a pipeline of the rate limit middleware with a checker answering {string}",
          (_ctx, answer: string) => {
            const checker: RateLimitChecker = { check: () => JSON.parse(answer) };
            use(rateLimitMiddleware({ checker }));
          },
        );
        When("SubmitOrder runs for the caller {string} with the role {string}", asCaller);
        Then("the run is refused with the single problem {string}", refused);
      },
    );

    RuleScenarioOutline(
      "Rate limits are sharded by expected traffic",
      ({ When, Then }, variables) => {
        let shards: number | undefined;
        When("the shards for <qps> QPS are asked for", () => {
          shards = recommendedShards(Number(variables.qps));
        });
        Then("the recommendation is <shards>", () => {
          expect(shards).toBe(variables.shards === "none" ? undefined : Number(variables.shards));
        });
      },
    );

    RuleScenario(
      "The sharding table is the documented one, and nonsense traffic is refused",
      ({ Then, And }) => {
        Then("the sharding tiers are {string}", (_ctx, tiers: string) => {
          const shown = RATE_LIMIT_SHARDING.map((t) => {
            const qps =
              t.maxQps === null
                ? `>=${t.minQps}`
                : t.minQps === 0
                  ? `<${t.maxQps}`
                  : `${t.minQps}-${t.maxQps}`;
            const shards =
              t.minShards === null
                ? "none"
                : t.maxShards === null
                  ? `${t.minShards}+`
                  : `${t.minShards}-${t.maxShards}`;
            return `${qps}: ${shards}`;
          });
          expect(shown).toEqual(listFrom(tiers));
        });
        And(
          "the shards for {int} QPS are refused with {string}",
          (_ctx, qps: number, problem: string) => {
            expect(onlyProblem(captureError(() => recommendedShards(qps)))).toBe(problem);
            expect(onlyProblem(captureError(() => recommendedShards(Number.NaN)))).toContain(
              "INVALID_QPS",
            );
          },
        );
      },
    );
  });

  Rule("The built-ins compose into one pipeline", ({ RuleScenario }) => {
    RuleScenario(
      "Logging, validation, authorization and rate limiting run in that order",
      ({ Given, When, Then, And }) => {
        Given(
          'the full pipeline: logging, validation, authorization for "clerk", rate limit of 1 per key',
          () => {
            use(
              loggingMiddleware(logger()),
              validationMiddleware(),
              authorizationMiddleware({ authorize: clerksOnly }),
              rateLimitMiddleware({ checker: createTestRateLimitChecker({ limit: 1 }) }),
            );
            expect(pipeline().names).toEqual([
              "logging",
              "validation",
              "authorization",
              "rateLimit",
            ]);
          },
        );
        When(
          '"u-1" the clerk sends a valid SubmitOrder twice and an invalid one once',
          async () => {
            const clerk = { userId: "u-1", roles: ["clerk"] };
            await send({ caller: clerk });
            await send({ caller: clerk });
            await send({ caller: clerk, payload: { orderId: "" } });
          },
        );
        Then("the outcomes are {string}", outcomesAre);
        And("every refusal code is one of the middleware rejection codes", () => {
          const codes = state.value.results
            .filter((r): r is DeciderRejected => r.status === "rejected")
            .map((r) => r.code);
          expect(codes.length).toBe(2);
          for (const code of codes) expect(MIDDLEWARE_REJECTION_CODES).toContain(code);
        });
        And("{int} log lines were written", (_ctx, count: number) => {
          expect(state.value.sink.records).toHaveLength(count);
          expect(state.value.sink.records.map((r) => r.code ?? r.status)).toEqual([
            undefined,
            "success",
            undefined,
            "RATE_LIMITED",
            undefined,
            "INVALID_COMMAND_PAYLOAD",
          ]);
        });
      },
    );
  });
});
