import type { ProjectionDefinition } from "@convex-es/platform-bc";
import type { EventEnvelope } from "@convex-es/platform-store";
import { CoreError } from "../errors/coreError.js";
import type { CoreProblem } from "../errors/coreError.js";
import { describeValue, isPlainObject } from "../internal/describe.js";
import type { PartitionConfig } from "../partitioning/partitionConfig.js";
import { isPartitionKey } from "../partitioning/partitionKeys.js";
import type { PartitionKey } from "../partitioning/partitionKeys.js";

/** Applies one event to the read model, in the catch-up job's transaction. */
export type ProjectionEventHandler<TCtx> = (ctx: TCtx, event: EventEnvelope) => Promise<void>;

/** Where an event goes: a `definePartitionConfig(...)`, or a function of the event. */
export type ProjectionPartitioning = PartitionConfig | ((event: EventEnvelope) => PartitionKey);

/** What `defineProjectionHandlers` takes: one handler per subscribed event type. */
export interface ProjectionHandlersInput<TCtx, TEvent extends string> {
  readonly partition: ProjectionPartitioning;
  readonly handlers: { readonly [K in TEvent]: ProjectionEventHandler<TCtx> };
}

/** A projection the runtime can run: its definition, partitioning and handlers. */
export interface ProjectionHandlers<TCtx = never, TName extends string = string> {
  readonly definition: ProjectionDefinition<TName>;
  readonly projectionName: TName;
  readonly eventTypes: readonly string[];
  /** The partition an event belongs to; throws when the event lacks what the key needs. */
  partitionKeyOf(event: EventEnvelope): PartitionKey;
  /** Runs the handler of the event's type. */
  apply(ctx: TCtx, event: EventEnvelope): Promise<void>;
}

function problemsOf(definition: unknown, input: unknown): CoreProblem[] {
  const problems: CoreProblem[] = [];
  const def = definition as Partial<ProjectionDefinition> | undefined;
  if (!isPlainObject(definition) || def?.kind !== "projection") {
    return [
      {
        code: "INVALID_PROJECTION_HANDLERS",
        message: `expected a projection made by defineProjection (got ${describeValue(definition)})`,
      },
    ];
  }
  const name = def.projectionName;
  const partition = isPlainObject(input) ? input.partition : undefined;
  if (typeof partition !== "function" && !(isPlainObject(partition) && "keyFor" in partition)) {
    problems.push({
      code: "PARTITION_KEY_REQUIRED",
      message: `projection "${name}" has no partition: declare partition: definePartitionConfig({ projection, strategy }) or (event) => byStream(event.streamId) (got ${describeValue(partition)})`,
    });
  }
  const handlers = isPlainObject(input) && isPlainObject(input.handlers) ? input.handlers : {};
  const subscribed = new Set(def.eventSubscriptions ?? []);
  for (const eventType of subscribed) {
    if (typeof handlers[eventType] !== "function") {
      problems.push({
        code: "PROJECTION_HANDLER_REQUIRED",
        message: `projection "${name}" subscribes to ${eventType} but has no handler for it: add handlers.${eventType}`,
      });
    }
  }
  for (const eventType of Object.keys(handlers)) {
    if (!subscribed.has(eventType)) {
      problems.push({
        code: "UNSUBSCRIBED_EVENT_HANDLER",
        message: `projection "${name}" has a handler for ${eventType}, which is not among its eventSubscriptions (${[...subscribed].join(", ")}): subscribe to it or remove the handler`,
      });
    }
  }
  return problems;
}

/**
 * Gives a projection definition its partitioning and its event handlers, checked when the module
 * loads: no partition (`PARTITION_KEY_REQUIRED`), a subscribed event without a handler
 * (`PROJECTION_HANDLER_REQUIRED`) or a handler for an event it does not subscribe to
 * (`UNSUBSCRIBED_EVENT_HANDLER`) is refused with every problem listed.
 *
 * @example
 * export const orderSummaryHandlers = defineProjectionHandlers(orderSummary, {
 *   partition: definePartitionConfig({ projection: orderSummary, strategy: "entity" }),
 *   handlers: {
 *     OrderCreated: async (ctx: MutationCtx, event) => {
 *       await ctx.db.insert("orderSummaries", { orderId: event.payload.orderId, items: 0 });
 *     },
 *   },
 * });
 */
export function defineProjectionHandlers<TCtx, TName extends string, TEvent extends string>(
  definition: ProjectionDefinition<TName, ProjectionDefinition["category"], TEvent>,
  input: ProjectionHandlersInput<TCtx, TEvent>,
): ProjectionHandlers<TCtx, TName> {
  const problems = problemsOf(definition, input);
  if (problems.length > 0) {
    throw new CoreError(
      problems as [CoreProblem, ...CoreProblem[]],
      `projection "${String(definition?.projectionName)}"`,
    );
  }
  const { partition, handlers } = input;
  const keyOf =
    typeof partition === "function" ? partition : (e: EventEnvelope) => partition.keyFor(e);
  const name = definition.projectionName;
  return Object.freeze({
    definition,
    projectionName: name,
    eventTypes: Object.freeze([...definition.eventSubscriptions]),
    partitionKeyOf(event: EventEnvelope): PartitionKey {
      const key: unknown = keyOf(event);
      if (!isPartitionKey(key)) {
        throw new CoreError([
          {
            code: "INVALID_PARTITION_KEY",
            message: `projection "${name}": the partition of event ${event.eventType} ${event.eventId} must be a partition key such as byStream(id) (got ${describeValue(key)})`,
          },
        ]);
      }
      return key;
    },
    async apply(ctx: TCtx, event: EventEnvelope): Promise<void> {
      const handler = (handlers as Record<string, ProjectionEventHandler<TCtx> | undefined>)[
        event.eventType
      ];
      if (handler === undefined) {
        throw new CoreError([
          {
            code: "UNSUBSCRIBED_EVENT_HANDLER",
            message: `projection "${name}" was given event ${event.eventType} ${event.eventId}, which it does not subscribe to`,
          },
        ]);
      }
      await handler(ctx, event);
    },
  });
}
