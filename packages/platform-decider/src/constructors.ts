import { DeciderError } from "./errors.js";
import { isRejectionCode } from "./rejectionCode.js";
import type { DeciderFailed, DeciderRejected, DeciderSuccess } from "./output.js";

export type SuccessOptions<TData, TStateUpdate> = {
  readonly data?: TData;
  readonly stateUpdate?: TStateUpdate;
};

export type FailedOptions<TEvent> = {
  readonly event?: TEvent;
  readonly context?: Record<string, unknown>;
};

/**
 * A successful decision. Takes one event or a non-empty list; the output is frozen.
 *
 * @example
 * return success(orderCreated, { data: { orderId } });
 * return success([itemAdded, priceChanged]);
 */
export function success<TEvent, TData = never, TStateUpdate = never>(
  events: TEvent | readonly TEvent[],
  options: SuccessOptions<TData, TStateUpdate> = {},
): DeciderSuccess<TEvent, TData, TStateUpdate> {
  const list = Array.isArray(events) ? (events as readonly TEvent[]) : [events as TEvent];
  if (list.length === 0) {
    throw new DeciderError(
      "EMPTY_SUCCESS",
      "success() needs at least one event: a decision that changes nothing is a rejection " +
        "(rejected(code, message)) or, if nothing happened by design, should not be a command",
    );
  }
  return Object.freeze({
    status: "success",
    events: Object.freeze([...list]) as unknown as DeciderSuccess<TEvent>["events"],
    ...(options.data !== undefined && { data: options.data }),
    ...(options.stateUpdate !== undefined && { stateUpdate: options.stateUpdate }),
  });
}

/**
 * A business rule violation: no event, a stable SCREAMING_SNAKE code and a message for humans.
 *
 * @example
 * return rejected("ORDER_NOT_DRAFT", `Cannot add items to a ${state.status} order`, { status });
 */
export function rejected(
  code: string,
  message: string,
  context?: Record<string, unknown>,
): DeciderRejected {
  if (!isRejectionCode(code)) {
    const suggestion = toScreamingSnake(code);
    const hint = isRejectionCode(suggestion) ? `, for example "${suggestion}"` : "";
    throw new DeciderError(
      "INVALID_REJECTION_CODE",
      `Rejection code ${JSON.stringify(code)} is not SCREAMING_SNAKE_CASE: expected upper-case ` +
        `letters and digits separated by single underscores${hint}`,
      { code },
    );
  }
  return Object.freeze({
    status: "rejected",
    code,
    message,
    ...(context !== undefined && { context: Object.freeze({ ...context }) }),
  });
}

/**
 * An unexpected failure, with an optional audit event that is still recorded.
 *
 * @example
 * return failed("Price list is missing the product", { event: pricingFailed, context: { sku } });
 */
export function failed<TEvent = never>(
  reason: string,
  options: FailedOptions<TEvent> = {},
): DeciderFailed<TEvent> {
  return Object.freeze({
    status: "failed",
    reason,
    ...(options.event !== undefined && { event: options.event }),
    ...(options.context !== undefined && { context: Object.freeze({ ...options.context }) }),
  });
}

function toScreamingSnake(code: string): string {
  return code
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}
