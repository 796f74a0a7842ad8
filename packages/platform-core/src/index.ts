export type { CoreErrorCode, CoreProblem } from "./errors/coreError.js";
export { CORE_ERROR_CODES, CoreError, isCoreError } from "./errors/coreError.js";

export type {
  AnyInvariant,
  Invariant,
  InvariantCodeOf,
  InvariantContextArgs,
  InvariantInput,
  InvariantSet,
  InvariantStateOf,
  InvariantViolation,
} from "./invariants/types.js";
export { defineInvariant } from "./invariants/defineInvariant.js";
export { defineInvariantSet } from "./invariants/defineInvariantSet.js";
export { invariantsToRejection } from "./invariants/toRejection.js";
export { InvariantViolationError, isInvariantViolationError } from "./invariants/violationError.js";

export type { LogLevel } from "./logging/levels.js";
export { isLevelEnabled, isLogLevel, LOG_LEVELS, parseLogLevel } from "./logging/levels.js";
export type { LogFields, LogRecord } from "./logging/record.js";
export { formatLogLine } from "./logging/record.js";
export type { ConsoleLike, LogSink } from "./logging/sinks.js";
export { createConsoleSink } from "./logging/sinks.js";
export type { ChildLoggerOptions, Logger, LoggerOptions } from "./logging/createLogger.js";
export { createLogger } from "./logging/createLogger.js";

export type { CorrelationChain, EventMetadata, IdGenerator, IdKind } from "./correlation/types.js";
export type {
  CausationParent,
  CorrelationInput,
  CorrelationOptions,
  DeriveOptions,
} from "./correlation/correlationChain.js";
export {
  createCorrelationChain,
  deriveCausation,
  isRootCommand,
} from "./correlation/correlationChain.js";
export type {
  CommandRecordCorrelation,
  EventMetadataOptions,
} from "./correlation/eventMetadata.js";
export { commandRecordCorrelation, eventMetadataFor } from "./correlation/eventMetadata.js";
export { uuidIdGenerator } from "./correlation/ids.js";

export type {
  CommandConfig,
  PayloadOf,
  ProjectionTrigger,
  ProjectionTriggerInput,
} from "./commands/commandConfig.js";

export type {
  BeforeResult,
  CallerIdentity,
  CommandResult,
  Middleware,
  MiddlewareCommand,
  MiddlewareContext,
  MiddlewareMutationCtx,
} from "./middleware/types.js";
export type { MiddlewareContextInput } from "./middleware/context.js";
export { callerFromUserIdentity, createMiddlewareContext } from "./middleware/context.js";
export type { MiddlewarePipeline } from "./middleware/pipeline.js";
export { createMiddlewarePipeline } from "./middleware/pipeline.js";
export type { MiddlewareRejectionCode } from "./middleware/rejectionCodes.js";
export { MIDDLEWARE_REJECTION_CODES } from "./middleware/rejectionCodes.js";
export { validationMiddleware } from "./middleware/validation.js";
export type { AuthorizationDecision, AuthorizationOptions } from "./middleware/authorization.js";
export { authorizationMiddleware } from "./middleware/authorization.js";
export type { LoggingMiddlewareOptions } from "./middleware/logging.js";
export { loggingMiddleware } from "./middleware/logging.js";
export type {
  RateLimitChecker,
  RateLimitDecision,
  RateLimitOptions,
} from "./middleware/rateLimit.js";
export { defaultRateLimitKey, rateLimitMiddleware } from "./middleware/rateLimit.js";
export type { ConvexRateLimitCheckerOptions, RateLimitCtx } from "./middleware/rateLimitAdapter.js";
export {
  convexRateLimitChecker,
  createConvexRateLimitChecker,
} from "./middleware/rateLimitAdapter.js";
export type { ShardedRateLimitInput, ShardingTier } from "./middleware/sharding.js";
export {
  defineShardedRateLimits,
  RATE_LIMIT_SHARDING,
  recommendedShards,
} from "./middleware/sharding.js";

