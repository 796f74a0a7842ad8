import { upcastCMS } from "@convex-es/platform-bc";
import { ConvexError } from "convex/values";
import type { VersionedState } from "@convex-es/platform-bc";
import type {
  AnyCommand,
  AnyEvent,
  Decider,
  DecisionContext,
  DeciderOutput,
} from "@convex-es/platform-decider";
import type { ObjectType, PropertyValidators } from "convex/values";
import { vHandlerContextArgs, vHandlerResult } from "./handlerResult.js";
import type { HandlerContextArgs, HandlerEvent, HandlerResult } from "./handlerResult.js";
import type {
  HandlerCtx,
  HandlerOptionsBase,
  StoredCMS,
  StoredEventShape,
  StreamTarget,
} from "./types.js";

/** The part of a decider a handler for an existing entity uses. */
export interface ExistingEntityDecider<
  TState,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
> {
  decide(state: TState, command: TCommand, context: DecisionContext): DeciderOutput<TEvent>;
  evolve(state: TState, event: TEvent): TState | null;
}

/** Options of `createDeciderHandler`: a command on an entity that must exist. */
export interface DeciderHandlerOptions<
  TState extends object,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TArgs extends HandlerContextArgs,
  TCtx,
> extends HandlerOptionsBase<TState, TCommand, TArgs, TCtx> {
  /** A platform-decider `Decider`; one written for `TState | null` (creation too) fits. */
  readonly decider: ExistingEntityDecider<NoInfer<TState>, TCommand, TEvent>;
  /** Rejection when the CMS row is missing. Default code `ENTITY_NOT_FOUND`. */
  readonly notFoundCode?: string;
}

/** Options of `createEntityDeciderHandler`: a command that creates its entity. */
export interface EntityDeciderHandlerOptions<
  TState extends object,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TArgs extends HandlerContextArgs,
  TCtx,
> extends HandlerOptionsBase<TState, TCommand, TArgs, TCtx> {
  /** Decides on `null` (no entity yet); `evolve` folds the new events from `null`. */
  readonly decider: Pick<Decider<NoInfer<TState> | null, TCommand, TEvent>, "decide" | "evolve">;
  /** Rejection when the entity exists. Default code `ENTITY_ALREADY_EXISTS`. */
  readonly alreadyExistsCode?: string;
}

/**
 * A handler mutation's definition, to pass to the bounded context's `mutation(...)`: its args
 * are the decision context (`vHandlerContextArgs`) plus the command's own, it returns
 * `vHandlerResult`.
 */
export interface HandlerDefinition<TValidators extends PropertyValidators, TCtx> {
  readonly args: TValidators & typeof vHandlerContextArgs;
  readonly returns: typeof vHandlerResult;
  handler(ctx: TCtx, args: ObjectType<TValidators> & HandlerContextArgs): Promise<HandlerResult>;
}

/** The mutation definition of a handler: its args plus the decision context, `vHandlerResult`. */
export function definitionOf<TValidators extends PropertyValidators, TCtx>(
  args: TValidators,
  handler: HandlerDefinition<TValidators, TCtx>["handler"],
): HandlerDefinition<TValidators, TCtx> {
  return { args: { ...args, ...vHandlerContextArgs }, returns: vHandlerResult, handler };
}

/** The decision context a handler received. */
export function contextOf(args: HandlerContextArgs): DecisionContext {
  return { now: args.now, commandId: args.commandId, correlationId: args.correlationId };
}

/** A decider's event as the orchestrator stores it, with its definition's category and version. */
export function toHandlerEvent(
  event: AnyEvent,
  definitions: readonly StoredEventShape[] | undefined,
): HandlerEvent {
  if (definitions === undefined) return { eventType: event.type, payload: event.data };
  const definition = definitions.find((candidate) => candidate.eventType === event.type);
  if (definition === undefined) {
    throw new ConvexError({
      code: "EVENT_NOT_DEFINED",
      message: `the decider emitted ${event.type}, which is not among the handler's event definitions (${definitions.map((known) => known.eventType).join(", ")}); add its definition to the handler's \`events\``,
    });
  }
  return {
    eventType: event.type,
    payload: event.data,
    category: definition.category,
    schemaVersion: definition.schemaVersion,
  };
}

function describeStream(stream: StreamTarget): string {
  return `${stream.streamType}/${stream.streamId}`;
}

