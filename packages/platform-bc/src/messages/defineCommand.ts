import type { Command } from "@convex-es/platform-decider";
import type { input as ZodInput, output as ZodOutput } from "zod";
import { DefinitionChecker } from "../internal/checker.js";
import { checkBoundedContext, messageLabel } from "./messageFields.js";
import { checkSchema, schemaParsers } from "./schema.js";
import type { AnySchema, SchemaParsers } from "./schema.js";

/**
 * A command a bounded context handles: its type, the context, the zod schema of its payload
 * and what it is documented to do. `parse` / `safeParse` validate a payload; `create` builds a
 * validated `{ type, data, metadata? }` command for a decider.
 */
export interface CommandDefinition<
  TType extends string = string,
  TSchema extends AnySchema = AnySchema,
  TContext extends string = string,
> extends SchemaParsers<ZodOutput<TSchema>> {
  readonly kind: "command";
  readonly commandType: TType;
  readonly boundedContext: TContext;
  readonly payload: TSchema;
  readonly description: string | undefined;
  /** The aggregate the command acts on, e.g. "order". */
  readonly targetAggregate: string | undefined;
  /** True when the command creates its aggregate (no prior state is loaded). */
  readonly createsAggregate: boolean;
  /** Event types the command may produce. */
  readonly producesEvents: readonly string[];
  /** Rejection codes the command may return. */
  readonly errorCodes: readonly string[];
  /** Validates the payload and returns a frozen command message; throws like `parse`. */
  create<TMetadata = Record<string, unknown>>(
    payload: ZodInput<TSchema>,
    metadata?: TMetadata,
  ): Command<TType, ZodOutput<TSchema>, TMetadata>;
}

/** What `defineCommand` takes. */
export interface CommandDefinitionInput<
  TType extends string,
  TSchema extends AnySchema,
  TContext extends string,
> {
  readonly commandType: TType;
  readonly boundedContext: TContext;
  readonly payload: TSchema;
  readonly description?: string;
  readonly targetAggregate?: string;
  readonly createsAggregate?: boolean;
  readonly producesEvents?: readonly string[];
  readonly errorCodes?: readonly string[];
}

/** The command message a definition creates: `CommandOf<typeof submitOrder>`. */
export type CommandOf<D> =
  D extends CommandDefinition<infer TType, infer TSchema, string>
    ? Command<TType, ZodOutput<TSchema>>
    : never;

const COMMAND_FIELDS = [
  "commandType",
  "boundedContext",
  "payload",
  "description",
  "targetAggregate",
  "createsAggregate",
  "producesEvents",
  "errorCodes",
] as const;

/**
 * Validates and freezes a command definition. Refused with a `BoundedContextDefinitionError`
 * when the command type is not PascalCase, the context not camelCase, the payload not a zod
 * schema, or the documented events and codes are malformed or repeated.
 *
 * @example
 * export const submitOrder = defineCommand({
 *   commandType: "SubmitOrder",
 *   boundedContext: "orders",
 *   payload: z.object({ orderId: z.string() }),
 *   targetAggregate: "order",
 *   producesEvents: ["OrderSubmitted"],
 *   errorCodes: ["ORDER_NOT_IN_DRAFT"],
 * });
 * submitOrder.create({ orderId: "o-1" }); // { type: "SubmitOrder", data: { orderId: "o-1" } }
 */
export function defineCommand<
  const TType extends string,
  TSchema extends AnySchema,
  const TContext extends string,
>(
  definition: CommandDefinitionInput<TType, TSchema, TContext>,
): CommandDefinition<TType, TSchema, TContext> {
  const input: unknown = definition;
  const label = messageLabel("command", input, "commandType");
  const checker = DefinitionChecker.of(label, input, COMMAND_FIELDS);
  checker.name("commandType", { style: "PascalCase", example: "SubmitOrder" });
  checkBoundedContext(checker, "boundedContext");
  checkSchema(checker, "payload");
  const description = checker.description("description", true);
  checker.name("targetAggregate", { style: "camelCase", example: "order" }, true);
  const createsAggregate = checker.boolean("createsAggregate");
  const producesEvents = checker.nameList(
    "producesEvents",
    { style: "PascalCase", example: "OrderSubmitted" },
    "optional",
  );
  const errorCodes = checker.nameList(
    "errorCodes",
    { style: "SCREAMING_SNAKE_CASE", example: "ORDER_NOT_FOUND" },
    "optional",
  );
  checker.throwIfAny(label);

  const { commandType, payload } = definition;
  const parsers = schemaParsers<ZodOutput<TSchema>>(
    payload,
    "INVALID_COMMAND_PAYLOAD",
    "command",
    commandType,
  );
  return Object.freeze({
    kind: "command",
    commandType,
    boundedContext: definition.boundedContext,
    payload,
    description,
    targetAggregate: definition.targetAggregate,
    createsAggregate: createsAggregate ?? false,
    producesEvents: Object.freeze(producesEvents ?? []),
    errorCodes: Object.freeze(errorCodes ?? []),
    ...parsers,
    create<TMetadata>(data: ZodInput<TSchema>, metadata?: TMetadata) {
      const parsed = parsers.parse(data);
      return Object.freeze(
        metadata === undefined
          ? { type: commandType, data: parsed }
          : { type: commandType, data: parsed, metadata },
      );
    },
  });
}
