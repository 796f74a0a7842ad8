import type { PropertyValidators } from "convex/values";
import { CoreError } from "../errors/coreError.js";
import type { CoreProblem } from "../errors/coreError.js";
import { describeValue, isCamelCase, isObject, isPlainObject } from "../internal/describe.js";
import type { NamedSagaStep, SagaDefinition, SagaStep } from "./types.js";

export interface SagaDefinitionInput<Name extends string, Args extends PropertyValidators> {
  /** camelCase, unique in the app: it is the saga's type, and sagaIds are unique per type. */
  readonly name: Name;
  /** Validators of the saga's input, as a Convex function's `args`. */
  readonly args: Args;
}

/**
 * Defines a saga: a name, its input validators, then its steps in order with `.step(...)`.
 * Turn it into a workflow with `SagaRunner.define`.
 *
 * @example
 * export const orderFulfillment = defineSaga({
 *   name: "orderFulfillment",
 *   args: { orderId: v.string(), quantity: v.number() },
 * })
 *   .step("reserveStock", {
 *     run: (step, { input }) => step.runMutation(internal.inventory.reserve, input),
 *     compensate: (step, { input }) =>
 *       step.runMutation(internal.inventory.release, { orderId: input.orderId }),
 *   })
 *   .step("awaitPayment", { run: (step) => step.awaitEvent(paymentConfirmed) })
 *   .step("ship", {
 *     run: (step, { input, results }) =>
 *       step.runMutation(internal.shipping.ship, { paymentId: results.awaitPayment.paymentId }),
 *   });
 */
export function defineSaga<const Name extends string, const Args extends PropertyValidators>(
  input: SagaDefinitionInput<Name, Args>,
): SagaDefinition<Name, Args, Record<never, never>> {
  const problems: CoreProblem[] = [];
  if (!isObject(input)) {
    throw new CoreError([
      {
        code: "INVALID_SAGA",
        message: `defineSaga takes { name, args } (got ${describeValue(input)})`,
      },
    ]);
  }
  if (typeof input.name !== "string" || !isCamelCase(input.name)) {
    problems.push({
      code: "INVALID_SAGA",
      message: `saga name must be camelCase, like "orderFulfillment" (got ${describeValue(input.name)})`,
    });
  }
  if (!isPlainObject(input.args)) {
    problems.push({
      code: "INVALID_SAGA",
      message: `saga ${describeValue(input.name)}: args must be an object of Convex validators, like { orderId: v.string() } (got ${describeValue(input.args)})`,
    });
  } else {
    for (const [field, validator] of Object.entries(input.args)) {
      if (!isObject(validator) || validator.isConvexValidator !== true) {
        problems.push({
          code: "INVALID_SAGA",
          message: `saga ${describeValue(input.name)}: args.${field} must be a Convex validator, like v.string() (got ${describeValue(validator)})`,
        });
      }
    }
  }
  const [first, ...rest] = problems;
  if (first !== undefined)
    throw new CoreError([first, ...rest], `saga ${describeValue(input.name)}`);
  return build(input.name, input.args, []);
}

function build<Name extends string, Args extends PropertyValidators>(
  name: Name,
  args: Args,
  steps: readonly NamedSagaStep[],
): SagaDefinition<Name, Args, Record<never, never>> {
  return Object.freeze({
    name,
    args,
    steps: Object.freeze(steps),
    step(stepName: string, step: SagaStep<unknown, unknown, unknown>) {
      return build(name, args, [...steps, checkedStep(name, steps, stepName, step)]);
    },
  }) as unknown as SagaDefinition<Name, Args, Record<never, never>>;
}

function checkedStep(
  sagaName: string,
  steps: readonly NamedSagaStep[],
  name: unknown,
  step: unknown,
): NamedSagaStep {
  const problems: CoreProblem[] = [];
  const subject = `saga "${sagaName}", step ${describeValue(name)}`;
  if (typeof name !== "string" || !isCamelCase(name)) {
    problems.push({
      code: "INVALID_SAGA",
      message: `${subject}: a step name must be camelCase, like "reserveStock"`,
    });
  } else if (steps.some((existing) => existing.name === name)) {
    problems.push({
      code: "DUPLICATE_SAGA_STEP",
      message: `${subject}: the saga already has a step with this name; step names are unique, since results and workflow steps are named after them`,
    });
  }
  if (!isObject(step) || typeof step.run !== "function") {
    problems.push({
      code: "INVALID_SAGA",
      message: `${subject}: run must be a function (step, state) => Promise<result> (got ${describeValue(isObject(step) ? step.run : step)})`,
    });
  } else if (step.compensate !== undefined && typeof step.compensate !== "function") {
    problems.push({
      code: "INVALID_SAGA",
      message: `${subject}: compensate must be a function (step, state) => Promise<unknown>, or absent (got ${describeValue(step.compensate)})`,
    });
  }
  const [first, ...rest] = problems;
  if (first !== undefined) throw new CoreError([first, ...rest], subject);
  const { run, compensate } = step as NamedSagaStep;
  return Object.freeze({ name: name as string, run, ...(compensate && { compensate }) });
}
