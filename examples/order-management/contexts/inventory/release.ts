// Releasing the stock a reservation still holds, for callers that may come second: the fulfilment
// saga's compensation and the reservation-release process manager both release the stock of a
// cancelled order, and the expiry cron may have given it back before either. The decider refuses
// a second release (RESERVATION_NOT_HELD), as it should for a client; here a reservation that
// ended by a release or an expiry already is what the caller wants, so the command is executed
// with no event and no CMS write. Anything else (a held reservation, an unknown or an allocated
// one) is decided by the decider, exactly as ReleaseReservation.
import { createScopeKey } from "@convex-es/platform-store";
import type { HandlerResult } from "@convex-es/platform-core";
import { mutation } from "./_generated/server.js";
import { releaseReservationHandler, WAREHOUSE_SCOPE_TYPE } from "./handlers.js";
import { loadScope } from "./scope.js";

export const releaseHeldStock = mutation({
  ...releaseReservationHandler,
  handler: async (ctx, args): Promise<HandlerResult> => {
    const scope = await loadScope(ctx, {
      warehouseId: args.warehouseId,
      productIds: [],
      reservationIds: [args.reservationId],
    });
    const status = scope.state.reservations[args.reservationId]?.status;
    if (status === "released" || status === "expired") {
      return {
        status: "success",
        events: [],
        data: { reservationId: args.reservationId, alreadyEnded: status },
        cmsVersionBefore: scope.version,
        cmsVersionAfter: scope.version,
        scopeKey: createScopeKey(args.tenantId, WAREHOUSE_SCOPE_TYPE, args.warehouseId),
        streamType: WAREHOUSE_SCOPE_TYPE,
        streamId: args.warehouseId,
      };
    }
    return await releaseReservationHandler.handler(ctx, args);
  },
});