export type {
  ParsedPartitionKey,
  PartitionKey,
  PartitionStrategy,
} from "./partitioning/partitionKeys.js";
export {
  byEntity,
  byStream,
  byTenant,
  global,
  GLOBAL_PARTITION_KEY,
  isPartitionKey,
  PARTITION_STRATEGIES,
  parsePartitionKey,
} from "./partitioning/partitionKeys.js";
export type {
  PartitionConfig,
  PartitionConfigInput,
  PartitionedEvent,
} from "./partitioning/partitionConfig.js";
export { definePartitionConfig } from "./partitioning/partitionConfig.js";
export { RECOMMENDED_PARALLELISM } from "./partitioning/parallelism.js";
export type { PartitionKeyValidation } from "./partitioning/commandConfigPartitionKeys.js";
export {
  assertCommandConfigPartitionKeys,
  validateCommandConfigPartitionKeys,
} from "./partitioning/commandConfigPartitionKeys.js";
export type {
  ProjectionClassification,
  ProjectionComplexity,
  ProjectionOrdering,
  ProjectionProfile,
} from "./partitioning/complexityClassifier.js";
export {
  CHUNK_SIZES,
  classifyProjection,
  PROJECTION_COMPLEXITIES,
  PROJECTION_ORDERINGS,
} from "./partitioning/complexityClassifier.js";

export type {
  HandlerContextArgs,
  HandlerEvent,
  HandlerFailed,
  HandlerRejected,
  HandlerResult,
  HandlerSuccess,
} from "./handlers/handlerResult.js";
export { vHandlerContextArgs, vHandlerEvent, vHandlerResult } from "./handlers/handlerResult.js";
export type {
  CMSUpdate,
  HandlerCtx,
  HandlerOptionsBase,
  StoredCMS,
  StoredEventShape,
  StreamTarget,
} from "./handlers/types.js";
export type {
  DeciderHandlerOptions,
  EntityDeciderHandlerOptions,
  ExistingEntityDecider,
  HandlerDefinition,
} from "./handlers/createDeciderHandler.js";
export {
  createDeciderHandler,
  createEntityDeciderHandler,
} from "./handlers/createDeciderHandler.js";
export type {
  LoadedScope,
  ScopeDecider,
  ScopeDeciderHandlerOptions,
  ScopeTarget,
  ScopeUpdate,
} from "./handlers/createScopeDeciderHandler.js";
export { createScopeDeciderHandler } from "./handlers/createScopeDeciderHandler.js";

export type {
  CommandInput,
  CommandOutcome,
  EventsAppended,
  ExecutedResult,
  HandlerReference,
  OnEventsAppended,
  OrchestratedCommandConfig,
  OrchestratorCtx,
  RefusedResult,
  TriggeredProjection,
} from "./orchestrator/types.js";
export type { CommandOrchestratorOptions } from "./orchestrator/commandOrchestrator.js";
export { CommandOrchestrator, HANDLER_FAILED } from "./orchestrator/commandOrchestrator.js";
export { FAILURE_STREAM_SUFFIX, failureStreamTypeOf } from "./orchestrator/eventWrites.js";
export type { OrchestratorErrorCode, OrchestratorErrorData } from "./orchestrator/errors.js";
export {
  isOrchestratorError,
  ORCHESTRATOR_ERROR_CODES,
  orchestratorError,
} from "./orchestrator/errors.js";

export type {
  ProjectionEventHandler,
  ProjectionHandlers,
  ProjectionHandlersInput,
  ProjectionPartitioning,
} from "./projections/projectionHandlers.js";
export { defineProjectionHandlers } from "./projections/projectionHandlers.js";
export type {
  ProjectionCtx,
  ProjectionFunctionRefs,
  ProjectionQueryCtx,
  ProjectionRuntimeOptions,
  RuntimeSettings,
} from "./projections/projectionRuntime.js";
export { ProjectionRuntime } from "./projections/projectionRuntime.js";
export { payloadHash } from "./orchestrator/payloadHash.js";
export { projectionFunctions } from "./projections/projectionFunctions.js";
export type { ClientQueryOptions, ReadModelQueryInput } from "./projections/projectionQuery.js";
export { clientProjectionQuery, internalProjectionQuery } from "./projections/projectionQuery.js";
export type { CatchUpCompletion, DeadLetterRetry } from "./projections/operations.js";
export type { CatchUpReport, DispatchReport, PartitionJob } from "./projections/validators.js";
export {
  vCatchUpCompletion,
  vCatchUpReport,
  vDispatchReport,
  vPartitionJob,
} from "./projections/validators.js";
export { MAX_RETRY_DELAY_MS, retryDelayMs } from "./projections/retryDelay.js";

