import { assertReactiveSubscriptionAllowed } from "@convex-es/platform-bc";
import type { ProjectionDefinition } from "@convex-es/platform-bc";
import { CoreError } from "../errors/coreError.js";
import type { CoreProblem } from "../errors/coreError.js";
import { describeValue, isPlainObject } from "../internal/describe.js";
import type { ReactiveEvent } from "./reactiveEvent.js";

/** The one state transition the durable projection and its clients share. */
export type ReactiveEvolve<TState, TEvent extends ReactiveEvent = ReactiveEvent> = (
  state: TState,
  event: TEvent,
) => TState;

/** What `defineReactiveProjection` takes. */
export interface ReactiveProjectionInput<
  TState,
  TName extends string,
  TEvent extends ReactiveEvent,
> {
  /** A view projection made by `defineProjection`: only views are reactive. */
  readonly projection: ProjectionDefinition<TName>;
  /** The state `evolve` starts from when the read model has no row yet. */
  readonly initialState: TState;
  /** Pure: no clock, no I/O, no mutation of `state`; it runs on the server and in browsers. */
  readonly evolve: ReactiveEvolve<TState, TEvent>;
}

/** A view projection with the evolve its durable handlers and its clients both run. */
export interface ReactiveProjection<
  TState,
  TName extends string = string,
  TEvent extends ReactiveEvent = ReactiveEvent,
> {
  readonly kind: "reactiveProjection";
  readonly projection: ProjectionDefinition<TName, "view">;
  readonly projectionName: TName;
  readonly initialState: TState;
  readonly evolve: ReactiveEvolve<TState, TEvent>;
  /** True for the event types the projection subscribes to; others never reach `evolve`. */
  subscribesTo(eventType: string): boolean;
}

function problemsOf(input: unknown): CoreProblem[] {
  if (!isPlainObject(input)) {
    return [
      {
        code: "INVALID_REACTIVE_PROJECTION",
        message: `expected { projection, initialState, evolve } (got ${describeValue(input)})`,
      },
    ];
  }
  const problems: CoreProblem[] = [];
  const projection = input["projection"];
  if (!isPlainObject(projection) || projection["kind"] !== "projection") {
    problems.push({
      code: "INVALID_REACTIVE_PROJECTION",
      message: `projection must be a view projection made by defineProjection (got ${describeValue(projection)})`,
    });
  }
  if (input["initialState"] === undefined) {
    problems.push({
      code: "INVALID_REACTIVE_PROJECTION",
      message:
        "initialState is required: the state evolve starts from when the read model has no row yet (got undefined)",
    });
  }
  if (typeof input["evolve"] !== "function") {
    problems.push({
      code: "INVALID_REACTIVE_PROJECTION",
      message: `evolve must be a function (state, event) => state (got ${describeValue(input["evolve"])})`,
    });
  }
  return problems;
}

/**
 * Makes a view projection reactive: one pure `evolve` that the durable projection runs on the
 * server (`reactiveProjectionHandlers`) and clients run on the events the durable read model
 * has not applied yet (`useReactiveProjection`), so the two cannot drift. Only view projections
 * may be reactive: any other category is refused with platform-bc's SUBSCRIPTIONS_NOT_SUPPORTED
 * (`ProjectionAccessError`); a malformed input with INVALID_REACTIVE_PROJECTION (`CoreError`).
 *
 * @example
 * export const orderDetailView = defineReactiveProjection({
 *   projection: orderDetail,
 *   initialState: { status: "draft", items: 0 },
 *   evolve: (state, event) =>
 *     event.eventType === "ItemAdded" ? { ...state, items: state.items + 1 } : state,
 * });
 */
export function defineReactiveProjection<
  TState,
  TName extends string,
  TEvent extends ReactiveEvent = ReactiveEvent,
>(
  input: ReactiveProjectionInput<TState, TName, TEvent>,
): ReactiveProjection<TState, TName, TEvent> {
  const problems = problemsOf(input);
  if (problems.length > 0) {
    throw new CoreError(problems as [CoreProblem, ...CoreProblem[]], "reactive projection");
  }
  const { projection, initialState, evolve } = input;
  assertReactiveSubscriptionAllowed(projection);
  const subscribed = new Set<string>(projection.eventSubscriptions);
  return Object.freeze({
    kind: "reactiveProjection",
    projection,
    projectionName: projection.projectionName,
    initialState,
    evolve,
    subscribesTo: (eventType: string) => subscribed.has(eventType),
  });
}
