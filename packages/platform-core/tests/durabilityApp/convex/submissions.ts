// Order submission as a long-running operation bracketed by intent and outcome events.
import { v } from "convex/values";
import { IntentCompletion, vIdempotentAppendResult } from "../../../src/index.js";
import type { IntentCompletionOptions } from "../../../src/index.js";
import { internal } from "./_generated/api.js";
import { internalMutation, internalQuery } from "./_generated/server.js";
import { eventStore } from "./durableAppends.js";

export const SUBMISSION_TIMEOUT_MS = 5 * 60_000;

export const submissions: IntentCompletion = new IntentCompletion({
  eventStore,
  operations: {
    OrderSubmission: {
      intentEventType: "OrderSubmissionStarted",
      completionEventTypes: ["OrderSubmitted", "OrderSubmissionFailed"],
      abandonedEventType: "OrderSubmissionAbandoned",
      timeoutMs: SUBMISSION_TIMEOUT_MS,
    },
  },
  functions: (): ReturnType<IntentCompletionOptions["functions"]> => ({
    checkTimeout: internal.submissions.checkTimeout,
  }),
});

const streamOf = (orderId: string) => ({
  streamType: "OrderSubmission",
  streamId: orderId,
  boundedContext: "orders",
});

export const start = internalMutation({
  args: { orderId: v.string() },
  returns: vIdempotentAppendResult,
  handler: async (ctx, { orderId }) =>
    await submissions.recordIntent(ctx, {
      operationType: "OrderSubmission",
      operationId: orderId,
      stream: streamOf(orderId),
      metadata: { correlationId: `corr-${orderId}` },
      payload: { orderId },
    }),
});

export const complete = internalMutation({
  args: { orderId: v.string(), eventType: v.string() },
  returns: vIdempotentAppendResult,
  handler: async (ctx, { orderId, eventType }) =>
    await submissions.recordCompletion(ctx, {
      operationType: "OrderSubmission",
      operationId: orderId,
      stream: streamOf(orderId),
      metadata: { correlationId: `corr-${orderId}` },
      eventType,
      payload: { orderId },
    }),
});

export const checkTimeout = internalMutation(submissions.definitions.checkTimeout);

export const status = internalQuery({
  args: { orderId: v.string() },
  returns: v.object({
    status: v.string(),
    eventType: v.optional(v.string()),
  }),
  handler: async (ctx, { orderId }) => {
    const status = await submissions.status(ctx, {
      operationType: "OrderSubmission",
      operationId: orderId,
    });
    return "eventType" in status
      ? { status: status.status, eventType: status.eventType }
      : { status: status.status };
  },
});
