import type { CommandDefinition } from "@convex-es/platform-bc";
import type { DecisionContext } from "@convex-es/platform-decider";
import type { FunctionReference, GenericDataModel, GenericMutationCtx } from "convex/server";
import type { CommandConfig, PayloadOf } from "../commands/commandConfig.js";
import type { CorrelationChain } from "../correlation/types.js";
import type { HandlerResult } from "../handlers/handlerResult.js";
import type { CallerIdentity } from "../middleware/types.js";
import type { PartitionKey } from "../partitioning/partitionKeys.js";

/** The context `execute` needs: the running mutation's component calls. */
export type OrchestratorCtx = Pick<
  GenericMutationCtx<GenericDataModel>,
  "runQuery" | "runMutation"
>;

/** The bounded context's handler mutation, as `components.<context>.<module>.<name>`. */
export type HandlerReference<TArgs extends Record<string, unknown> = Record<string, unknown>> =
  FunctionReference<"mutation", "public" | "internal", TArgs, HandlerResult, string | undefined>;

/**
 * How the orchestrator runs one command type: the platform-bc definition (commandType,
 * boundedContext, payload schema), the projections it triggers, the bounded context's handler
 * mutation and how its arguments are built from the validated payload and decision context.
 */
export interface OrchestratedCommandConfig<
  TDefinition extends CommandDefinition = CommandDefinition,
  THandlerArgs extends Record<string, unknown> = Record<string, unknown>,
> extends CommandConfig<TDefinition> {
  readonly handler: HandlerReference<THandlerArgs>;
  /** Spread `context` into the result: the handler's args include `vHandlerContextArgs`. */
  toHandlerArgs(payload: PayloadOf<TDefinition>, context: DecisionContext): THandlerArgs;
}

/** One command as it enters `execute`. The caller is explicit: `ctx.auth` does not cross components. */
export interface CommandInput {
  readonly commandId: string;
  readonly correlationId: string;
  /** The message that caused this command; absent for a root command. */
  readonly causationId?: string;
  readonly caller: CallerIdentity | null;
  readonly payload: unknown;
  /** The tenant owning the command's stream, if any. */
  readonly tenantId?: string;
}

/** A projection to bring up to date, with the partition its events belong to. */
export interface TriggeredProjection {
  readonly projection: string;
  readonly partitionKey: PartitionKey;
}

/**
 * What `onEventsAppended` receives once a command's events are in the store. For a scope (DCB)
 * command, `scopeKey` is set and `streamType`, `streamId` and `streamVersion` are the scope's
 * type, id and version; the events went to several streams of it.
 */
export interface EventsAppended {
  readonly commandType: string;
  readonly boundedContext: string;
  readonly streamType: string;
  readonly streamId: string;
  readonly tenantId?: string;
  readonly eventIds: readonly string[];
  /** The stream's version after the append (the scope's after a scope commit). */
  readonly streamVersion: number;
  readonly scopeKey?: string;
  readonly correlation: CorrelationChain;
  /** The config's projection triggers with their partition keys computed. */
  readonly projections: readonly TriggeredProjection[];
}

/** Step 6: runs in the command's transaction after the append and before the final status. */
export type OnEventsAppended = (ctx: OrchestratorCtx, appended: EventsAppended) => Promise<void>;

/**
 * The stored result of an executed command (what a duplicate gets back). For a scope (DCB)
 * command, `scopeKey` is set and the stream fields and `version` are the scope's type, id and
 * version.
 */
export interface ExecutedResult {
  readonly streamType: string;
  readonly streamId: string;
  readonly version: number;
  readonly scopeKey?: string;
  readonly data?: unknown;
}

/** The stored result of a rejected or failed command. */
export interface RefusedResult {
  readonly code: string;
  readonly message: string;
  readonly context?: unknown;
}

/**
 * What `execute` answers: the final status, its stored result and the events the command
 * produced. `duplicate` is true when the commandId was known and nothing ran.
 */
export type CommandOutcome =
  | {
      readonly status: "executed";
      readonly commandId: string;
      readonly result: ExecutedResult;
      readonly eventIds: readonly string[];
      readonly duplicate: boolean;
    }
  | {
      readonly status: "rejected" | "failed";
      readonly commandId: string;
      readonly result: RefusedResult;
      readonly eventIds: readonly string[];
      readonly duplicate: boolean;
    }
  | {
      /** A duplicate of a command recorded as pending by the asynchronous path. */
      readonly status: "pending";
      readonly commandId: string;
      readonly result?: unknown;
      readonly eventIds: readonly string[];
      readonly duplicate: true;
    };
