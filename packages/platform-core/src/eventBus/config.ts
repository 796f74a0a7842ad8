import type { Workpool } from "@convex-dev/workpool";
import type { FunctionReference } from "convex/server";
import type { ObjectType } from "convex/values";
import type { CoreProblem } from "../errors/coreError.js";
import { CoreError } from "../errors/coreError.js";
import { quoteList } from "../internal/describe.js";
import type { Logger } from "../logging/createLogger.js";
import { defineSubscription } from "./subscriptions.js";
import type { Subscription, SubscriptionInput } from "./subscriptions.js";
import type {
  DeliveryAttemptResult,
  SubscriptionPriority,
  vDeliveryCompleteArgs,
} from "./validators.js";

/** A Workpool a priority's deliveries run on: one component instance per priority. */
export type DeliveryPool = Pick<Workpool, "enqueueAction">;

/** One Workpool per priority used by a subscription; `normal` is the default priority. */
export type EventBusPools = Partial<Record<SubscriptionPriority, DeliveryPool>>;

export type DeliveryCompleteArgs = ObjectType<typeof vDeliveryCompleteArgs>;

/**
 * The app's delivery functions, made with the bus's factories and exported from one module, so
 * `functions: internal.eventBus` fits when that module is `convex/eventBus.ts`.
 */
export interface EventBusFunctions {
  /** The Workpool job: an action, so Workpool retries it with backoff. */
  readonly deliver: FunctionReference<
    "action",
    "public" | "internal",
    { publicationId: string },
    null
  >;
  /** One attempt: runs the subscriber and marks the publication in one transaction. */
  readonly deliverAttempt: FunctionReference<
    "mutation",
    "public" | "internal",
    { publicationId: string },
    DeliveryAttemptResult
  >;
  /** Workpool's onComplete: dead-letters a publication whose attempts are used up. */
  readonly onDeliveryComplete: FunctionReference<
    "mutation",
    "public" | "internal",
    DeliveryCompleteArgs,
    null
  >;
}

export interface EventBusOptions {
  readonly pools: EventBusPools;
  /** Defined with `defineSubscription`, or plain inputs it accepts. */
  readonly subscriptions: readonly (Subscription | SubscriptionInput)[];
  readonly functions: EventBusFunctions;
  /** The clock of tracking timestamps; default `Date.now`. */
  readonly now?: () => number;
  /** Failed attempts are logged at WARN, dead letters at ERROR. */
  readonly logger?: Logger;
}

/** The checked options the bus's modules share. */
export interface EventBusConfig {
  readonly pools: EventBusPools;
  readonly subscriptions: ReadonlyMap<string, Subscription>;
  readonly functions: EventBusFunctions;
  readonly now: () => number;
  readonly logger: Logger | undefined;
}

/** Checks the options at once (`INVALID_EVENT_BUS_CONFIG`, `DUPLICATE_SUBSCRIPTION`, `EVENT_BUS_POOL_MISSING`). */
export function resolveEventBusOptions(options: EventBusOptions): EventBusConfig {
  const subscriptions = new Map<string, Subscription>();
  const problems: CoreProblem[] = [];
  for (const input of options.subscriptions ?? []) {
    const subscription = defineSubscription(input);
    if (subscriptions.has(subscription.name)) {
      problems.push({
        code: "DUPLICATE_SUBSCRIPTION",
        message: `subscription "${subscription.name}" is registered twice; names identify publications, so each is unique`,
      });
      continue;
    }
    subscriptions.set(subscription.name, subscription);
    if (options.pools?.[subscription.priority] === undefined) {
      problems.push({
        code: "EVENT_BUS_POOL_MISSING",
        message: `subscription "${subscription.name}" has priority "${subscription.priority}" but the bus has no pool for it (pools: ${quoteList(Object.keys(options.pools ?? {}))}); add pools.${subscription.priority}, a Workpool of its own`,
      });
    }
  }
  const functions = options.functions as Partial<EventBusFunctions> | undefined;
  const missing = (["deliver", "deliverAttempt", "onDeliveryComplete"] as const).filter(
    (name) => functions?.[name] === undefined,
  );
  if (missing.length > 0) {
    problems.push({
      code: "INVALID_EVENT_BUS_CONFIG",
      message: `functions lacks ${quoteList(missing)}: export them from the module of the bus (made with deliveryAction, deliveryAttemptMutation and deliveryCompleteMutation) and pass internal.<module>`,
    });
  }
  const [first, ...rest] = problems;
  if (first !== undefined) throw new CoreError([first, ...rest], "the event bus");
  return {
    pools: options.pools,
    subscriptions,
    functions: options.functions,
    now: options.now ?? Date.now,
    logger: options.logger,
  };
}
