import type { Event } from "@convex-es/platform-decider";
import type { input as ZodInput, output as ZodOutput } from "zod";
import { DefinitionChecker } from "../internal/checker.js";
import { checkUpcasters } from "../internal/upcastChain.js";
import type { Upcaster, UpcasterChain } from "../internal/upcastChain.js";
import { checkBoundedContext, messageLabel } from "./messageFields.js";
import { checkSchema, schemaParsers } from "./schema.js";
import type { AnySchema, SchemaParsers } from "./schema.js";

/**
 * What an event is for. `domain`: a fact inside its context, kept lean. `integration`: a
 * published fact other contexts consume, with a stable versioned contract. `trigger`: a thin
 * notification ("something changed, read it"). `fat`: carries the full state consumers need
 * (such as a customer snapshot), so they need not call back.
 */
export type EventCategory = "domain" | "integration" | "trigger" | "fat";

export const EVENT_CATEGORIES: readonly EventCategory[] = Object.freeze([
  "domain",
  "integration",
  "trigger",
  "fat",
]);

/** True when `value` is one of `EVENT_CATEGORIES`. */
export function isEventCategory(value: unknown): value is EventCategory {
  return typeof value === "string" && (EVENT_CATEGORIES as readonly string[]).includes(value);
}

/**
 * An event a bounded context produces: its type, the context, the version of its payload
 * schema, its category and the zod schema of its current payload. Older stored payloads are
 * brought forward by `upcasters` (see `upcastEvent`).
 */
export interface EventDefinition<
  TType extends string = string,
  TSchema extends AnySchema = AnySchema,
  TContext extends string = string,
> extends SchemaParsers<ZodOutput<TSchema>> {
  readonly kind: "event";
  readonly eventType: TType;
  readonly boundedContext: TContext;
  readonly schemaVersion: number;
  readonly category: EventCategory;
  readonly payload: TSchema;
  readonly description: string | undefined;
  readonly upcasters: UpcasterChain;
  /** Validates the payload and returns a frozen event message; throws like `parse`. */
  create<TMetadata = Record<string, unknown>>(
    payload: ZodInput<TSchema>,
    metadata?: TMetadata,
  ): Event<TType, ZodOutput<TSchema>, TMetadata>;
}

/** What `defineEvent` takes. */
export interface EventDefinitionInput<
  TType extends string,
  TSchema extends AnySchema,
  TContext extends string,
> {
  readonly eventType: TType;
  readonly boundedContext: TContext;
  readonly schemaVersion: number;
  readonly category: EventCategory;
  readonly payload: TSchema;
  readonly description?: string;
  /** `{ 1: (v1Payload) => v2Payload }`: one function for every version below `schemaVersion`. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

/** The event message a definition creates: `EventOf<typeof orderSubmitted>`. */
export type EventOf<D> =
  D extends EventDefinition<infer TType, infer TSchema, string>
    ? Event<TType, ZodOutput<TSchema>>
    : never;

const EVENT_FIELDS = [
  "eventType",
  "boundedContext",
  "schemaVersion",
  "category",
  "payload",
  "description",
  "upcasters",
] as const;

/**
 * Validates and freezes an event definition. Refused with a `BoundedContextDefinitionError`
 * when the event type is not PascalCase, the context not camelCase, `schemaVersion` not a
 * positive integer, the category missing or unknown (`INVALID_EVENT_CATEGORY`), the payload
 * not a zod schema, or the upcaster chain incomplete (`EVENT_UPCASTER_CHAIN_GAP`).
 *
 * @example
 * export const orderSubmitted = defineEvent({
 *   eventType: "OrderSubmitted",
 *   boundedContext: "orders",
 *   schemaVersion: 2,
 *   category: "fat",
 *   payload: z.object({ orderId: z.string(), customer: z.object({ name: z.string() }) }),
 *   upcasters: { 1: (v1) => ({ ...v1, customer: { name: "unknown" } }) },
 * });
 */
export function defineEvent<
  const TType extends string,
  TSchema extends AnySchema,
  const TContext extends string,
>(
  definition: EventDefinitionInput<TType, TSchema, TContext>,
): EventDefinition<TType, TSchema, TContext> {
  const input: unknown = definition;
  const label = messageLabel("event", input, "eventType");
  const checker = DefinitionChecker.of(label, input, EVENT_FIELDS);
  checker.name("eventType", { style: "PascalCase", example: "OrderSubmitted" });
  checkBoundedContext(checker, "boundedContext");
  const schemaVersion = checker.positiveInteger("schemaVersion");
  checker.oneOf("category", EVENT_CATEGORIES, {
    missing: "MISSING_FIELD",
    invalid: "INVALID_EVENT_CATEGORY",
  });
  checkSchema(checker, "payload");
  const description = checker.description("description", true);
  const upcasters = checkUpcasters(
    checker,
    "schemaVersion",
    schemaVersion,
    "EVENT_UPCASTER_CHAIN_GAP",
  );
  checker.throwIfAny(label);

  const { eventType, payload } = definition;
  const parsers = schemaParsers<ZodOutput<TSchema>>(
    payload,
    "INVALID_EVENT_PAYLOAD",
    "event",
    eventType,
  );
  return Object.freeze({
    kind: "event",
    eventType,
    boundedContext: definition.boundedContext,
    schemaVersion: definition.schemaVersion,
    category: definition.category,
    payload,
    description,
    upcasters: upcasters ?? Object.freeze({}),
    ...parsers,
    create<TMetadata>(data: ZodInput<TSchema>, metadata?: TMetadata) {
      const parsed = parsers.parse(data);
      return Object.freeze(
        metadata === undefined
          ? { type: eventType, data: parsed }
          : { type: eventType, data: parsed, metadata },
      );
    },
  });
}
