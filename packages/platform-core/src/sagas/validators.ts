import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import type { Infer } from "convex/values";
import { vSagaRecord } from "./schema.js";
import { vSagaStatus } from "./status.js";

/** Names one saga: sagaIds are unique per saga type. */
export const vSagaKey = v.object({ sagaType: v.string(), sagaId: v.string() });
export type SagaKey = Infer<typeof vSagaKey>;

/** Arguments of `list`: filter by status and/or type, newest change first, paged. */
export const vListSagasArgs = v.object({
  status: v.optional(vSagaStatus),
  sagaType: v.optional(v.string()),
  paginationOpts: paginationOptsValidator,
});
export type ListSagasArgs = Infer<typeof vListSagasArgs>;

export const vSagaPage = v.object({
  page: v.array(vSagaRecord),
  isDone: v.boolean(),
  continueCursor: v.string(),
});
export type SagaPage = Infer<typeof vSagaPage>;

/** One step of the saga's workflow journal, as `inspect` shows it. */
export const vSagaJournalStep = v.object({
  stepNumber: v.number(),
  /** The saga step (`reserveStock`), its compensation (`compensate:reserveStock`) or the event. */
  name: v.string(),
  kind: v.union(
    v.literal("function"),
    v.literal("workflow"),
    v.literal("event"),
    v.literal("sleep"),
  ),
  status: v.union(
    v.literal("inProgress"),
    v.literal("success"),
    v.literal("failed"),
    v.literal("canceled"),
  ),
  startedAt: v.number(),
  completedAt: v.optional(v.number()),
  /** The full error of a failed step. */
  error: v.optional(v.string()),
});
export type SagaJournalStep = Infer<typeof vSagaJournalStep>;

export const vInspectSagaArgs = v.object({
  sagaType: v.string(),
  sagaId: v.string(),
  /** How many journal steps to return, oldest first: 1 to 500, default 100. */
  stepLimit: v.optional(v.number()),
});
export type InspectSagaArgs = Infer<typeof vInspectSagaArgs>;

/** A saga, what its workflow is doing and its journal. */
export const vSagaInspection = v.object({
  saga: vSagaRecord,
  workflow: v.object({
    state: v.union(
      v.literal("inProgress"),
      v.literal("completed"),
      v.literal("failed"),
      v.literal("canceled"),
    ),
    /** Names of the steps the workflow is waiting on (a running step, an awaited event). */
    waitingOn: v.array(v.string()),
  }),
  steps: v.array(vSagaJournalStep),
  moreSteps: v.boolean(),
});
export type SagaInspection = Infer<typeof vSagaInspection>;

export const vRetrySagaResult = v.object({
  saga: vSagaRecord,
  /** The failed journal step the retry runs again; null when the whole journal is replayed. */
  resumedFrom: v.union(v.null(), v.object({ stepNumber: v.number(), name: v.string() })),
});
export type RetrySagaResult = Infer<typeof vRetrySagaResult>;

export const vCancelSagaArgs = v.object({
  sagaType: v.string(),
  sagaId: v.string(),
  /** Why the saga is canceled; kept on the saga. */
  reason: v.string(),
});
export type CancelSagaArgs = Infer<typeof vCancelSagaArgs>;
