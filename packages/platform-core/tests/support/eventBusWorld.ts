// What the event bus features share: the app of one scenario, the event it is about, and the
// checks on its publications and on the audit trail subscriber's effects.
import { expect, vi } from "vitest";
import { EVENT_BUS_ERROR_CODES, isEventBusError, PUBLICATION_STATUSES } from "../../src/index.js";
import type {
  DeliveryAttemptResult,
  PublicationRecord,
  PublicationStatus,
  PublishResult,
} from "../../src/index.js";
import { internal } from "../eventBusApp/convex/_generated/api.js";
import { newEventBusApp, runBackgroundWork } from "./eventBusApp.js";
import type { EventBusApp } from "./eventBusApp.js";
import { world } from "./helpers.js";

export function eventBusWorld() {
  let t: EventBusApp | undefined;
  let commands = 0;
  const state = world(() => ({
    /** The event the scenario is about, and its command. */
    eventId: "",
    commandId: "",
    published: undefined as PublishResult | undefined,
    error: undefined as unknown,
    attempt: undefined as DeliveryAttemptResult | undefined,
    /** The subscription the last "its publication" step named. */
    subscription: "",
    pages: [] as PublicationRecord[][],
  }));
  const app = () => {
    if (t === undefined) throw new Error("no app");
    return t;
  };
  const publicationIdOf = (subscription: string) => `${subscription}:${state.value.eventId}`;
  const publication = async (subscription: string): Promise<PublicationRecord> => {
    state.value.subscription = subscription;
    const found = await app().query(internal.eventBus.getPublication, {
      publicationId: publicationIdOf(subscription),
    });
    if (found === null) throw new Error(`no publication to ${subscription}`);
    return found;
  };

  return {
    state,
    app,
    publicationIdOf,
    publication,
    /** A new app under fake timers, and a new scenario state. */
    start: () => {
      vi.useFakeTimers();
      t = newEventBusApp();
      state.reset();
    },
    runPools: async () => runBackgroundWork(app()),
    createCounter: async (_ctx: unknown, counterId: string, start: number) => {
      const { outcome } = await app().mutation(internal.counters.create, {
        commandId: "cmd-create",
        correlationId: "corr-create",
        counterId,
        start,
      });
      expect(outcome).toMatchObject({ status: "executed" });
      await runBackgroundWork(app());
    },
    increment: async (_ctx: unknown, counterId: string, by: number, correlationId: string) => {
      commands += 1;
      const commandId = `cmd-${commands}`;
      const { outcome, published } = await app().mutation(internal.counters.increment, {
        commandId,
        correlationId,
        counterId,
        by,
      });
      expect(outcome).toMatchObject({ status: "executed" });
      expect(published).toHaveLength(1);
      state.value.commandId = commandId;
      state.value.published = published[0];
      state.value.eventId = published[0]!.eventId;
    },
    failAuditTrail: async (untilAttempt?: number) => {
      await app().mutation(internal.inspect.setFault, {
        subscription: "audit.trail",
        ...(untilAttempt !== undefined && { untilAttempt }),
      });
    },
    isAfter: async (_ctx: unknown, subscription: string, status: string, attempts: number) => {
      expect(await publication(subscription)).toMatchObject({ status, attempts });
    },
    lastErrorIs: async (_ctx: unknown, error: string) => {
      expect((await publication(state.value.subscription)).lastError).toBe(error);
    },
    auditHoldsOnceFrom: async (_ctx: unknown, attempt: number) => {
      const entries = await app().query(internal.inspect.auditEntriesOf, {
        eventId: state.value.eventId,
      });
      expect(entries).toEqual([
        expect.objectContaining({ publicationId: publicationIdOf("audit.trail"), attempt }),
      ]);
    },
    statsCount: async (
      _ctx: unknown,
      count: number,
      status: string,
      context: string,
      otherCount: number,
      otherContext: string,
    ) => {
      expect(PUBLICATION_STATUSES).toContain(status);
      const buckets = await app().query(internal.eventBus.publicationStats, {
        statuses: [status as PublicationStatus],
      });
      expect(buckets).toContainEqual({ targetContext: context, status, count, exact: true });
      expect(buckets).toContainEqual({
        targetContext: otherContext,
        status,
        count: otherCount,
        exact: true,
      });
    },
    refusedNaming: (_ctx: unknown, code: string, text: string) => {
      expect(EVENT_BUS_ERROR_CODES).toContain(code);
      expect(isEventBusError(state.value.error, code as never)).toBe(true);
      expect((state.value.error as { data: { message: string } }).data.message).toContain(text);
    },
    retry: async (subscription: string) =>
      app().mutation(internal.eventBus.retryDeadLetter, {
        publicationId: publicationIdOf(subscription),
      }),
  };
}
