export type { BoundedContextIdentity } from "./identity/defineBoundedContext.js";
export { defineBoundedContext } from "./identity/defineBoundedContext.js";
export type {
  AnyDualWriteContract,
  CMSTypeDeclaration,
  CMSTypeOf,
  CommandTypeOf,
  ContextNameOf,
  DualWriteContract,
  ErrorCodeOf,
  EventTypeOf,
  ExecutionMode,
} from "./contract/defineDualWriteContract.js";
export {
  declaresErrorCode,
  defineDualWriteContract,
  EXECUTION_MODES,
  handlesCommand,
  producesEvent,
} from "./contract/defineDualWriteContract.js";
export type { AnySchema, SafeParseResult, SchemaParsers } from "./messages/schema.js";
export type {
  CommandDefinition,
  CommandDefinitionInput,
  CommandOf,
} from "./messages/defineCommand.js";
export { defineCommand } from "./messages/defineCommand.js";
export type {
  EventCategory,
  EventDefinition,
  EventDefinitionInput,
  EventOf,
} from "./messages/defineEvent.js";
export { defineEvent, EVENT_CATEGORIES, isEventCategory } from "./messages/defineEvent.js";
export type { EventUpcastResult, StoredEventPayload } from "./messages/upcastEvent.js";
export { upcastEvent } from "./messages/upcastEvent.js";
export type {
  QueryArgsOf,
  QueryDefinition,
  QueryDefinitionInput,
  QueryResult,
  QueryResultMode,
} from "./messages/defineQuery.js";
export { defineQuery, QUERY_RESULT_MODES } from "./messages/defineQuery.js";
export type {
  ClientExposure,
  ProjectionCategory,
  ProjectionCategoryCharacteristics,
} from "./projections/categories.js";
export {
  canSubscribeReactively,
  isClientExposed,
  isProjectionCategory,
  PROJECTION_CATEGORIES,
  projectionCategoryCharacteristics,
  requiresAdmin,
} from "./projections/categories.js";
export type {
  ProjectionDefinition,
  ProjectionDefinitionInput,
} from "./projections/defineProjection.js";
export { defineProjection } from "./projections/defineProjection.js";
export type { ProjectionCaller } from "./projections/access.js";
export { assertClientAccess, assertReactiveSubscriptionAllowed } from "./projections/access.js";
export type { ProjectionRegistry } from "./projections/registry.js";
export { defineProjectionRegistry } from "./projections/registry.js";
export type { CMSDefinition, CMSDefinitionInput, VersionedState } from "./cms/defineCms.js";
export { defineCMS } from "./cms/defineCms.js";
export type { CMSUpcastResult } from "./cms/upcastCms.js";
export { upcastCMS } from "./cms/upcastCms.js";
export type { Upcaster, UpcasterChain } from "./internal/upcastChain.js";
export type { DefinitionErrorCode, DefinitionProblem } from "./errors/definitionError.js";
export {
  BoundedContextDefinitionError,
  DEFINITION_ERROR_CODES,
  isBoundedContextDefinitionError,
} from "./errors/definitionError.js";
export type {
  MessageValidationErrorCode,
  ValidationIssue,
} from "./errors/messageValidationError.js";
export {
  isMessageValidationError,
  MessageValidationError,
} from "./errors/messageValidationError.js";
export type { ProjectionAccessErrorCode } from "./errors/projectionAccessError.js";
export { isProjectionAccessError, ProjectionAccessError } from "./errors/projectionAccessError.js";
export type { UpcastErrorCode } from "./errors/upcastError.js";
export { isUpcastError, UpcastError } from "./errors/upcastError.js";
