import type { WorkflowManager } from "@convex-dev/workflow";
import { internalMutationGeneric, internalQueryGeneric } from "convex/server";
import { v } from "convex/values";
import { cancelSaga, inspectSaga, listSagas, retrySaga } from "./admin.js";
import { recordSagaCompletion } from "./completion.js";
import { vSagaCompletion } from "./outcome.js";
import { vSagaRecord } from "./schema.js";
import {
  vCancelSagaArgs,
  vInspectSagaArgs,
  vListSagasArgs,
  vRetrySagaResult,
  vSagaInspection,
  vSagaKey,
  vSagaPage,
} from "./validators.js";

/**
 * The app functions sagas need, all internal: the workflows' `onComplete` (the only place a
 * saga's outcome is recorded) and the admin operations. Export them from one Convex module and
 * give `internal.<module>.onComplete` to the `SagaRunner`. To offer an admin operation to
 * users, call `listSagas` / `inspectSaga` / `retrySaga` / `cancelSaga` from your own function
 * after an explicit authorization check.
 *
 * @example
 * // convex/sagaAdmin.ts
 * export const { onComplete, list, inspect, retry, cancel } = createSagaFunctions(workflow);
 */
export function createSagaFunctions(workflow: WorkflowManager) {
  return {
    /** Records how a saga's workflow ended: completed, compensated, failed or canceled. */
    onComplete: internalMutationGeneric({
      args: vSagaCompletion,
      returns: v.null(),
      handler: async (ctx, args) => recordSagaCompletion(ctx, args),
    }),
    /** Sagas by status and/or type, most recently changed first. */
    list: internalQueryGeneric({
      args: vListSagasArgs,
      returns: vSagaPage,
      handler: async (ctx, args) => listSagas(ctx, args),
    }),
    /** A saga, its workflow's state and its journal; null for an unknown saga. */
    inspect: internalQueryGeneric({
      args: vInspectSagaArgs,
      returns: v.union(v.null(), vSagaInspection),
      handler: async (ctx, args) => inspectSaga(ctx, workflow, args),
    }),
    /** Runs a failed saga again from the step that failed it. */
    retry: internalMutationGeneric({
      args: vSagaKey,
      returns: vRetrySagaResult,
      handler: async (ctx, args) => retrySaga(ctx, workflow, args),
    }),
    /** Cancels a running saga; its onComplete records `canceled`. */
    cancel: internalMutationGeneric({
      args: vCancelSagaArgs,
      returns: vSagaRecord,
      handler: async (ctx, args) => cancelSaga(ctx, workflow, args),
    }),
  };
}
