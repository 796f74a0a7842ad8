// Who may run which command. Identity comes from the caller the app resolved (identity.ts).
import { isRootCommand } from "@convex-es/platform-core";
import type { AuthorizationDecision, MiddlewareContext } from "@convex-es/platform-core";
import { components } from "../_generated/api.js";
import { hasRole, STAFF_ROLE, SYSTEM_ROLE } from "./identity.js";

const staffOnly = (ctx: MiddlewareContext): AuthorizationDecision =>
  hasRole(ctx.caller, STAFF_ROLE) || { allowed: false, reason: "only staff may do this" };

/**
 * Commands the app issues itself because another command ran (the stock of a submitted order,
 * say): their correlation names that command as cause. Clients never send a causationId, so a
 * client cannot issue one.
 */
const followUpOnly = (ctx: MiddlewareContext): AuthorizationDecision =>
  !isRootCommand(ctx.correlation) || {
    allowed: false,
    reason: "stock is reserved, confirmed and released through the order's own commands",
  };

/** The app's own background work: the fulfilment saga, the process manager, the expiry cron. */
const isSystem = (ctx: MiddlewareContext): boolean => hasRole(ctx.caller, SYSTEM_ROLE);

/** The order's customer, or staff. An unknown order is left to the handler (ORDER_NOT_FOUND). */
async function ownerOrStaff(ctx: MiddlewareContext): Promise<AuthorizationDecision> {
  if (hasRole(ctx.caller, STAFF_ROLE)) return true;
  const { orderId } = ctx.command.payload as { orderId: string };
  const order = await ctx.mutationCtx!.runQuery(components.orders.queries.getOrder, { orderId });
  return (
    order === null ||
    order.customerId === ctx.caller?.userId || {
      allowed: false,
      reason: `order ${orderId} belongs to another customer`,
    }
  );
}

/** A customer registers themselves: the customerId is the caller's own userId. */
function selfOnly(ctx: MiddlewareContext): AuthorizationDecision {
  const { customerId } = ctx.command.payload as { customerId: string };
  return (
    customerId === ctx.caller?.userId || {
      allowed: false,
      reason: "customers register themselves: the customerId must be the caller's userId",
    }
  );
}

/** The rule of each command type; a command type missing here is refused. */
export async function authorize(ctx: MiddlewareContext): Promise<AuthorizationDecision> {
  switch (ctx.command.commandType) {
    case "RegisterCustomer":
      return selfOnly(ctx);
    case "CreateOrder":
      return true;
    case "AddOrderItem":
    case "RemoveOrderItem":
    case "SubmitOrder":
      return await ownerOrStaff(ctx);
    case "CancelOrder":
      // The fulfilment saga cancels an order it could not fulfil.
      return isSystem(ctx) || (await ownerOrStaff(ctx));
    case "CreateProduct":
    case "AddStock":
      return staffOnly(ctx);
    case "ConfirmOrder":
      return (
        isSystem(ctx) || {
          allowed: false,
          reason: "orders are confirmed by the fulfilment saga once their stock is held",
        }
      );
    case "ReserveStock":
    case "ConfirmReservation":
    case "ReleaseReservation":
      return isSystem(ctx) || followUpOnly(ctx);
    case "ExpireReservations":
      return isSystem(ctx) || { allowed: false, reason: "system only" };
    default:
      return { allowed: false, reason: "no authorization rule covers this command" };
  }
}
