import { createScopeKey } from "@convex-es/platform-store";
import type {
  AnyCommand,
  AnyEvent,
  DecisionContext,
  DeciderOutput,
} from "@convex-es/platform-decider";
import { ConvexError } from "convex/values";
import type { ObjectType, PropertyValidators } from "convex/values";
import { contextOf, definitionOf, toHandlerEvent } from "./createDeciderHandler.js";
import type { HandlerDefinition } from "./createDeciderHandler.js";
import type { HandlerContextArgs, HandlerResult } from "./handlerResult.js";
import type { HandlerCtx, StoredEventShape, StreamTarget } from "./types.js";

/** The scope (DCB) a decision is made over; its key is `tenant:<tenantId>:<scopeType>:<scopeId>`. */
export interface ScopeTarget {
  readonly tenantId: string;
  readonly scopeType: string;
  readonly scopeId: string;
}

/** What a scope handler loads from its CMS before deciding. */
export interface LoadedScope<TState> {
  /** The part of the scope the command needs (the entities it touches), from the CMS rows. */
  readonly state: TState;
  /** The scope version the CMS reflects: the number of commits to the scope, 0 before the first. */
  readonly version: number;
}

/** What `applyScopeUpdate` writes: the evolved state and the scope version after the commit. */
export interface ScopeUpdate<TState, TArgs, TEvent> {
  readonly args: TArgs;
  readonly previous: LoadedScope<TState>;
  readonly state: TState;
  /** `previous.version + 1`: one commit bumps a scope's version once, whatever its events. */
  readonly version: number;
  /** The decision's events, so the writer knows which entities changed. */
  readonly events: readonly TEvent[];
  /** The decider's `stateUpdate`, if it gave one. */
  readonly stateUpdate?: unknown;
}

/** A pure decider over a scope's state: several entities of one bounded context. */
export interface ScopeDecider<TState, TCommand extends AnyCommand, TEvent extends AnyEvent> {
  decide(state: TState, command: TCommand, context: DecisionContext): DeciderOutput<TEvent>;
  evolve(state: TState, event: TEvent): TState;
}

/** Options of `createScopeDeciderHandler`. */
export interface ScopeDeciderHandlerOptions<
  TState extends object,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TArgs extends HandlerContextArgs,
  TCtx,
> {
  readonly decider: ScopeDecider<TState, TCommand, TEvent>;
  scopeOf(args: TArgs): ScopeTarget;
  /** The command the decider sees, from the handler's arguments. */
  toCommand(args: TArgs): TCommand;
  /**
   * Reads the scope's CMS: the rows the decision needs (through indexes) and the scope version
   * they reflect. Upcast stored rows here (`upcastCMS`): only the bounded context knows its tables.
   */
  loadScope(ctx: TCtx, args: TArgs): Promise<LoadedScope<TState>>;
  /** The stream of the scope an event belongs to, e.g. `{ streamType: "Product", streamId }`. */
  streamOf(event: TEvent): StreamTarget;
  /** Writes the entities the events changed and the scope version, in the command's transaction. */
  applyScopeUpdate(ctx: TCtx, update: ScopeUpdate<TState, TArgs, TEvent>): Promise<void>;
  /** The definitions of the events the decider emits: see `HandlerOptionsBase.events`. */
  readonly events?: readonly StoredEventShape[];
}

/**
 * A handler for a Dynamic Consistency Boundary command: one decision over several entities of a
 * scope (the products of a warehouse, say), to run inside the bounded context's own mutation.
 * It loads the scope's CMS, runs the pure decider, writes every changed row and the new scope
 * version, and returns the events with their streams and the `scopeKey`: the
 * CommandOrchestrator then commits them with `commitScope`, the scope at the version the
 * decision was made on, in the same transaction. So the CMS rows and the events of every stream
 * commit together or not at all. Rejections write nothing; a failure's audit event goes to the
 * scope's failure stream (`failureStreamTypeOf(scopeType)`, the scope id as streamId).
 *
 * @example
 * export const reserve = mutation(
 *   createScopeDeciderHandler({
 *     args: { warehouseId: v.string(), lines: v.array(vLine) }, // plus the decision context
 *     decider: stockDecider,
 *     scopeOf: (args) => ({ tenantId: "shop", scopeType: "warehouse", scopeId: args.warehouseId }),
 *     toCommand: (args) => ({ type: "ReserveStock", data: { lines: args.lines } }),
 *     loadScope: loadWarehouse, // the warehouse row (its version) and the products of the lines
 *     streamOf: (event) => ({ streamType: "Product", streamId: event.data.productId }),
 *     applyScopeUpdate: writeWarehouse,
 *   }),
 * );
 */
export function createScopeDeciderHandler<
  TState extends object,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TValidators extends PropertyValidators,
  TCtx = HandlerCtx,
>(
  options: ScopeDeciderHandlerOptions<
    TState,
    TCommand,
    TEvent,
    ObjectType<TValidators> & HandlerContextArgs,
    TCtx
  > & { readonly args: TValidators },
): HandlerDefinition<TValidators, TCtx> {
  type TArgs = ObjectType<TValidators> & HandlerContextArgs;
  return definitionOf(options.args, async (ctx, args: TArgs): Promise<HandlerResult> => {
    const target = options.scopeOf(args);
    // Refuses a malformed part (INVALID_SCOPE_KEY) before anything is read.
    const scopeKey = createScopeKey(target.tenantId, target.scopeType, target.scopeId);
    const scope = { scopeKey, streamType: target.scopeType, streamId: target.scopeId };
    const previous = await options.loadScope(ctx, args);
    const output = options.decider.decide(previous.state, options.toCommand(args), contextOf(args));
    switch (output.status) {
      case "rejected":
        return {
          status: "rejected",
          code: output.code,
          message: output.message,
          ...(output.context !== undefined && { context: output.context }),
        };
      case "failed":
        return {
          status: "failed",
          reason: output.reason,
          ...(output.event !== undefined && {
            event: toHandlerEvent(output.event, options.events),
          }),
          ...(output.context !== undefined && { context: output.context }),
          cmsVersionBefore: previous.version,
          cmsVersionAfter: previous.version,
          ...scope,
        };
      case "success": {
        const { events } = output;
        // Mapped first: an event without a definition is refused before the CMS is written.
        const stored = events.map((event) => ({
          ...toHandlerEvent(event, options.events),
          ...options.streamOf(event),
        }));
        const version = events.length === 0 ? previous.version : previous.version + 1;
        if (events.length > 0) {
          await options.applyScopeUpdate(ctx, {
            args,
            previous,
            state: events.reduce(options.decider.evolve, previous.state),
            version,
            events,
            ...(output.stateUpdate !== undefined && { stateUpdate: output.stateUpdate }),
          });
        }
        return {
          status: "success",
          events: stored,
          ...(output.data !== undefined && { data: output.data }),
          cmsVersionBefore: previous.version,
          cmsVersionAfter: version,
          ...scope,
        };
      }
      default: {
        const unknown: never = output;
        throw new ConvexError({
          code: "INVALID_HANDLER_STATE",
          message: `the decider answered ${JSON.stringify(unknown)}; expected a success, rejected or failed output`,
        });
      }
    }
  });
}
