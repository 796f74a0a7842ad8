// Who is calling, as this app sees it and as the accounts component sees it.
import { v } from "convex/values";
import { components } from "./_generated/api.js";
import { internalQuery } from "./_generated/server.js";

export const identities = internalQuery({
  args: {},
  returns: v.object({
    inApp: v.union(v.null(), v.object({ subject: v.string() })),
    inComponent: v.union(v.null(), v.object({ subject: v.string() })),
  }),
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    return {
      inApp: identity === null ? null : { subject: identity.subject },
      inComponent: await ctx.runQuery(components.accounts.queries.identitySeen, {}),
    };
  },
});
