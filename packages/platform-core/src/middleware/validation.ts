import { rejected } from "@convex-es/platform-decider";
import type { Middleware, MiddlewareContext } from "./types.js";

/**
 * Validates the payload with the zod schema of the command's platform-bc definition
 * (`config.definition`). A valid payload is replaced by the parsed one for the hooks and the
 * handler after it (defaults applied, unknown keys handled as the schema says). An invalid one
 * stops the chain with `rejected("INVALID_COMMAND_PAYLOAD", message, { commandType, issues })`;
 * the message lists every issue with its path:
 *
 * ```
 * command "SubmitOrder": payload is invalid (2 issues):
 *   - orderId: Invalid input: expected string, received number
 *   - items[0].quantity: Too small: expected number to be >0
 * ```
 */
export function validationMiddleware<
  TContext extends MiddlewareContext = MiddlewareContext,
>(): Middleware<TContext> {
  return Object.freeze({
    name: "validation",
    before(ctx: TContext) {
      const parsed = ctx.config.definition.safeParse(ctx.command.payload);
      if (!parsed.success) {
        return {
          continue: false as const,
          result: rejected("INVALID_COMMAND_PAYLOAD", parsed.error.message, {
            commandType: ctx.command.commandType,
            issues: parsed.error.issues.map(({ path, message }) => ({ path, message })),
          }),
        };
      }
      const command = Object.freeze({ ...ctx.command, payload: parsed.data });
      return { continue: true as const, ctx: Object.freeze({ ...ctx, command }) };
    },
  });
}
