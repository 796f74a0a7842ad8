import type {
  WorkflowArgs,
  WorkflowId,
  WorkflowManager,
  WorkflowMutationResult,
} from "@convex-dev/workflow";
import { createFunctionHandle } from "convex/server";
import type { FunctionArgs, FunctionReference, RegisteredMutation } from "convex/server";
import { v } from "convex/values";
import type {
  ObjectType,
  PropertyValidators,
  Validator,
  VLiteral,
  VObject,
  VString,
} from "convex/values";
import { CoreError } from "../errors/coreError.js";
import { sagaError } from "./errors.js";
import { vSagaOutcome } from "./outcome.js";
import type { SagaCompletion, SagaOutcome } from "./outcome.js";
import { sagaHandler } from "./runSaga.js";
import type { SagaRecord } from "./schema.js";
import { findSaga, sagaReader, sagaWriter, toSagaRecord } from "./store.js";
import type { SagaMutationCtx, SagaQueryCtx } from "./store.js";
import type { AnySagaDefinition, SagaDefinition } from "./types.js";
import type { SagaKey } from "./validators.js";

/** The validators of a saga's workflow arguments. */
export type SagaWorkflowValidators<Name extends string, Args extends PropertyValidators> = {
  sagaType: VLiteral<Name>;
  sagaId: VString;
  input: VObject<ObjectType<Args>, Args>;
};

/** A reference to a saga's workflow: `internal.<module>.<export>`. */
export type SagaWorkflowReference = FunctionReference<
  "mutation",
  "internal",
  WorkflowArgs<SagaWorkflowValidators<string, PropertyValidators>>
>;

/** The `onComplete` mutation of `createSagaFunctions`, by reference. */
export type SagaCompletionReference = FunctionReference<"mutation", "internal", SagaCompletion>;

export interface SagaRunnerOptions {
  /** The app's `onComplete` from `createSagaFunctions`, e.g. `internal.sagaAdmin.onComplete`. */
  readonly onComplete: SagaCompletionReference;
}

export interface StartSagaResult {
  /** False when a saga with this type and sagaId existed: nothing was started. */
  readonly started: boolean;
  readonly saga: SagaRecord;
}

/** What `sendEvent` delivers: a value (checked by the validator, if any) or an error. */
export type SagaEventPayload<T> =
  | { validator?: undefined; value?: T; error?: undefined }
  | { validator: Validator<T, "required", string>; value: T; error?: undefined }
  | { error: string; value?: undefined; validator?: undefined };

/**
 * Runs sagas on `@convex-dev/workflow`: turns definitions into workflows, starts each saga
 * once per sagaId and delivers external events to waiting sagas. The bookkeeping lives in the
 * app's `sagas` table (`sagaTables`); the status changes only in the `onComplete` mutation of
 * `createSagaFunctions` (and in an admin retry).
 *
 * @example
 * // convex/sagas.ts (the annotation breaks the type cycle through `internal`)
 * export const workflow = new WorkflowManager(components.workflow);
 * export const sagas: SagaRunner = new SagaRunner(workflow, {
 *   onComplete: internal.sagaAdmin.onComplete,
 * });
 * export const orderFulfillmentWorkflow = sagas.define(orderFulfillment);
 */
export class SagaRunner {
  readonly workflow: WorkflowManager;
  readonly #onComplete: SagaCompletionReference;

  constructor(workflow: WorkflowManager, options: SagaRunnerOptions) {
    if (typeof workflow?.define !== "function" || typeof workflow.sendEvent !== "function") {
      throw new CoreError([
        {
          code: "INVALID_SAGA",
          message:
            "SagaRunner takes a WorkflowManager of @convex-dev/workflow as its first argument",
        },
      ]);
    }
    if (options?.onComplete === undefined || options.onComplete === null) {
      throw new CoreError([
        {
          code: "INVALID_SAGA",
          message:
            "SagaRunner needs options.onComplete: the onComplete of createSagaFunctions, by reference (internal.<module>.onComplete)",
        },
      ]);
    }
    this.workflow = workflow;
    this.#onComplete = options.onComplete;
  }

  /**
   * The saga's workflow: export it from a Convex module. Its arguments are
   * `{ sagaType, sagaId, input }`; each step runs as workflow steps.
   *
   * @example
   * export const orderFulfillmentWorkflow = sagas.define(orderFulfillment);
   */
  // The return type is spelled out, not aliased: Convex's api types read a function's
  // arguments from the type arguments of `RegisteredMutation` itself.
  define<Name extends string, Args extends PropertyValidators>(
    saga: SagaDefinition<Name, Args, Record<string, unknown>>,
  ): RegisteredMutation<
    "internal",
    WorkflowArgs<SagaWorkflowValidators<Name, Args>>,
    WorkflowMutationResult<SagaOutcome>
  > {
    if (saga.steps.length === 0) {
      throw new CoreError([
        {
          code: "INVALID_SAGA",
          message: `saga "${saga.name}" has no steps; add them with .step(name, { run, compensate })`,
        },
      ]);
    }
    return this.workflow.define({
      args: {
        sagaType: v.literal(saga.name),
        sagaId: v.string(),
        input: v.object(saga.args) as VObject<ObjectType<Args>, Args>,
      },
      returns: vSagaOutcome,
      handler: sagaHandler(saga as AnySagaDefinition),
    });
  }

