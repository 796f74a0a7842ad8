import type { GenericDataModel, GenericMutationCtx } from "convex/server";
import type { DeciderRejected } from "@convex-es/platform-decider";
import type { CommandConfig } from "../commands/commandConfig.js";
import type { CorrelationChain } from "../correlation/types.js";

/**
 * Who sends a command. The app resolves it (`ctx.auth.getUserIdentity()`, its users table) and
 * hands it in: `ctx.auth` does not cross component boundaries, so nothing below the app can
 * look it up. `null` is an anonymous caller.
 */
export interface CallerIdentity {
  /** Stable id of the user, e.g. Convex's `tokenIdentifier` or the app's own user id. */
  readonly userId: string;
  readonly roles?: readonly string[];
  readonly tenantId?: string;
  /** Anything else the app resolved (issuer, email, plan, ...). */
  readonly claims?: Readonly<Record<string, unknown>>;
}

/** The command as middleware sees it; `payload` is the validated one after validation. */
export interface MiddlewareCommand {
  readonly commandType: string;
  readonly payload: unknown;
}

/** What every middleware hook receives. Made by `createMiddlewareContext`. */
export interface MiddlewareContext<
  TConfig extends CommandConfig = CommandConfig,
  TCustom extends Record<string, unknown> = Record<string, unknown>,
> {
  readonly command: MiddlewareCommand;
  /** The command's config; `config.definition` is its platform-bc definition. */
  readonly config: TConfig;
  readonly correlation: CorrelationChain;
  readonly caller: CallerIdentity | null;
  /** Scratch space for one execution, shared by the hooks (e.g. a start time). Mutable. */
  readonly custom: TCustom;
  /**
   * The running mutation's ctx, when the CommandOrchestrator runs the pipeline: lets a hook call
   * components in the command's transaction (the rate limiter, say).
   */
  readonly mutationCtx?: MiddlewareMutationCtx;
}

/** What middleware may use of the running mutation's ctx. */
export type MiddlewareMutationCtx = Pick<
  GenericMutationCtx<GenericDataModel>,
  "runQuery" | "runMutation"
>;

/** What a command execution answers: anything with a `status`, such as a `DeciderOutput`. */
export interface CommandResult {
  readonly status: string;
}

/**
 * What `before` answers: nothing or `{ continue: true }` to go on (optionally with a new
 * context for the hooks and the handler after it), or `{ continue: false, result }` to stop the
 * chain with a rejection.
 */
export type BeforeResult<TContext extends MiddlewareContext = MiddlewareContext> =
  | void
  | { readonly continue: true; readonly ctx?: TContext }
  | { readonly continue: false; readonly result: DeciderRejected };

/**
 * A cross-cutting concern around command execution. `before` hooks run in registration order
 * and may stop the chain; `after` hooks run in reverse order for every middleware whose
 * `before` ran (or that was reached, if it has none), and observe the result.
 */
export interface Middleware<TContext extends MiddlewareContext = MiddlewareContext> {
  /** Unique within a pipeline: `validation`, `authorization`, `rateLimit`, ... */
  readonly name: string;
  before?(ctx: TContext): BeforeResult<TContext> | Promise<BeforeResult<TContext>>;
  after?(ctx: TContext, result: CommandResult): void | Promise<void>;
}
