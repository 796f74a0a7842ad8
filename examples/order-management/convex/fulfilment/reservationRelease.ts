// The reservation-release process manager: when a submitted order is cancelled, the stock its
// reservation still holds goes back on the shelf. One instance per order; it completes with the
// order's cancellation. The release is ReleaseReservation through the orchestrator, with the
// command id the process manager derives from the event, under its own system identity; a
// reservation already released (by the saga's compensation) or expired is executed with no
// event (contexts/inventory/release.ts), not dead-lettered.
import {
  defineProcessManager,
  ProcessManager,
  vProcessManagerDeadLetter,
  vProcessManagerDeadLetterStatus,
  vProcessManagerInstance,
  vProcessManagerResult,
} from "@convex-es/platform-core";
import type { PublishedEvent } from "@convex-es/platform-core";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import type { OrderEvent } from "../../src/orders/index.js";
import { internal } from "../_generated/api.js";
import { internalMutation, internalQuery } from "../_generated/server.js";
import { releaseHeldStockConfig } from "../inventory/configs.js";
import { reservationReleaseCaller } from "../platform/identity.js";
import { orchestrator } from "../platform/runtime.js";

type Cancelled = Extract<OrderEvent, { type: "OrderCancelled" }>["data"];

/** What the instance remembers: the reservation it released, if the order held one. */
export type ReleaseState = { readonly releasedReservationId: string | null };

function cancellationOf(event: PublishedEvent): Cancelled {
  const data = event.payload as Partial<Cancelled> | null;
  if (typeof data?.orderId !== "string") {
    throw new Error(`${event.eventType} ${event.eventId} has no orderId`);
  }
  return data as Cancelled;
}

export const reservationReleasePolicy = defineProcessManager<ReleaseState>({
  name: "reservationRelease",
  boundedContext: "inventory",
  eventTypes: ["OrderCancelled"],
  sourceContexts: ["orders"],
  initialState: { releasedReservationId: null },
  instanceIdOf: (event) => cancellationOf(event).orderId,
  react: (state, event) => {
    const { orderId, reason, previousStatus } = cancellationOf(event);
    // A draft never held stock; a submitted order's reservation is named after it.
    if (previousStatus !== "submitted") return { state, complete: true };
    return {
      state: { releasedReservationId: orderId },
      commands: [
        {
          commandType: "ReleaseReservation",
          payload: { reservationId: orderId, reason: `order cancelled: ${reason}` },
        },
      ],
      complete: true,
    };
  },
});

// Annotated: its options reference internal.fulfilment.reservationRelease, this module.
export const reservationRelease: ProcessManager<ReleaseState> = new ProcessManager(
  reservationReleasePolicy,
  {
    orchestrator,
    commands: { ReleaseReservation: releaseHeldStockConfig },
    functions: internal.fulfilment.reservationRelease,
    caller: reservationReleaseCaller,
  },
);

export const handle = internalMutation(reservationRelease.handleMutation());
export const react = internalMutation(reservationRelease.reactMutation());

/** The instance of an order: its lifecycle, state and the events it handled. */
export const getInstance = internalQuery({
  args: { orderId: v.string() },
  returns: v.union(v.null(), vProcessManagerInstance),
  handler: async (ctx, args) => reservationRelease.getInstance(ctx, args.orderId),
});

export const listDeadLetters = internalQuery({
  args: {
    status: v.optional(vProcessManagerDeadLetterStatus),
    paginationOpts: paginationOptsValidator,
  },
  returns: paginationResultValidator(vProcessManagerDeadLetter),
  handler: async (ctx, args) => reservationRelease.listDeadLetters(ctx, args),
});

export const retryDeadLetter = internalMutation({
  args: { eventId: v.string() },
  returns: vProcessManagerResult,
  handler: async (ctx, args) => reservationRelease.retryDeadLetter(ctx, args),
});

export const ignoreDeadLetter = internalMutation({
  args: { eventId: v.string(), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => reservationRelease.ignoreDeadLetter(ctx, args),
});
