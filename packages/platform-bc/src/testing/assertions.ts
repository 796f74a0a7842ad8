import type { CMSDefinition } from "../cms/defineCms.js";
import { upcastCMS } from "../cms/upcastCms.js";
import type { AnyDualWriteContract } from "../contract/defineDualWriteContract.js";
import { isBoundedContextDefinitionError } from "../errors/definitionError.js";
import type {
  DefinitionErrorCode,
  BoundedContextDefinitionError,
} from "../errors/definitionError.js";
import type { CommandDefinition } from "../messages/defineCommand.js";
import type { EventDefinition } from "../messages/defineEvent.js";
import type { ProjectionCategory } from "../projections/categories.js";
import type { ProjectionDefinition } from "../projections/defineProjection.js";
import { differences } from "./deepEqual.js";

/** What `assertContractCovers` checks the contract against. */
export interface ContractCoverage {
  /** Command types, or command definitions (whose context must be the contract's). */
  readonly commandTypes?: readonly (
    string | Pick<CommandDefinition, "commandType" | "boundedContext">
  )[];
  /** Event types, or event definitions (whose context must be the contract's). */
  readonly eventTypes?: readonly (string | Pick<EventDefinition, "eventType" | "boundedContext">)[];
  /** CMS definitions, whose `currentVersion` must be the one the contract declares. */
  readonly cms?: readonly Pick<CMSDefinition, "cmsType" | "currentVersion">[];
  /** Error codes, such as the rejection codes a decider returns. */
  readonly errorCodes?: readonly string[];
}

function contextProblem(kind: string, type: string, owner: string, contract: AnyDualWriteContract) {
  return owner === contract.identity.name
    ? []
    : [
        `${kind} ${JSON.stringify(type)} belongs to context ${JSON.stringify(owner)}, not ${JSON.stringify(contract.identity.name)}`,
      ];
}

/**
 * Fails unless the contract declares everything given: each command and event type, each CMS at
 * the same version, each error code. Definitions must also belong to the contract's context.
 * Reports every gap in one error.
 *
 * @example
 * assertContractCovers(ordersContract, {
 *   commandTypes: [createOrder, submitOrder],
 *   eventTypes: [orderCreated, orderSubmitted],
 *   cms: [orderCMS],
 *   errorCodes: orderErrorCodes,
 * });
 */
export function assertContractCovers(
  contract: AnyDualWriteContract,
  coverage: ContractCoverage,
): void {
  const problems: string[] = [];
  for (const entry of coverage.commandTypes ?? []) {
    const type = typeof entry === "string" ? entry : entry.commandType;
    if (!contract.commandTypes.includes(type))
      problems.push(`command type ${JSON.stringify(type)} is not in commandTypes`);
    if (typeof entry !== "string")
      problems.push(...contextProblem("command", type, entry.boundedContext, contract));
  }
  for (const entry of coverage.eventTypes ?? []) {
    const type = typeof entry === "string" ? entry : entry.eventType;
    if (!contract.eventTypes.includes(type))
      problems.push(`event type ${JSON.stringify(type)} is not in eventTypes`);
    if (typeof entry !== "string")
      problems.push(...contextProblem("event", type, entry.boundedContext, contract));
  }
  const cmsTypes: Readonly<Record<string, { readonly currentVersion: number }>> = contract.cmsTypes;
  for (const cms of coverage.cms ?? []) {
    const declared = Object.hasOwn(cmsTypes, cms.cmsType) ? cmsTypes[cms.cmsType] : undefined;
    if (declared === undefined)
      problems.push(`CMS ${JSON.stringify(cms.cmsType)} is not in cmsTypes`);
    else if (declared.currentVersion !== cms.currentVersion) {
      problems.push(
        `CMS ${JSON.stringify(cms.cmsType)} is at currentVersion ${cms.currentVersion}, but the contract declares ${declared.currentVersion}`,
      );
    }
  }
  for (const code of coverage.errorCodes ?? []) {
    if (!contract.errorCodes.includes(code))
      problems.push(`error code ${JSON.stringify(code)} is not in errorCodes`);
  }
  if (problems.length === 0) return;
  throw new Error(
    `the contract of ${JSON.stringify(contract.identity.name)} does not cover what was given:\n` +
      problems.map((problem) => `  - ${problem}`).join("\n"),
  );
}

/** Fails unless the projection has the given category. */
export function assertProjectionCategory(
  projection: Pick<ProjectionDefinition, "projectionName" | "category">,
  category: ProjectionCategory,
): void {
  if (projection.category === category) return;
  throw new Error(
    `expected projection ${JSON.stringify(projection.projectionName)} to be a ${category} projection, but it is a ${projection.category} projection`,
  );
}

/**
 * Runs `define` and fails unless it throws a `BoundedContextDefinitionError` with a problem of
 * the given code. Returns the error for further checks.
 *
 * @example
 * assertDefinitionRefused(() => defineProjection({ ...orderSummaryFields, category: "ui" }), "INVALID_CATEGORY");
 */
export function assertDefinitionRefused(
  define: () => unknown,
  code: DefinitionErrorCode,
): BoundedContextDefinitionError {
  let thrown: unknown;
  try {
    define();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) {
    throw new Error(`expected the definition to be refused with ${code}, but it was accepted`);
  }
  if (!isBoundedContextDefinitionError(thrown)) {
    throw new Error(
      `expected a BoundedContextDefinitionError with ${code}, but got: ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`,
      { cause: thrown },
    );
  }
  if (!thrown.codes.includes(code)) {
    throw new Error(
      `expected the definition to be refused with ${code}, but it was refused with ${thrown.codes.join(", ")}:\n${thrown.message}`,
      { cause: thrown },
    );
  }
  return thrown;
}

/**
 * Fails unless `upcastCMS(definition, stored)` returns exactly `expected` (compared as JSON-like
 * values, `stateVersion` included). Lists every differing path.
 *
 * @example
 * assertUpcastsTo(orderCMS, { stateVersion: 1, orderId: "o-1", total: 12.5 },
 *   { stateVersion: 2, orderId: "o-1", totalCents: 1250 });
 */
export function assertUpcastsTo<TState extends object>(
  definition: CMSDefinition<TState>,
  stored: Record<string, unknown>,
  expected: Record<string, unknown>,
): void {
  const { state } = upcastCMS(definition, stored);
  const lines = differences(state, expected);
  if (lines.length === 0) return;
  throw new Error(
    `CMS ${JSON.stringify(definition.cmsType)}: upcasting from stateVersion ${String(stored.stateVersion)} gave a different state:\n` +
      lines.map((line) => `  ${line}`).join("\n"),
  );
}
