import { rejected } from "@convex-es/platform-decider";
import { fail } from "../errors/coreError.js";
import { describeValue, isObject } from "../internal/describe.js";
import type { Middleware, MiddlewareContext } from "./types.js";

/** What `authorize` answers: `true`/`false`, or an object that can say why not. */
export type AuthorizationDecision =
  boolean | { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

export interface AuthorizationOptions<TContext extends MiddlewareContext = MiddlewareContext> {
  /** Decides for a caller (`ctx.caller`) and a command; may read the app's data. */
  authorize(ctx: TContext): AuthorizationDecision | Promise<AuthorizationDecision>;
  /** Let anonymous callers (`caller: null`) reach `authorize`. Default false: `UNAUTHORIZED`. */
  readonly allowAnonymous?: boolean;
}

function readDecision(decision: unknown): { allowed: boolean; reason?: string } {
  if (typeof decision === "boolean") return { allowed: decision };
  if (isObject(decision) && decision.allowed === true) return { allowed: true };
  if (isObject(decision) && decision.allowed === false && typeof decision.reason === "string") {
    // An empty reason is no reason: the message then says that the rule refused.
    return decision.reason === ""
      ? { allowed: false }
      : { allowed: false, reason: decision.reason };
  }
  return fail(
    "INVALID_MIDDLEWARE_RESULT",
    `authorize must return a boolean, { allowed: true } or { allowed: false, reason } (got ${describeValue(decision)})`,
  );
}

/**
 * Checks who may run a command. The caller comes from the context, where the app put it:
 * `ctx.auth` does not reach components, so identity is always passed in explicitly.
 *
 * - No caller and `allowAnonymous` not set: `rejected("UNAUTHORIZED", ...)`.
 * - `authorize` says no: `rejected("FORBIDDEN", ...)`; the message names the caller and the
 *   command, and the reason when there is one.
 *
 * @example
 * authorizationMiddleware({
 *   authorize: (ctx) =>
 *     ctx.caller?.roles?.includes("clerk") || { allowed: false, reason: "clerks only" },
 * });
 */
export function authorizationMiddleware<TContext extends MiddlewareContext = MiddlewareContext>(
  options: AuthorizationOptions<TContext>,
): Middleware<TContext> {
  if (!isObject(options) || typeof options.authorize !== "function") {
    fail(
      "INVALID_MIDDLEWARE",
      `authorizationMiddleware takes { authorize(ctx), allowAnonymous? } (got ${describeValue(options)})`,
    );
  }
  const allowAnonymous = options.allowAnonymous === true;
  return Object.freeze({
    name: "authorization",
    async before(ctx: TContext) {
      const { commandType } = ctx.command;
      if (ctx.caller === null && !allowAnonymous) {
        return {
          continue: false as const,
          result: rejected(
            "UNAUTHORIZED",
            `command "${commandType}" needs an authenticated caller, but none was given: the app resolves the identity (ctx.auth.getUserIdentity()) and passes it as the caller`,
            { commandType },
          ),
        };
      }
      const { allowed, reason } = readDecision(await options.authorize(ctx));
      if (allowed) return undefined;
      const who = ctx.caller === null ? "an anonymous caller" : `caller "${ctx.caller.userId}"`;
      return {
        continue: false as const,
        result: rejected(
          "FORBIDDEN",
          `${who} may not run command "${commandType}": ${reason ?? "the authorization rule refused it"}`,
          {
            commandType,
            ...(ctx.caller !== null && { userId: ctx.caller.userId }),
            ...(reason !== undefined && { reason }),
          },
        ),
      };
    },
  });
}
