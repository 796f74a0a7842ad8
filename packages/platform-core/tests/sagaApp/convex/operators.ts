// Saga admin operations offered to signed-in operators: public functions that check the
// caller's role before they touch a saga.
import { ConvexError, v } from "convex/values";
import {
  cancelSaga,
  inspectSaga,
  listSagas,
  retrySaga,
  vCancelSagaArgs,
  vInspectSagaArgs,
  vListSagasArgs,
  vRetrySagaResult,
  vSagaInspection,
  vSagaKey,
  vSagaPage,
  vSagaRecord,
} from "../../../src/index.js";
import { mutation, query } from "./_generated/server.js";
import type { QueryCtx } from "./_generated/server.js";
import { workflow } from "./sagas.js";

async function requireOperator(ctx: Pick<QueryCtx, "auth">): Promise<void> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) {
    throw new ConvexError({ code: "UNAUTHORIZED", message: "sign in to manage sagas" });
  }
  if (identity.role !== "operator") {
    throw new ConvexError({
      code: "FORBIDDEN",
      message: `${identity.subject} is not an operator; saga operations need the operator role`,
    });
  }
}

export const list = query({
  args: vListSagasArgs,
  returns: vSagaPage,
  handler: async (ctx, args) => {
    await requireOperator(ctx);
    return listSagas(ctx, args);
  },
});

export const inspect = query({
  args: vInspectSagaArgs,
  returns: v.union(v.null(), vSagaInspection),
  handler: async (ctx, args) => {
    await requireOperator(ctx);
    return inspectSaga(ctx, workflow, args);
  },
});

export const retry = mutation({
  args: vSagaKey,
  returns: vRetrySagaResult,
  handler: async (ctx, args) => {
    await requireOperator(ctx);
    return retrySaga(ctx, workflow, args);
  },
});

export const cancel = mutation({
  args: vCancelSagaArgs,
  returns: vSagaRecord,
  handler: async (ctx, args) => {
    await requireOperator(ctx);
    return cancelSaga(ctx, workflow, args);
  },
});
