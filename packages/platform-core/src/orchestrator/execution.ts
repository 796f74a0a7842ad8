import type { CommandDefinition } from "@convex-es/platform-bc";
import type { DecisionContext } from "@convex-es/platform-decider";
import type { EventStore } from "@convex-es/platform-store";
import type { PayloadOf } from "../commands/commandConfig.js";
import type { CorrelationChain } from "../correlation/types.js";
import type { Logger } from "../logging/createLogger.js";
import type {
  CommandInput,
  OnEventsAppended,
  OrchestratedCommandConfig,
  OrchestratorCtx,
} from "./types.js";

/**
 * One command's run past the idempotency check: the mutation, the command as sent and as the
 * middleware left it, its correlation chain and decision clock, and what the writes need.
 */
export interface Execution<
  TDefinition extends CommandDefinition,
  THandlerArgs extends Record<string, unknown>,
> {
  readonly ctx: OrchestratorCtx;
  readonly config: OrchestratedCommandConfig<TDefinition, THandlerArgs>;
  readonly command: CommandInput;
  readonly chain: CorrelationChain;
  readonly context: DecisionContext;
  /** The payload after the middleware, which the handler decides on. */
  readonly payload: PayloadOf<TDefinition>;
  readonly eventStore: EventStore;
  readonly logger: Logger | undefined;
  readonly onEventsAppended: OnEventsAppended | undefined;
}