export type { SagaStatus } from "./sagas/status.js";
export { SAGA_STATUSES, sagaLifecycle, vSagaStatus } from "./sagas/status.js";
export type { SagaRecord } from "./sagas/schema.js";
export { sagaTables, vSagaRecord } from "./sagas/schema.js";
export type { SagaErrorCode, SagaErrorData } from "./sagas/errors.js";
export { isSagaError, SAGA_COMPENSATION_FAILED, SAGA_ERROR_CODES } from "./sagas/errors.js";
export type {
  AnySagaDefinition,
  SagaCompensationState,
  SagaDefinition,
  SagaFailure,
  SagaInputOf,
  SagaStep,
  SagaStepState,
} from "./sagas/types.js";
export type { SagaDefinitionInput } from "./sagas/defineSaga.js";
export { defineSaga } from "./sagas/defineSaga.js";
export type {
  SagaCompletion,
  SagaCompletionContext,
  SagaOutcome,
  SagaRunResult,
} from "./sagas/outcome.js";
export { vSagaCompletion, vSagaOutcome } from "./sagas/outcome.js";
export type { SagaWorkflowArgs } from "./sagas/runSaga.js";
export { COMPENSATION_STEP_PREFIX } from "./sagas/runSaga.js";
export type {
  SagaCompletionReference,
  SagaEventPayload,
  SagaRunnerOptions,
  SagaWorkflowReference,
  SagaWorkflowValidators,
  StartSagaResult,
} from "./sagas/sagaRunner.js";
export { SagaRunner } from "./sagas/sagaRunner.js";
export type {
  CancelSagaArgs,
  InspectSagaArgs,
  ListSagasArgs,
  RetrySagaResult,
  SagaInspection,
  SagaJournalStep,
  SagaKey,
  SagaPage,
} from "./sagas/validators.js";
export {
  vCancelSagaArgs,
  vInspectSagaArgs,
  vListSagasArgs,
  vRetrySagaResult,
  vSagaInspection,
  vSagaKey,
  vSagaPage,
} from "./sagas/validators.js";
export { cancelSaga, inspectSaga, listSagas, retrySaga } from "./sagas/admin.js";
export { recordSagaCompletion } from "./sagas/completion.js";
export { createSagaFunctions } from "./sagas/createSagaFunctions.js";
export type {
  SagaDataModel,
  SagaInspectCtx,
  SagaMutationCtx,
  SagaQueryCtx,
  SagaWriterCtx,
} from "./sagas/store.js";

export type {
  AnyZodObject,
  SnapshotData,
  SnapshotDefinition,
  SnapshotDefinitionInput,
} from "./fatEvents/defineSnapshot.js";
export { defineSnapshot } from "./fatEvents/defineSnapshot.js";
export type {
  EnvelopeShape,
  FatPayloadSchema,
  SnapshotEnvelope,
  SnapshotEnvelopeSchema,
  SnapshotInputs,
  SnapshotMap,
} from "./fatEvents/envelope.js";
export type {
  FatEventDefinition,
  FatEventDefinitionInput,
  FatEventInput,
  FatEventMessage,
} from "./fatEvents/defineFatEvent.js";
export { defineFatEvent } from "./fatEvents/defineFatEvent.js";
export type { FatEventRead, StoredFatEvent } from "./fatEvents/readFatEvent.js";
export { readFatEvent } from "./fatEvents/readFatEvent.js";
export type { PiiField } from "./fatEvents/piiFields.js";
export type { PiiValue, ShreddedPayload, ShreddedValue } from "./fatEvents/pii.js";
export { findPii, piiFieldsOf, shredPii } from "./fatEvents/pii.js";
export type { PiiRegistry, PiiRegistryEntry } from "./fatEvents/piiRegistry.js";
export { definePiiRegistry } from "./fatEvents/piiRegistry.js";
export type {
  EventConsumers,
  EventStyle,
  EventStyleChoice,
  EventStyleInput,
} from "./fatEvents/eventStyle.js";
export { chooseEventStyle } from "./fatEvents/eventStyle.js";

