// Sign-up in two steps: the username is reserved while the user fills in the rest, then the
// account is created and the reservation confirmed in one transaction.
import { ConvexError, v } from "convex/values";
import { vConfirmResult, vReserveResult } from "../../../src/index.js";
import { internalMutation } from "./_generated/server.js";
import { reservations } from "./reservations.js";

export const start = internalMutation({
  args: { username: v.string(), visitorId: v.string() },
  returns: vReserveResult,
  handler: async (ctx, { username, visitorId }) =>
    await reservations.reserve(ctx, {
      type: "username",
      value: username.toLowerCase(),
      holder: visitorId,
    }),
});

export const complete = internalMutation({
  args: { reservationId: v.string(), username: v.string(), email: v.string() },
  returns: vConfirmResult,
  handler: async (ctx, { reservationId, username, email }) => {
    const accountId = await ctx.db.insert("accounts", { username: username.toLowerCase(), email });
    const result = await reservations.confirm(ctx, { reservationId, entityId: accountId });
    // Anything but a fresh confirmation means the username is not ours: no account. Throwing
    // rolls the insert back; the reservation was not changed, so nothing is lost.
    if (result.status !== "confirmed") {
      throw new ConvexError({
        code: "USERNAME_NOT_RESERVED",
        message: `the reservation of ${username} is ${result.status}; expected an active reservation to confirm, so no account was created`,
      });
    }
    return result;
  },
});
