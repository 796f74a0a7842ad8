import type { CMSDefinition, EventDefinition, VersionedState } from "@convex-es/platform-bc";
import type { AnyCommand } from "@convex-es/platform-decider";
import type { GenericDataModel, GenericMutationCtx } from "convex/server";
import type { HandlerContextArgs } from "./handlerResult.js";

/** A CMS row as a handler reads it: the stored snapshot and its optimistic-concurrency version. */
export interface StoredCMS {
  /** The snapshot as stored, with the `stateVersion` it was written at. */
  readonly state: VersionedState | Record<string, unknown>;
  /** How many events the entity's stream holds: the stream version the CMS reflects. */
  readonly version: number;
  /** Anything the writer needs to find the row again (its `_id`, say). */
  readonly ref?: unknown;
}

/** The stream a command's events go to. */
export interface StreamTarget {
  readonly streamType: string;
  readonly streamId: string;
}

/** What `applyStateUpdate` writes: the new snapshot at the definition's current schema. */
export interface CMSUpdate<TState, TArgs> {
  readonly args: TArgs;
  /** The row before the command, or null when the command creates the entity. */
  readonly previous: StoredCMS | null;
  readonly state: TState & VersionedState;
  /** The new version: the previous one plus the number of events appended. */
  readonly version: number;
  /** The decider's `stateUpdate`, if it gave one. */
  readonly stateUpdate?: unknown;
}

/** What a handler needs of an event's definition to store it: its category and schema version. */
export type StoredEventShape = Pick<EventDefinition, "eventType" | "category" | "schemaVersion">;

/** The parts a handler factory shares between entity creation and updates. */
export interface HandlerOptionsBase<
  TState extends object,
  TCommand extends AnyCommand,
  TArgs extends HandlerContextArgs,
  TCtx,
> {
  readonly cms: CMSDefinition<TState>;
  /** The command the decider sees, from the handler's arguments. */
  toCommand(args: TArgs): TCommand;
  streamOf(args: TArgs): StreamTarget;
  /** Reads the CMS row from the bounded context's own table (through an index), or null. */
  loadCMS(ctx: TCtx, args: TArgs): Promise<StoredCMS | null>;
  /** Inserts (previous is null) or patches the row, setting `version`. */
  applyStateUpdate(ctx: TCtx, update: CMSUpdate<TState, TArgs>): Promise<void>;
  /**
   * The definitions of the events the decider emits (`defineEvent`, `defineFatEvent`): each
   * event is stored with its definition's category and schema version, and an event type
   * without a definition is refused (EVENT_NOT_DEFINED). Without it events are stored as
   * `domain`, schema version 1.
   */
  readonly events?: readonly StoredEventShape[];
}

/** The default context of a handler: any mutation context. */
export type HandlerCtx = GenericMutationCtx<GenericDataModel>;
