import { DefinitionChecker } from "../internal/checker.js";
import { isPlainObject } from "../internal/describe.js";
import { checkIdentity, IDENTITY_FIELDS, identityLabel } from "../identity/defineBoundedContext.js";
import type { BoundedContextIdentity } from "../identity/defineBoundedContext.js";

/** How a context persists: "dual-write" updates the CMS and appends events atomically. */
export type ExecutionMode = "dual-write";

export const EXECUTION_MODES: readonly ExecutionMode[] = Object.freeze(["dual-write"]);

/** One CMS (command model state) table of a context and the schema version it is at. */
export interface CMSTypeDeclaration {
  readonly currentVersion: number;
  readonly description?: string;
}

/**
 * The public API of a bounded context that uses the dual-write pattern: which commands it
 * handles, which events it produces, which CMS tables it keeps at which version and which
 * rejection codes it can return. Type parameters are inferred as literal unions.
 */
export interface DualWriteContract<
  TName extends string = string,
  TCommand extends string = string,
  TEvent extends string = string,
  TCMS extends string = string,
  TError extends string = string,
> {
  readonly identity: BoundedContextIdentity<TName>;
  readonly executionMode: ExecutionMode;
  readonly commandTypes: readonly TCommand[];
  readonly eventTypes: readonly TEvent[];
  readonly cmsTypes: Readonly<Record<TCMS, CMSTypeDeclaration>>;
  readonly errorCodes: readonly TError[];
}

/** Any contract, whatever its literal types. */
export type AnyDualWriteContract = DualWriteContract<string, string, string, string, string>;

/** The command types of a contract, as a union: `CommandTypeOf<typeof ordersContract>`. */
export type CommandTypeOf<C extends AnyDualWriteContract> = C["commandTypes"][number];
/** The event types of a contract, as a union. */
export type EventTypeOf<C extends AnyDualWriteContract> = C["eventTypes"][number];
/** The CMS type names of a contract, as a union. */
export type CMSTypeOf<C extends AnyDualWriteContract> = keyof C["cmsTypes"] & string;
/** The error codes of a contract, as a union. */
export type ErrorCodeOf<C extends AnyDualWriteContract> = C["errorCodes"][number];
/** The context name of a contract. */
export type ContextNameOf<C extends AnyDualWriteContract> = C["identity"]["name"];

const PASCAL_COMMAND = { style: "PascalCase", example: "SubmitOrder" } as const;
const PASCAL_EVENT = { style: "PascalCase", example: "OrderSubmitted" } as const;
const ERROR_CODE = { style: "SCREAMING_SNAKE_CASE", example: "ORDER_NOT_FOUND" } as const;

const CONTRACT_FIELDS = [
  "identity",
  "executionMode",
  "commandTypes",
  "eventTypes",
  "cmsTypes",
  "errorCodes",
] as const;

function checkCmsTypes(checker: DefinitionChecker): void {
  const value = checker.record.cmsTypes;
  const example = "{ orderCMS: { currentVersion: 1 } }";
  if (isPlainObject(value) && Object.keys(value).length === 0) {
    checker.add(
      "EMPTY_LIST",
      `cmsTypes is empty: a dual-write context keeps at least one CMS table, such as ${example}`,
    );
    return;
  }
  const names = isPlainObject(value) ? Object.keys(value) : [];
  const cmsTypes = checker.nested("cmsTypes", names, `an object such as ${example}`);
  if (cmsTypes === undefined) return;
  for (const name of names) {
    cmsTypes.checkName(`cmsTypes key ${JSON.stringify(name)}`, name, {
      style: "camelCase",
      example: "orderCMS",
    });
    const declaration = cmsTypes.nested(
      name,
      ["currentVersion", "description"],
      "an object such as { currentVersion: 1 }",
    );
    if (declaration === undefined) continue;
    declaration.positiveInteger("currentVersion");
    declaration.description("description", true);
  }
}

