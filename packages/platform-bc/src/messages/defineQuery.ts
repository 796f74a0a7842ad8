import type { PaginationResult } from "convex/server";
import type { output as ZodOutput } from "zod";
import { DefinitionChecker } from "../internal/checker.js";
import { checkBoundedContext, messageLabel } from "./messageFields.js";
import { checkSchema, schemaParsers } from "./schema.js";
import type { AnySchema, SchemaParsers } from "./schema.js";

/** How many rows a query returns: one or none, a bounded list, or a Convex page. */
export type QueryResultMode = "single" | "list" | "paginated";

export const QUERY_RESULT_MODES: readonly QueryResultMode[] = Object.freeze([
  "single",
  "list",
  "paginated",
]);

/**
 * A read-model query of a bounded context: its name, the zod schema of its args, the
 * projection it reads and how many rows it returns. `parse` / `safeParse` validate args.
 */
export interface QueryDefinition<
  TName extends string = string,
  TSchema extends AnySchema = AnySchema,
  TMode extends QueryResultMode = QueryResultMode,
  TContext extends string = string,
> extends SchemaParsers<ZodOutput<TSchema>> {
  readonly kind: "query";
  readonly queryName: TName;
  readonly boundedContext: TContext;
  readonly args: TSchema;
  readonly targetProjection: string | undefined;
  readonly resultMode: TMode;
  readonly description: string | undefined;
}

/** What `defineQuery` takes. */
export interface QueryDefinitionInput<
  TName extends string,
  TSchema extends AnySchema,
  TMode extends QueryResultMode,
  TContext extends string,
> {
  readonly queryName: TName;
  readonly boundedContext: TContext;
  readonly args: TSchema;
  readonly resultMode: TMode;
  readonly targetProjection?: string;
  readonly description?: string;
}

/**
 * The result type of a query for rows of type `TRow`: `TRow | null` for "single", `TRow[]` for
 * "list", Convex's `PaginationResult<TRow>` for "paginated".
 */
export type QueryResult<Q extends QueryDefinition, TRow> = Q["resultMode"] extends "single"
  ? TRow | null
  : Q["resultMode"] extends "list"
    ? TRow[]
    : Q["resultMode"] extends "paginated"
      ? PaginationResult<TRow>
      : never;

/** The parsed args type of a query: `QueryArgsOf<typeof getOrderSummary>`. */
export type QueryArgsOf<Q extends QueryDefinition> = ZodOutput<Q["args"]>;

const QUERY_FIELDS = [
  "queryName",
  "boundedContext",
  "args",
  "resultMode",
  "targetProjection",
  "description",
] as const;

/**
 * Validates and freezes a query definition. Refused with a `BoundedContextDefinitionError`
 * when the names are not camelCase, the args not a zod schema or the result mode not one of
 * "single", "list", "paginated" (`INVALID_RESULT_MODE`).
 *
 * @example
 * export const getOrderSummary = defineQuery({
 *   queryName: "getOrderSummary",
 *   boundedContext: "orders",
 *   args: z.object({ orderId: z.string() }),
 *   targetProjection: "orderSummary",
 *   resultMode: "single",
 * });
 */
export function defineQuery<
  const TName extends string,
  TSchema extends AnySchema,
  const TMode extends QueryResultMode,
  const TContext extends string,
>(
  definition: QueryDefinitionInput<TName, TSchema, TMode, TContext>,
): QueryDefinition<TName, TSchema, TMode, TContext> {
  const input: unknown = definition;
  const label = messageLabel("query", input, "queryName");
  const checker = DefinitionChecker.of(label, input, QUERY_FIELDS);
  checker.name("queryName", { style: "camelCase", example: "getOrderSummary" });
  checkBoundedContext(checker, "boundedContext");
  checkSchema(checker, "args");
  checker.oneOf("resultMode", QUERY_RESULT_MODES, {
    missing: "MISSING_FIELD",
    invalid: "INVALID_RESULT_MODE",
  });
  checker.name("targetProjection", { style: "camelCase", example: "orderSummary" }, true);
  const description = checker.description("description", true);
  checker.throwIfAny(label);

  const { queryName, args } = definition;
  return Object.freeze({
    kind: "query",
    queryName,
    boundedContext: definition.boundedContext,
    args,
    targetProjection: definition.targetProjection,
    resultMode: definition.resultMode,
    description,
    ...schemaParsers<ZodOutput<TSchema>>(args, "INVALID_QUERY_ARGS", "query", queryName),
  });
}
