import type { WorkflowCtx } from "@convex-dev/workflow";
import type { ObjectType, PropertyValidators } from "convex/values";

/** What a step's `run` knows about the saga it belongs to. */
export interface SagaStepState<Input, Results> {
  readonly sagaType: string;
  readonly sagaId: string;
  /** The arguments the saga was started with. */
  readonly input: Input;
  /** What the steps before this one returned, by step name. */
  readonly results: Results;
}

/** The step that failed, and why: what a compensation is undoing for. */
export interface SagaFailure {
  readonly step: string;
  readonly error: string;
}

/** What a compensation knows: the step's own state, what its `run` returned, and the failure. */
export interface SagaCompensationState<Input, Results, Result> extends SagaStepState<
  Input,
  Results
> {
  readonly result: Result;
  readonly failure: SagaFailure;
}

/**
 * One step of a saga. `run` and `compensate` execute inside the workflow handler, so they must
 * be deterministic: they call other functions through the workflow `step`
 * (`step.runMutation`, `step.runAction`, `step.awaitEvent`, ...), which makes each call a
 * durable workflow step, named after the saga step (`compensate:<name>` for compensations).
 * Declare `run`'s return type when it calls `internal.*` functions (the usual Convex cure for
 * type cycles): `run: (step, { input }): Promise<{ reservationId: string }> => ...`.
 */
export interface SagaStep<Input, Results, Result> {
  readonly run: (step: WorkflowCtx, state: SagaStepState<Input, Results>) => Promise<Result>;
  /**
   * Undoes a completed `run` when a later step fails; steps without one are skipped. It returns
   * the workflow step's promise, which the saga awaits. The type says `void` so that the body's
   * type never feeds into the saga's type: with `internal` typed from every module, that would
   * be circular.
   */
  readonly compensate?: (
    step: WorkflowCtx,
    state: SagaCompensationState<Input, Results, Result>,
  ) => void;
}

/** A step as the saga keeps it, with its name and untyped results. */
export interface NamedSagaStep {
  readonly name: string;
  readonly run: (step: WorkflowCtx, state: SagaStepState<unknown, unknown>) => Promise<unknown>;
  readonly compensate?: (
    step: WorkflowCtx,
    state: SagaCompensationState<unknown, unknown, unknown>,
  ) => unknown;
}

/**
 * A saga: a name, the validators of its input and its steps in order. Immutable: `step` returns
 * a new definition with one more step, whose result the later steps see typed in `results`.
 */
export interface SagaDefinition<
  Name extends string,
  Args extends PropertyValidators,
  Results extends Record<string, unknown>,
> {
  readonly name: Name;
  readonly args: Args;
  readonly steps: readonly NamedSagaStep[];
  /**
   * Appends a step. Its name is camelCase and unique in the saga (a repeated name does not
   * compile, and is refused at run time too).
   *
   * @example
   * defineSaga({ name: "orderFulfillment", args: { orderId: v.string() } })
   *   .step("reserveStock", {
   *     run: (step, { input }) => step.runMutation(internal.inventory.reserve, input),
   *     compensate: (step, { result }) =>
   *       step.runMutation(internal.inventory.release, { reservationId: result.reservationId }),
   *   })
   */
  step<StepName extends string, Result>(
    name: StepName extends keyof Results ? never : StepName,
    step: SagaStep<ObjectType<Args>, Results, Result>,
  ): SagaDefinition<Name, Args, Results & { readonly [K in StepName]: Result }>;
}

/** Any saga definition. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySagaDefinition = SagaDefinition<string, any, any>;

/** The input type of a saga. */
export type SagaInputOf<S extends AnySagaDefinition> =
  S extends SagaDefinition<string, infer Args, Record<string, unknown>> ? ObjectType<Args> : never;