/**
 * Validates and freezes the contract of a dual-write bounded context. Refused with a
 * `BoundedContextDefinitionError` listing every problem: a malformed identity, an execution
 * mode other than "dual-write", empty or non-array lists, duplicates, names in the wrong case,
 * a type that is both a command and an event, error codes that are not SCREAMING_SNAKE_CASE,
 * CMS versions that are not positive integers. `errorCodes` may be empty; the other lists may
 * not.
 *
 * @example
 * export const ordersContract = defineDualWriteContract({
 *   identity: ordersContext,
 *   executionMode: "dual-write",
 *   commandTypes: ["CreateOrder", "SubmitOrder"],
 *   eventTypes: ["OrderCreated", "OrderSubmitted"],
 *   cmsTypes: { orderCMS: { currentVersion: 2 } },
 *   errorCodes: ["ORDER_NOT_FOUND"],
 * });
 * type OrderCommandType = CommandTypeOf<typeof ordersContract>; // "CreateOrder" | "SubmitOrder"
 */
export function defineDualWriteContract<
  const TName extends string,
  const TCommand extends string,
  const TEvent extends string,
  const TCMS extends string,
  const TError extends string = never,
>(contract: {
  readonly identity: BoundedContextIdentity<TName>;
  readonly executionMode: ExecutionMode;
  readonly commandTypes: readonly TCommand[];
  readonly eventTypes: readonly TEvent[];
  readonly cmsTypes: Readonly<Record<TCMS, CMSTypeDeclaration>>;
  readonly errorCodes: readonly TError[];
}): DualWriteContract<TName, TCommand, TEvent, TCMS, TError> {
  const input: unknown = contract;
  const identityName = (input as { identity?: { name?: unknown } } | null)?.identity?.name;
  const label = `dual-write contract of ${identityLabel(identityName)}`;
  const checker = DefinitionChecker.of(label, input, CONTRACT_FIELDS);

  const identity = checker.nested("identity", IDENTITY_FIELDS);
  if (identity !== undefined) checkIdentity(identity);
  checker.oneOf("executionMode", EXECUTION_MODES, {
    missing: "MISSING_FIELD",
    invalid: "UNKNOWN_EXECUTION_MODE",
  });
  const commands = checker.nameList("commandTypes", PASCAL_COMMAND, "non-empty");
  const events = checker.nameList("eventTypes", PASCAL_EVENT, "non-empty");
  checkCmsTypes(checker);
  checker.nameList("errorCodes", ERROR_CODE, "required");
  if (commands !== undefined && events !== undefined) {
    for (const type of commands.filter((command) => events.includes(command))) {
      checker.add(
        "AMBIGUOUS_MESSAGE_TYPE",
        `${JSON.stringify(type)} is listed in both commandTypes and eventTypes: a command is named for the request (SubmitOrder), an event for the fact (OrderSubmitted)`,
      );
    }
  }
  checker.throwIfAny(label);

  const cmsTypes = Object.fromEntries(
    Object.entries<CMSTypeDeclaration>(contract.cmsTypes).map(([name, declaration]) => [
      name,
      Object.freeze({ ...declaration }),
    ]),
  ) as Record<TCMS, CMSTypeDeclaration>;
  return Object.freeze({
    identity: Object.isFrozen(contract.identity)
      ? contract.identity
      : Object.freeze({ ...contract.identity }),
    executionMode: contract.executionMode,
    commandTypes: Object.freeze([...contract.commandTypes]),
    eventTypes: Object.freeze([...contract.eventTypes]),
    cmsTypes: Object.freeze(cmsTypes),
    errorCodes: Object.freeze([...contract.errorCodes]),
  });
}

/** True when the contract lists `type` among its command types; narrows `type`. */
export function handlesCommand<C extends AnyDualWriteContract>(
  contract: C,
  type: string,
): type is CommandTypeOf<C> {
  return contract.commandTypes.includes(type);
}

/** True when the contract lists `type` among its event types; narrows `type`. */
export function producesEvent<C extends AnyDualWriteContract>(
  contract: C,
  type: string,
): type is EventTypeOf<C> {
  return contract.eventTypes.includes(type);
}

/** True when the contract declares the error code; narrows `code`. */
export function declaresErrorCode<C extends AnyDualWriteContract>(
  contract: C,
  code: string,
): code is ErrorCodeOf<C> {
  return contract.errorCodes.includes(code);
}