  /**
   * Starts the saga unless one of its type with this sagaId exists; then nothing happens and
   * the existing saga is returned (`started: false`). Call it from a mutation: the saga row and
   * the workflow are created in its transaction, so concurrent starts of one sagaId conflict
   * and Convex retries the loser, which then finds the saga.
   *
   * @example
   * const { started, saga } = await sagas.start(ctx, internal.sagas.orderFulfillmentWorkflow, {
   *   sagaType: "orderFulfillment",
   *   sagaId: order.orderId,
   *   input: { orderId: order.orderId, quantity: order.quantity },
   * });
   */
  async start<F extends SagaWorkflowReference>(
    ctx: SagaMutationCtx,
    workflow: F,
    args: FunctionArgs<F>["args"],
  ): Promise<StartSagaResult> {
    const { sagaType, sagaId } = args as SagaKey;
    if (typeof sagaId !== "string" || sagaId.length === 0) {
      throw sagaError({
        code: "INVALID_SAGA_ARGUMENT",
        message: `a saga needs a non-empty sagaId, typically the id of the entity it is about (got ${JSON.stringify(sagaId)})`,
        sagaType,
      });
    }
    const db = sagaWriter(ctx);
    const existing = await findSaga(db, sagaType, sagaId);
    if (existing !== null) return { started: false, saga: toSagaRecord(existing) };
    // startAsync: the workflow validates its arguments now (a mistake throws here and nothing is
    // written) and runs its first step later, so its onComplete always finds the saga row.
    const workflowId = await ctx.runMutation(
      workflow as SagaWorkflowReference,
      {
        args,
        startAsync: true,
        onComplete: await createFunctionHandle(this.#onComplete),
        context: { sagaType, sagaId },
      } as WorkflowArgs<SagaWorkflowValidators<string, PropertyValidators>>,
    );
    const now = Date.now();
    const saga: SagaRecord = {
      sagaType,
      sagaId,
      workflowId: workflowId as string,
      status: "running",
      input: (args as { input: unknown }).input,
      attempts: 1,
      startedAt: now,
      updatedAt: now,
    };
    await db.insert("sagas", saga);
    return { started: true, saga };
  }

  /**
   * Sends an event to a running saga's workflow, where a step waits for it with
   * `step.awaitEvent({ name })`. An event sent before the saga waits is kept until it does. An
   * `error` makes the awaiting step throw, so the saga compensates. A saga that is not running
   * is refused (SAGA_NOT_RUNNING): the event would never be consumed.
   *
   * @example
   * await sagas.sendEvent(ctx, {
   *   sagaType: "orderFulfillment", sagaId: orderId, name: "paymentConfirmed",
   *   validator: vPayment, value: { paymentId },
   * });
   */
  async sendEvent<T = null>(
    ctx: SagaMutationCtx,
    args: SagaKey & { name: string } & SagaEventPayload<T>,
  ): Promise<{ eventId: string; saga: SagaRecord }> {
    const saga = await this.get(ctx, args);
    if (saga === null) {
      throw sagaError({
        code: "SAGA_NOT_FOUND",
        message: `no saga "${args.sagaType}" with sagaId "${args.sagaId}" to send event "${args.name}" to`,
        sagaType: args.sagaType,
        sagaId: args.sagaId,
      });
    }
    if (saga.status !== "running") {
      throw sagaError({
        code: "SAGA_NOT_RUNNING",
        message: `saga "${saga.sagaType}" "${saga.sagaId}" is ${saga.status}: event "${args.name}" would never be consumed, so it is not sent`,
        sagaType: saga.sagaType,
        sagaId: saga.sagaId,
        status: saga.status,
      });
    }
    // Only the keys that are set: the workflow reads an `error` key, even undefined, as an error.
    const target = { workflowId: saga.workflowId as WorkflowId, name: args.name };
    const eventId = await this.workflow.sendEvent(
      ctx,
      args.error !== undefined
        ? { ...target, error: args.error }
        : args.validator !== undefined
          ? { ...target, validator: args.validator, value: args.value }
          : { ...target, ...(args.value !== undefined && { value: args.value }) },
    );
    return { eventId, saga };
  }

  /** The saga of this type and sagaId, or null. */
  async get(ctx: SagaQueryCtx, key: SagaKey): Promise<SagaRecord | null> {
    const saga = await findSaga(sagaReader(ctx), key.sagaType, key.sagaId);
    return saga === null ? null : toSagaRecord(saga);
  }
}