export type { ReservationDataModel, ReservationStatus } from "./reservations/tables.js";
export { reservationTables, vReservationStatus } from "./reservations/tables.js";
export type { ReservationErrorCode, ReservationErrorData } from "./reservations/errors.js";
export { isReservationError, RESERVATION_ERROR_CODES } from "./reservations/errors.js";
export type {
  ConfirmArgs,
  ConfirmResult,
  ExpireDueResult,
  ExpireResult,
  ReleaseResult,
  Reservation,
  ReservationHolder,
  ReserveArgs,
  ReserveResult,
} from "./reservations/validators.js";
export {
  vConfirmResult,
  vExpireDueResult,
  vExpireResult,
  vReleaseResult,
  vReservation,
  vReservationHolder,
  vReserveArgs,
  vReserveResult,
} from "./reservations/validators.js";
export type { ReservationSettings, ReservationsOptions } from "./reservations/options.js";
export { DEFAULT_RESERVATION_TTL_MS } from "./reservations/options.js";
export { MAX_EXPIRE_BATCH } from "./reservations/checks.js";
export type { ReservationFunctions } from "./reservations/reservations.js";
export { Reservations } from "./reservations/reservations.js";

export type {
  DeliveryAttemptResult,
  DeliveryInfo,
  PublicationRecord,
  PublicationStatus,
  PublishedDelivery,
  PublishedEvent,
  PublishResult,
  SubscriberArgs,
  SubscriptionPriority,
} from "./eventBus/validators.js";
export {
  PUBLICATION_STATUSES,
  SUBSCRIPTION_PRIORITIES,
  vDeliveryAttemptResult,
  vDeliveryInfo,
  vPublicationCountPage,
  vPublicationRecord,
  vPublicationStat,
  vPublicationStatus,
  vPublishedDelivery,
  vPublishedEvent,
  vPublishResult,
  vSubscriberArgs,
  vSubscriptionPriority,
} from "./eventBus/validators.js";
export type { EventBusDataModel } from "./eventBus/tables.js";
export { eventBusTables } from "./eventBus/tables.js";
export type {
  DeliveryRetry,
  SubscriberHandler,
  Subscription,
  SubscriptionInput,
} from "./eventBus/subscriptions.js";
export { DEFAULT_DELIVERY_RETRY, defineSubscription } from "./eventBus/subscriptions.js";
export type {
  DeliveryCompleteArgs,
  DeliveryPool,
  EventBusFunctions,
  EventBusOptions,
  EventBusPools,
} from "./eventBus/config.js";
export type { EventBusReadCtx } from "./eventBus/storage.js";
export type { EventBusWriteCtx } from "./eventBus/publish.js";
export type { PublicationStat } from "./eventBus/deadLetters.js";
export { MAX_PUBLICATION_PAGE } from "./eventBus/deadLetters.js";
export { EventBus } from "./eventBus/eventBus.js";
export type { EventBusErrorCode, EventBusErrorData } from "./eventBus/errors.js";
export { EVENT_BUS_ERROR_CODES, isEventBusError } from "./eventBus/errors.js";

export type { ProcessManagerStatus } from "./processManagers/lifecycle.js";
export { PROCESS_MANAGER_STATUSES, processManagerLifecycle } from "./processManagers/lifecycle.js";
export type {
  ProcessManagerCommand,
  ProcessManagerDefinition,
  ProcessManagerReaction,
  ReactionContext,
} from "./processManagers/defineProcessManager.js";
export {
  defineProcessManager,
  processManagerCommandId,
} from "./processManagers/defineProcessManager.js";
export type {
  ProcessManagerDeadLetter,
  ProcessManagerDeadLetterStatus,
  ProcessManagerInstance,
  ProcessManagerResult,
  ReactionArgs,
} from "./processManagers/validators.js";
export {
  vProcessManagerDeadLetter,
  vProcessManagerDeadLetterStatus,
  vProcessManagerInstance,
  vProcessManagerResult,
  vProcessManagerStatus,
} from "./processManagers/validators.js";
export type { ProcessManagerDataModel } from "./processManagers/tables.js";
export { processManagerTables } from "./processManagers/tables.js";
export type { ProcessManagerFunctions, ProcessManagerOptions } from "./processManagers/config.js";
export type { ProcessManagerReadCtx } from "./processManagers/storage.js";
export type { ProcessManagerWriteCtx } from "./processManagers/delivery.js";
export type { ReactionCtx } from "./processManagers/react.js";
export { ProcessManager } from "./processManagers/processManager.js";
export type { ProcessManagerErrorCode, ProcessManagerErrorData } from "./processManagers/errors.js";
export { isProcessManagerError, PROCESS_MANAGER_ERROR_CODES } from "./processManagers/errors.js";

