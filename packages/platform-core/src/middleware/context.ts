import type { UserIdentity } from "convex/server";
import type { CommandConfig } from "../commands/commandConfig.js";
import type { CorrelationChain } from "../correlation/types.js";
import { fail } from "../errors/coreError.js";
import { describeValue, isNonEmptyString, isPlainObject } from "../internal/describe.js";
import type { CallerIdentity, MiddlewareContext, MiddlewareMutationCtx } from "./types.js";

/** What `createMiddlewareContext` takes. */
export interface MiddlewareContextInput<
  TConfig extends CommandConfig,
  TCustom extends Record<string, unknown>,
> {
  readonly config: TConfig;
  /** The payload as received; validation middleware replaces it with the parsed one. */
  readonly payload: unknown;
  readonly correlation: CorrelationChain;
  /** Resolved by the app; `null` (the default) for an anonymous caller. */
  readonly caller?: CallerIdentity | null;
  readonly custom?: TCustom;
  /** The running mutation's ctx; the CommandOrchestrator passes its own. */
  readonly mutationCtx?: MiddlewareMutationCtx;
}

function checkCaller(caller: unknown): CallerIdentity | null {
  if (caller === null || caller === undefined) return null;
  if (isPlainObject(caller) && isNonEmptyString(caller.userId)) {
    return Object.freeze({ ...(caller as unknown as CallerIdentity) });
  }
  return fail(
    "INVALID_MIDDLEWARE_CONTEXT",
    `caller must be null (anonymous) or an identity { userId, roles?, tenantId?, claims? } with a non-empty userId (got ${describeValue(caller)})`,
  );
}

/**
 * The context a pipeline runs with: the command (its type taken from the config's
 * definition), the config, the correlation chain, the caller and an empty custom bag.
 *
 * @example
 * const ctx = createMiddlewareContext({
 *   config: submitOrderConfig,
 *   payload: args.payload,
 *   correlation: chain,
 *   caller: callerFromUserIdentity(await ctx.auth.getUserIdentity()),
 * });
 */
export function createMiddlewareContext<
  TConfig extends CommandConfig,
  TCustom extends Record<string, unknown> = Record<string, unknown>,
>(input: MiddlewareContextInput<TConfig, TCustom>): MiddlewareContext<TConfig, TCustom> {
  const commandType = (input?.config as { definition?: { commandType?: unknown } } | undefined)
    ?.definition?.commandType;
  if (!isNonEmptyString(commandType)) {
    return fail(
      "INVALID_MIDDLEWARE_CONTEXT",
      `config must be a command config whose definition comes from defineCommand (got ${describeValue(input?.config)})`,
    );
  }
  const correlation: unknown = input.correlation;
  if (
    !isPlainObject(correlation) ||
    !isNonEmptyString(correlation.commandId) ||
    !isNonEmptyString(correlation.correlationId)
  ) {
    return fail(
      "INVALID_MIDDLEWARE_CONTEXT",
      `correlation must be a chain from createCorrelationChain or deriveCausation (got ${describeValue(correlation)})`,
    );
  }
  return Object.freeze({
    command: Object.freeze({ commandType, payload: input.payload }),
    config: input.config,
    correlation: input.correlation,
    caller: checkCaller(input.caller),
    custom: input.custom ?? ({} as TCustom),
    ...(input.mutationCtx !== undefined && { mutationCtx: input.mutationCtx }),
  });
}

/**
 * A caller from Convex's `ctx.auth.getUserIdentity()`: `userId` is the identity's
 * `tokenIdentifier` (unique across providers) unless the app passes its own user id.
 *
 * @example
 * const caller = callerFromUserIdentity(await ctx.auth.getUserIdentity(), { roles: ["admin"] });
 */
export function callerFromUserIdentity(
  identity: UserIdentity | null,
  extra: Omit<CallerIdentity, "userId" | "claims"> & { readonly userId?: string } = {},
): CallerIdentity | null {
  if (identity === null) return null;
  const { tokenIdentifier, ...claims } = identity;
  return checkCaller({ ...extra, userId: extra.userId ?? tokenIdentifier, claims });
}
