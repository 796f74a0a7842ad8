import type { DeciderRejected } from "@convex-es/platform-decider";
import { CoreError, fail } from "../errors/coreError.js";
import type { CoreProblem } from "../errors/coreError.js";
import { describeValue, isNonEmptyString, isObject, isPlainObject } from "../internal/describe.js";
import type { CommandResult, Middleware, MiddlewareContext } from "./types.js";

/** Runs a command's handler inside an ordered list of middlewares. */
export interface MiddlewarePipeline<TContext extends MiddlewareContext = MiddlewareContext> {
  /** The middlewares' names, in registration order. */
  readonly names: readonly string[];
  /**
   * Runs the `before` hooks in order, then `handler` with the last context, then the `after`
   * hooks in reverse. A `before` that answers `{ continue: false, result }` stops the chain: no
   * later `before`, no handler; the rejection is the result. Throws (from a hook or the
   * handler) propagate unchanged and skip the `after` hooks: a thrown error rolls the Convex
   * transaction back, so handlers that must record a failure return `failed(...)` instead.
   */
  execute<TResult extends CommandResult>(
    ctx: TContext,
    handler: (ctx: TContext) => TResult | Promise<TResult>,
  ): Promise<TResult | DeciderRejected>;
}

function problemsOf(middlewares: unknown): CoreProblem[] {
  if (!Array.isArray(middlewares)) {
    return [
      {
        code: "INVALID_MIDDLEWARE",
        message: `a pipeline takes an array of middlewares (got ${describeValue(middlewares)})`,
      },
    ];
  }
  const problems: CoreProblem[] = [];
  const seen = new Map<string, number>();
  middlewares.forEach((entry: unknown, index) => {
    const name = isObject(entry) ? entry.name : undefined;
    const hooks = isObject(entry) ? [entry.before, entry.after] : [];
    if (
      !isNonEmptyString(name) ||
      hooks.every((hook) => hook === undefined) ||
      hooks.some((hook) => hook !== undefined && typeof hook !== "function")
    ) {
      problems.push({
        code: "INVALID_MIDDLEWARE",
        message: `middleware ${index} must be { name, before?, after? } with a non-empty name and at least one hook function (got ${describeValue(entry)}${isNonEmptyString(name) ? ` named "${name}"` : ""})`,
      });
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      problems.push({
        code: "DUPLICATE_MIDDLEWARE",
        message: `middleware name "${name}" is used twice (entries ${first} and ${index}): expected one middleware per name`,
      });
    } else {
      seen.set(name, index);
    }
  });
  return problems;
}

function checkStart(ctx: MiddlewareContext): void {
  const expected = ctx?.config?.definition?.commandType;
  if (ctx?.command?.commandType !== expected) {
    fail(
      "COMMAND_CONFIG_MISMATCH",
      `the context holds command ${describeValue(ctx?.command?.commandType)} but its config is for ${describeValue(expected)}: build the context with createMiddlewareContext`,
    );
  }
}

type Step<TContext> = { stop: false; ctx: TContext } | { stop: true; result: DeciderRejected };

function readBefore<TContext extends MiddlewareContext>(
  name: string,
  answer: unknown,
  ctx: TContext,
): Step<TContext> {
  if (answer === undefined) return { stop: false, ctx };
  if (isPlainObject(answer) && answer.continue === true) {
    const next = (answer.ctx ?? ctx) as TContext;
    if (
      next.command?.commandType !== ctx.command.commandType ||
      next.correlation?.commandId !== ctx.correlation.commandId
    ) {
      fail(
        "INVALID_MIDDLEWARE_RESULT",
        `middleware "${name}" returned a context for another command: it may replace the payload or the custom bag, not the command type or its correlation`,
      );
    }
    return { stop: false, ctx: next };
  }
  if (isPlainObject(answer) && answer.continue === false) {
    const result = answer.result as { status?: unknown } | undefined;
    if (result?.status === "rejected") return { stop: true, result: result as DeciderRejected };
  }
  return fail(
    "INVALID_MIDDLEWARE_RESULT",
    `middleware "${name}": before must return nothing, { continue: true, ctx? } or { continue: false, result: rejected(code, message) } (got ${describeValue(answer)})`,
  );
}

/**
 * Builds a pipeline from middlewares in the order they should run, checked once: each has a
 * unique non-empty `name` and at least one hook (`INVALID_MIDDLEWARE`, `DUPLICATE_MIDDLEWARE`).
 *
 * @example
 * const pipeline = createMiddlewarePipeline([
 *   loggingMiddleware(logger),
 *   validationMiddleware(),
 *   authorizationMiddleware({ authorize: (ctx) => ctx.caller?.roles?.includes("clerk") ?? false }),
 * ]);
 * const result = await pipeline.execute(ctx, (ctx) => runHandler(ctx));
 */
export function createMiddlewarePipeline<TContext extends MiddlewareContext = MiddlewareContext>(
  middlewares: readonly Middleware<TContext>[],
): MiddlewarePipeline<TContext> {
  const problems = problemsOf(middlewares);
  if (problems.length > 0) {
    throw new CoreError(problems as [CoreProblem, ...CoreProblem[]], "middleware pipeline");
  }
  const list = Object.freeze([...middlewares]);
  return Object.freeze({
    names: Object.freeze(list.map((m) => m.name)),
    async execute<TResult extends CommandResult>(
      ctx: TContext,
      handler: (ctx: TContext) => TResult | Promise<TResult>,
    ): Promise<TResult | DeciderRejected> {
      checkStart(ctx);
      const entered: Middleware<TContext>[] = [];
      let current = ctx;
      let result: TResult | DeciderRejected | undefined;
      for (const middleware of list) {
        entered.push(middleware);
        if (middleware.before === undefined) continue;
        const step = readBefore(middleware.name, await middleware.before(current), current);
        if (step.stop) {
          result = step.result;
          break;
        }
        current = step.ctx;
      }
      if (result === undefined) {
        result = await handler(current);
        if (!isObject(result) || typeof result.status !== "string") {
          fail(
            "INVALID_MIDDLEWARE_RESULT",
            `the handler of command "${current.command.commandType}" must return a result with a string status, such as a DeciderOutput (got ${describeValue(result)})`,
          );
        }
      }
      for (const middleware of entered.reverse()) {
        if (middleware.after !== undefined) await middleware.after(current, result);
      }
      return result;
    },
  });
}