export type {
  ReactiveEvolve,
  ReactiveProjection,
  ReactiveProjectionInput,
} from "./reactive/defineReactiveProjection.js";
export { defineReactiveProjection } from "./reactive/defineReactiveProjection.js";
export type {
  CommittedReactiveEvent,
  ReactiveEvent,
  ReactiveSnapshot,
} from "./reactive/reactiveEvent.js";
export { toReactiveEvent, vReactiveEvent, vReactiveSnapshot } from "./reactive/reactiveEvent.js";
export type { ReactiveStorage } from "./reactive/reactiveProjectionHandlers.js";
export { reactiveProjectionHandlers } from "./reactive/reactiveProjectionHandlers.js";
export type {
  ReactiveQueryCtx,
  ReactiveSource,
  ReactiveStores,
} from "./reactive/readReactiveEvents.js";
export { readReactiveEvents } from "./reactive/readReactiveEvents.js";
export type { ReactiveQueryOptions } from "./reactive/reactiveProjectionQuery.js";
export { reactiveProjectionQuery } from "./reactive/reactiveProjectionQuery.js";
export type { DiscardReason, MergedState, MergeInput } from "./reactive/mergeReactiveState.js";
export { DEFAULT_STALE_AFTER_MS, mergeReactiveState } from "./reactive/mergeReactiveState.js";
export type { DurabilityErrorCode, DurabilityErrorData } from "./durability/errors.js";
export { DURABILITY_ERROR_CODES, isDurabilityError } from "./durability/errors.js";
export { idempotencyKeys } from "./durability/idempotencyKeys.js";
export type {
  AppendCtx,
  IdempotentAppendInput,
  IdempotentAppendResult,
  IdempotentEvent,
} from "./durability/idempotentAppend.js";
export {
  idempotentAppend,
  isStoredOnce,
  vIdempotentAppendInput,
  vIdempotentAppendResult,
} from "./durability/idempotentAppend.js";
export type { RetrierResult, WorkResult } from "./durability/completionArgs.js";
export type { RetryBehavior } from "./durability/retryBehavior.js";
export { DEFAULT_DURABLE_RETRY } from "./durability/retryBehavior.js";
export type { DbReaderCtx, DbWriterCtx, DurabilityDataModel } from "./durability/tables.js";
export { durabilityTables } from "./durability/tables.js";
export type {
  DurableAppendContext,
  DurableAppendFunctions,
  DurableAppendOptions,
} from "./durability/durableAppend.js";
export { DurableAppend } from "./durability/durableAppend.js";
export type { DurableAppendDeadLetter } from "./durability/deadLetters.js";
export {
  listDurableAppendDeadLetters,
  MAX_DEAD_LETTER_PAGE,
  vDurableAppendDeadLetter,
} from "./durability/deadLetters.js";
export type { RetrierOnCompleteArgs } from "./durability/completionArgs.js";
export type {
  ActionOutboxOptions,
  OutboxActionConfig,
  OutboxRun,
  OutboxRunInput,
  OutboxRunRecord,
  OutcomeEvent,
} from "./durability/outbox.js";
export { ActionOutbox, vOutboxRunRecord } from "./durability/outbox.js";
export type {
  BracketedOperation,
  IntentCompletionOptions,
  OperationRef,
  OperationStatus,
  TimeoutCheckArgs,
  TimeoutCheckResult,
} from "./durability/intentCompletion.js";
export { IntentCompletion } from "./durability/intentCompletion.js";

export type {
  DcbAttemptOutcome,
  DcbExecution,
  DcbOperation,
  DcbOperationOf,
  DcbRetryContext,
  DcbRetryOptions,
} from "./dcb/withRetry.js";
export { DcbRetry, vDcbOperationArgs } from "./dcb/withRetry.js";
export type { DcbRetryRecord } from "./dcb/retryRecords.js";
export { getDcbRetry, listDcbRetries, vDcbRetryRecord } from "./dcb/retryRecords.js";