async function settle<TState extends object, TEvent extends AnyEvent, TArgs, TCtx>(
  ctx: TCtx,
  options: {
    readonly args: TArgs;
    readonly stream: StreamTarget;
    readonly previous: StoredCMS | null;
    readonly state: TState | null;
    readonly output: DeciderOutput<TEvent>;
    readonly evolve: (state: TState | null, event: TEvent) => TState | null;
    readonly currentVersion: number;
    readonly events: readonly StoredEventShape[] | undefined;
    readonly applyStateUpdate: HandlerOptionsBase<
      TState,
      AnyCommand,
      never,
      TCtx
    >["applyStateUpdate"];
  },
): Promise<HandlerResult> {
  const { args, stream, previous, state, output } = options;
  const before = previous?.version ?? 0;
  const write = async (next: TState | null, version: number, stateUpdate?: unknown) => {
    if (next === null) {
      throw new ConvexError({
        code: "INVALID_HANDLER_STATE",
        message: `handler of ${describeStream(stream)}: evolve returned null after the decision's events; the state after an accepted command must be an object`,
      });
    }
    await options.applyStateUpdate(ctx, {
      args: args as never,
      previous,
      state: { ...next, stateVersion: options.currentVersion } as TState & VersionedState,
      version,
      ...(stateUpdate !== undefined && { stateUpdate }),
    });
  };
  switch (output.status) {
    case "rejected":
      return {
        status: "rejected",
        code: output.code,
        message: output.message,
        ...(output.context !== undefined && { context: output.context }),
      };
    case "success": {
      // Mapped first: an event without a definition is refused before the CMS is written.
      const events = output.events.map((event) => toHandlerEvent(event, options.events));
      const next = output.events.reduce<TState | null>(options.evolve, state);
      const after = before + output.events.length;
      await write(next, after, output.stateUpdate);
      return {
        status: "success",
        events,
        ...(output.data !== undefined && { data: output.data }),
        cmsVersionBefore: before,
        cmsVersionAfter: after,
        ...stream,
      };
    }
    case "failed":
      // Nothing is written: the audit event goes to the failure stream (`failureStreamTypeOf`),
      // not the entity's, so the CMS version (= the entity stream's version) does not move.
      return {
        status: "failed",
        reason: output.reason,
        ...(output.event !== undefined && { event: toHandlerEvent(output.event, options.events) }),
        ...(output.context !== undefined && { context: output.context }),
        cmsVersionBefore: before,
        cmsVersionAfter: before,
        ...stream,
      };
    default: {
      const unknown: never = output;
      throw new ConvexError({
        code: "INVALID_HANDLER_STATE",
        message: `the decider answered ${JSON.stringify(unknown)}; expected a success, rejected or failed output`,
      });
    }
  }
}

/**
 * A handler for commands on an existing entity, to run inside the bounded context's own
 * mutation: returns the mutation's `args`, `returns` and `handler`. The handler loads and upcasts the CMS row, runs the pure decider with the decision context,
 * writes the evolved state (version + number of events) and returns a plain `HandlerResult`.
 * A missing row is a rejection (`ENTITY_NOT_FOUND` unless `notFoundCode` says otherwise).
 *
 * @example
 * const incrementHandler = createDeciderHandler({
 *   args: { counterId: v.string(), by: v.number() }, // plus the decision context
 *   decider: counterDecider,
 *   cms: counterCMS,
 *   toCommand: (args) => ({ type: "Increment", data: { by: args.by } }),
 *   streamOf: (args) => ({ streamType: "Counter", streamId: args.counterId }),
 *   loadCMS: loadCounter,
 *   applyStateUpdate: writeCounter,
 * });
 * export const increment = mutation(incrementHandler); // args, returns and handler
 */
export function createDeciderHandler<
  TState extends object,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TValidators extends PropertyValidators,
  TCtx = HandlerCtx,
>(
  options: DeciderHandlerOptions<
    TState,
    TCommand,
    TEvent,
    ObjectType<TValidators> & HandlerContextArgs,
    TCtx
  > & { readonly args: TValidators },
): HandlerDefinition<TValidators, TCtx> {
  type TArgs = ObjectType<TValidators> & HandlerContextArgs;
  return definitionOf(options.args, async (ctx, args: TArgs) => {
    const stream = options.streamOf(args);
    const previous = await options.loadCMS(ctx, args);
    if (previous === null) {
      return {
        status: "rejected",
        code: options.notFoundCode ?? "ENTITY_NOT_FOUND",
        message: `${describeStream(stream)} does not exist: create it first`,
        context: { ...stream },
      };
    }
    const { state } = upcastCMS(options.cms, previous.state);
    const output = options.decider.decide(state, options.toCommand(args), contextOf(args));
    return await settle<TState, TEvent, TArgs, TCtx>(ctx, {
      args,
      stream,
      previous,
      state,
      output,
      evolve: (s, e) => options.decider.evolve(s as TState, e),
      currentVersion: options.cms.currentVersion,
      events: options.events,
      applyStateUpdate: options.applyStateUpdate as never,
    });
  });
}

/**
 * A handler for a command that creates its entity: the decider decides on `null`, and an
 * existing CMS row is a rejection (`ENTITY_ALREADY_EXISTS` unless `alreadyExistsCode` says
 * otherwise). Otherwise like `createDeciderHandler`; the CMS row is inserted at version
 * `events.length`.
 */
export function createEntityDeciderHandler<
  TState extends object,
  TCommand extends AnyCommand,
  TEvent extends AnyEvent,
  TValidators extends PropertyValidators,
  TCtx = HandlerCtx,
>(
  options: EntityDeciderHandlerOptions<
    TState,
    TCommand,
    TEvent,
    ObjectType<TValidators> & HandlerContextArgs,
    TCtx
  > & { readonly args: TValidators },
): HandlerDefinition<TValidators, TCtx> {
  type TArgs = ObjectType<TValidators> & HandlerContextArgs;
  return definitionOf(options.args, async (ctx, args: TArgs) => {
    const stream = options.streamOf(args);
    const previous = await options.loadCMS(ctx, args);
    if (previous !== null) {
      return {
        status: "rejected",
        code: options.alreadyExistsCode ?? "ENTITY_ALREADY_EXISTS",
        message: `${describeStream(stream)} already exists (version ${previous.version}): a creation command cannot run twice`,
        context: { ...stream, version: previous.version },
      };
    }
    const output = options.decider.decide(null, options.toCommand(args), contextOf(args));
    return await settle<TState, TEvent, TArgs, TCtx>(ctx, {
      args,
      stream,
      previous: null,
      state: null,
      output,
      evolve: (s, e) => options.decider.evolve(s, e),
      currentVersion: options.cms.currentVersion,
      events: options.events,
      applyStateUpdate: options.applyStateUpdate as never,
    });
  });
}
