import type { ProjectionStore } from "@convex-es/platform-projections";
import { MAX_READ_LIMIT } from "@convex-es/platform-store";
import type { EventStore } from "@convex-es/platform-store";
import type { GenericDataModel, GenericQueryCtx } from "convex/server";
import { ConvexError } from "convex/values";
import type { PartitionKey } from "../partitioning/partitionKeys.js";
import type { ReactiveProjection } from "./defineReactiveProjection.js";
import { toReactiveEvent } from "./reactiveEvent.js";
import type { ReactiveSnapshot } from "./reactiveEvent.js";

/** What the reactive read needs of a query's ctx. */
export type ReactiveQueryCtx = Pick<GenericQueryCtx<GenericDataModel>, "runQuery">;

/** The stream a reactive view folds, with the tenant the caller reads it as. */
export interface ReactiveSource {
  readonly streamType: string;
  readonly streamId: string;
  /** The partition of the durable projection that holds the stream's events. */
  readonly partition: PartitionKey;
  readonly tenantId?: string | undefined;
}

export interface ReactiveStores {
  readonly eventStore: EventStore;
  readonly projectionStore: ProjectionStore;
}

type StreamRead = Pick<ReactiveSource, "streamType" | "streamId" | "tenantId">;

async function positionAt(
  ctx: ReactiveQueryCtx,
  eventStore: EventStore,
  stream: StreamRead,
  version: number,
): Promise<number> {
  const page = await eventStore.readStream(ctx, { ...stream, fromVersion: version, limit: 1 });
  const event = page.events[0];
  if (event === undefined) {
    // Versions have no gaps: a missing one means the store broke its own invariant.
    throw new ConvexError({
      code: "STREAM_VERSION_MISSING",
      message: `stream ${stream.streamType}/${stream.streamId} has no event at version ${version}, below its current version: expected one event per version`,
    });
  }
  return event.globalPosition;
}

/**
 * The first version of the stream whose event lies after `position`, or null when none does.
 * A stream's positions rise with its versions (decision 0004), so the search gallops back from
 * the tail, where the events a projection has not applied are, then halves the last step:
 * a few one-event reads when few events are pending, O(log n) at worst.
 */
async function firstVersionAfter(
  ctx: ReactiveQueryCtx,
  eventStore: EventStore,
  stream: StreamRead,
  position: number,
): Promise<number | null> {
  const version = await eventStore.getStreamVersion(ctx, stream);
  if (version === 0 || (await positionAt(ctx, eventStore, stream, version)) <= position) {
    return null;
  }
  let after = version; // its event lies after `position`
  let before = 0; // its event (0: none) does not
  for (let step = 1; after - step >= 1; step *= 2) {
    const probe = after - step;
    if ((await positionAt(ctx, eventStore, stream, probe)) <= position) {
      before = probe;
      break;
    }
    after = probe;
  }
  while (after - before > 1) {
    const middle = Math.floor((after + before) / 2);
    if ((await positionAt(ctx, eventStore, stream, middle)) > position) after = middle;
    else before = middle;
  }
  return after;
}

/**
 * The durable position of the stream's partition (its checkpoint) and the stream's events after
 * it that the projection subscribes to, at most `limit` of them, read with the caller's tenant
 * (a tenant's stream refuses any other with TENANT_MISMATCH). Read in one query, the checkpoint
 * and the read model come from one snapshot, and the checkpoint moves in the transaction that
 * writes the read model: the events returned are exactly the ones the read model lacks.
 */
export async function readReactiveEvents(
  ctx: ReactiveQueryCtx,
  stores: ReactiveStores,
  reactive: Pick<ReactiveProjection<unknown>, "projectionName" | "subscribesTo">,
  source: ReactiveSource,
  limit: number,
): Promise<Omit<ReactiveSnapshot<unknown>, "state">> {
  const checkpoint = await stores.projectionStore.getCheckpoint(ctx, {
    projection: reactive.projectionName,
    partitionKey: source.partition.value,
  });
  const durablePosition = checkpoint?.lastPosition ?? 0;
  const durableEventId = checkpoint?.lastEventId ?? null;
  const stream: StreamRead = {
    streamType: source.streamType,
    streamId: source.streamId,
    ...(source.tenantId !== undefined && { tenantId: source.tenantId }),
  };
  const from = await firstVersionAfter(ctx, stores.eventStore, stream, durablePosition);
  if (from === null) return { durablePosition, durableEventId, events: [], hasMore: false };
  const page = await stores.eventStore.readStream(ctx, {
    ...stream,
    fromVersion: from,
    limit: Math.min(limit, MAX_READ_LIMIT),
  });
  return {
    durablePosition,
    durableEventId,
    events: page.events.filter((e) => reactive.subscribesTo(e.eventType)).map(toReactiveEvent),
    hasMore: !page.isDone,
  };
}
