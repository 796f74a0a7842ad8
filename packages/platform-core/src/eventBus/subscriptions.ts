import type { FunctionReference } from "convex/server";
import type { CoreProblem } from "../errors/coreError.js";
import { CoreError } from "../errors/coreError.js";
import { describeValue, isNonEmptyString, isPlainObject, quoteList } from "../internal/describe.js";
import { SUBSCRIPTION_PRIORITIES } from "./validators.js";
import type { PublishedEvent, SubscriberArgs, SubscriptionPriority } from "./validators.js";

/** How Workpool retries a failed delivery; the same shape as Workpool's `RetryBehavior`. */
export interface DeliveryRetry {
  /** Attempts in all, the first included: 1 means no retry. */
  readonly maxAttempts: number;
  /** The wait before the first retry; later waits grow by `base`. Workpool adds jitter. */
  readonly initialBackoffMs: number;
  readonly base: number;
}

/** Workpool's own default: attempts at about 0, 250, 500, 1000 and 2000 ms. */
export const DEFAULT_DELIVERY_RETRY: DeliveryRetry = Object.freeze({
  maxAttempts: 5,
  initialBackoffMs: 250,
  base: 2,
});

/** A subscriber's handler mutation, as `internal.<module>.<name>`; its args are `vSubscriberArgs`. */
export type SubscriberHandler = FunctionReference<
  "mutation",
  "public" | "internal",
  SubscriberArgs,
  unknown
>;

export interface SubscriptionInput {
  /** Unique on the bus: letters, digits, `_`, `.`, `-`, starting with a letter (no `:`). */
  readonly name: string;
  /** The event types delivered to the handler. */
  readonly eventTypes: readonly string[];
  /** Only events of these bounded contexts; every context when absent. */
  readonly sourceContexts?: readonly string[];
  /** The bounded context the subscriber belongs to: dead letters are counted by it. */
  readonly targetContext: string;
  /** Picks the Workpool the deliveries run on; default `normal`. */
  readonly priority?: SubscriptionPriority;
  readonly handler: SubscriberHandler;
  /** Default `DEFAULT_DELIVERY_RETRY`. */
  readonly retry?: DeliveryRetry;
}

/** A checked subscription: what `defineSubscription` returns. */
export interface Subscription extends SubscriptionInput {
  readonly priority: SubscriptionPriority;
  readonly retry: DeliveryRetry;
}

const NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

function retryProblems(retry: unknown): string[] {
  if (!isPlainObject(retry))
    return [`retry is { maxAttempts, initialBackoffMs, base } (got ${describeValue(retry)})`];
  const problems: string[] = [];
  const { maxAttempts, initialBackoffMs, base } = retry;
  if (!Number.isInteger(maxAttempts) || (maxAttempts as number) < 1) {
    problems.push(
      `retry.maxAttempts is an integer of 1 or more (got ${describeValue(maxAttempts)})`,
    );
  }
  if (typeof initialBackoffMs !== "number" || !(initialBackoffMs >= 0)) {
    problems.push(
      `retry.initialBackoffMs is a number of 0 or more (got ${describeValue(initialBackoffMs)})`,
    );
  }
  if (typeof base !== "number" || !(base >= 1)) {
    problems.push(`retry.base is a number of 1 or more (got ${describeValue(base)})`);
  }
  return problems;
}

function stringListProblems(field: string, value: unknown, required: boolean): string[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || value.length === 0) {
    return [`${field} is a non-empty list of names (got ${describeValue(value)})`];
  }
  const bad = value.filter((item) => !isNonEmptyString(item));
  const duplicates = value.filter((item, index) => value.indexOf(item) !== index);
  return [
    ...(bad.length > 0
      ? [`${field} holds only non-empty strings (got ${bad.map(describeValue).join(", ")})`]
      : []),
    ...(duplicates.length > 0 ? [`${field} lists ${quoteList(duplicates)} more than once`] : []),
  ];
}

/**
 * Checks a subscription and fills its defaults. Every problem is reported at once
 * (`INVALID_SUBSCRIPTION`), when the module defining it loads.
 *
 * @example
 * export const shipOnPayment = defineSubscription({
 *   name: "shipping.onPaymentReceived",
 *   eventTypes: ["PaymentReceived"],
 *   sourceContexts: ["payments"],
 *   targetContext: "shipping",
 *   priority: "high",
 *   handler: internal.shipping.onPaymentReceived,
 * });
 */
export function defineSubscription(input: SubscriptionInput): Subscription {
  const raw: unknown = input;
  if (!isPlainObject(raw)) {
    throw new CoreError([
      {
        code: "INVALID_SUBSCRIPTION",
        message: `a subscription is an object (got ${describeValue(raw)})`,
      },
    ]);
  }
  const label = isNonEmptyString(raw.name) ? `subscription "${raw.name}"` : "a subscription";
  const messages = [
    ...(typeof raw.name === "string" && NAME.test(raw.name)
      ? []
      : [
          `name is letters, digits, "_", "." or "-", starting with a letter (got ${describeValue(raw.name)})`,
        ]),
    ...stringListProblems("eventTypes", raw.eventTypes, true),
    ...stringListProblems("sourceContexts", raw.sourceContexts, false),
    ...(isNonEmptyString(raw.targetContext)
      ? []
      : [
          `targetContext is the subscriber's bounded context (got ${describeValue(raw.targetContext)})`,
        ]),
    ...(raw.priority === undefined ||
    SUBSCRIPTION_PRIORITIES.includes(raw.priority as SubscriptionPriority)
      ? []
      : [
          `priority is one of ${quoteList(SUBSCRIPTION_PRIORITIES)} (got ${describeValue(raw.priority)})`,
        ]),
    ...(raw.handler === undefined || raw.handler === null
      ? ["handler is the subscriber's mutation, e.g. internal.shipping.onPaymentReceived"]
      : []),
    ...(raw.retry === undefined ? [] : retryProblems(raw.retry)),
  ];
  const [first, ...rest] = messages.map((message): CoreProblem => ({
    code: "INVALID_SUBSCRIPTION",
    message: `${label}: ${message}`,
  }));
  if (first !== undefined) throw new CoreError([first, ...rest], label);
  return Object.freeze({
    ...input,
    eventTypes: Object.freeze([...input.eventTypes]),
    ...(input.sourceContexts !== undefined && {
      sourceContexts: Object.freeze([...input.sourceContexts]),
    }),
    priority: input.priority ?? "normal",
    retry: Object.freeze({ ...(input.retry ?? DEFAULT_DELIVERY_RETRY) }),
  });
}

/** True when the subscription takes this event (its type, and its context if it filters one). */
export function subscriptionMatches(subscription: Subscription, event: PublishedEvent): boolean {
  return (
    subscription.eventTypes.includes(event.eventType) &&
    (subscription.sourceContexts === undefined ||
      subscription.sourceContexts.includes(event.boundedContext))
  );
}

/** Most urgent first, then by name: the order deliveries are enqueued in. */
export function byPriority(a: Subscription, b: Subscription): number {
  const rank =
    SUBSCRIPTION_PRIORITIES.indexOf(a.priority) - SUBSCRIPTION_PRIORITIES.indexOf(b.priority);
  return rank !== 0 ? rank : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The publication id of an event for a subscription: names never hold `:`, so it parses back. */
export function publicationIdOf(subscription: string, eventId: string): string {
  return `${subscription}:${eventId}`;
}
