// Turning a client's call into a command for the orchestrator, and issuing the commands one
// command causes (follow-ups) in the same transaction.
import type {
  CallerIdentity,
  CommandOutcome,
  OrchestratedCommandConfig,
} from "@convex-es/platform-core";
import type { CommandDefinition } from "@convex-es/platform-bc";
import type { Auth } from "convex/server";
import { ConvexError } from "convex/values";
import { callerOf } from "./identity.js";
import { orchestrator } from "./runtime.js";
import { SHOP_TENANT_ID } from "./shop.js";
import type { OrchestratorCtx } from "@convex-es/platform-core";
import { checkClientCommandId, outcomeValue } from "./validators.js";
import type { Outcome } from "./validators.js";

/** A command's identity as it enters the app. */
export interface Issued {
  readonly commandId: string;
  readonly correlationId: string;
  readonly caller: CallerIdentity | null;
  readonly tenantId: string;
}

/** The client's command: its ids (the correlation defaults to the command) and its caller. */
export async function issuedBy(
  ctx: { auth: Auth },
  args: { commandId: string; correlationId?: string },
): Promise<Issued> {
  checkClientCommandId(args.commandId);
  return {
    commandId: args.commandId,
    correlationId: args.correlationId ?? args.commandId,
    caller: await callerOf(ctx),
    tenantId: SHOP_TENANT_ID,
  };
}

/** Runs a client's command through the orchestrator. */
export async function execute<TDefinition extends CommandDefinition>(
  ctx: OrchestratorCtx,
  config: OrchestratedCommandConfig<TDefinition, Record<string, unknown>>,
  issued: Issued,
  payload: unknown,
): Promise<Outcome> {
  return outcomeValue(await orchestrator.execute(ctx, config, { ...issued, payload }));
}

/**
 * Runs a command caused by `parent` in the same transaction: its id is `<parent id>:<step>`,
 * its cause the parent, its caller the parent's. The app asks the bounded context first (a
 * preview), so a follow-up that is not executed is a bug: it throws FOLLOW_UP_REFUSED, which
 * rolls the parent back too rather than commit half a decision.
 */
export async function followUp<TDefinition extends CommandDefinition>(
  ctx: OrchestratorCtx,
  config: OrchestratedCommandConfig<TDefinition, Record<string, unknown>>,
  parent: Issued,
  step: string,
  payload: unknown,
): Promise<CommandOutcome> {
  const commandId = `${parent.commandId}:${step}`;
  const outcome = await orchestrator.execute(ctx, config, {
    ...parent,
    commandId,
    causationId: parent.commandId,
    payload,
  });
  if (outcome.status !== "executed") {
    throw new ConvexError({
      code: "FOLLOW_UP_REFUSED",
      message: `command ${commandId} (${config.definition.commandType}), caused by ${parent.commandId}, was ${outcome.status}; the preview had accepted it, so the whole command was rolled back`,
      commandId,
      status: outcome.status,
      refusal: (outcome.result as { code?: string } | undefined)?.code ?? null,
    });
  }
  return outcome;
}
