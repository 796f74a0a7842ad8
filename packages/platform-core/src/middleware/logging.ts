import type { LogFields } from "../logging/record.js";
import type { Logger } from "../logging/createLogger.js";
import type { LogLevel } from "../logging/levels.js";
import { fail } from "../errors/coreError.js";
import { describeValue, isObject } from "../internal/describe.js";
import type { CommandResult, Middleware, MiddlewareContext } from "./types.js";

export interface LoggingMiddlewareOptions {
  /** Measures `durationMs`. Default: the logger's clock (`logger.now`). */
  readonly clock?: () => number;
}

function commandFields(ctx: MiddlewareContext): LogFields {
  return {
    commandType: ctx.command.commandType,
    boundedContext: ctx.config.definition.boundedContext,
    commandId: ctx.correlation.commandId,
    correlationId: ctx.correlation.correlationId,
    causationId: ctx.correlation.causationId,
    ...(ctx.caller !== null && { userId: ctx.caller.userId }),
  };
}

function outcomeFields(result: CommandResult): [LogLevel, LogFields] {
  const { code, reason } = result as { code?: unknown; reason?: unknown };
  const { status } = result;
  if (status === "failed") return ["ERROR", { status, ...(reason !== undefined && { reason }) }];
  if (status === "rejected") return ["WARN", { status, ...(code !== undefined && { code }) }];
  return ["INFO", { status }];
}

const STARTED_AT = "logging.startedAt";

/**
 * One structured line when a command starts (`command started`, INFO) and one when it ends
 * (`command finished`: INFO on success, WARN with `code` on a rejection, ERROR with `reason` on
 * a failure), both with the command type, bounded context, ids and user, and `durationMs` from
 * the injected clock. The start time is kept in `ctx.custom["logging.startedAt"]`.
 * Place it first, so that it also logs what later middlewares refuse.
 */
export function loggingMiddleware<TContext extends MiddlewareContext = MiddlewareContext>(
  logger: Logger,
  options: LoggingMiddlewareOptions = {},
): Middleware<TContext> {
  if (!isObject(logger) || typeof logger.info !== "function") {
    fail(
      "INVALID_MIDDLEWARE",
      `loggingMiddleware takes a logger from createLogger (got ${describeValue(logger)})`,
    );
  }
  const clock = options.clock ?? logger.now;
  return Object.freeze({
    name: "logging",
    before(ctx: TContext) {
      (ctx.custom as Record<string, unknown>)[STARTED_AT] = clock();
      logger.info("command started", commandFields(ctx));
    },
    after(ctx: TContext, result: CommandResult) {
      const startedAt = (ctx.custom as Record<string, unknown>)[STARTED_AT];
      const [level, outcome] = outcomeFields(result);
      logger.log(level, "command finished", {
        ...commandFields(ctx),
        ...outcome,
        ...(typeof startedAt === "number" && { durationMs: clock() - startedAt }),
      });
    },
  });
}
