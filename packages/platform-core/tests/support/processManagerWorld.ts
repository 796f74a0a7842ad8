// What the process manager feature's steps share: the app of one scenario, the order events it
// published, and the checks on the orderTally instances, dead letters and commands.
import { expect, vi } from "vitest";
import { PROCESS_MANAGER_ERROR_CODES, processManagerCommandId } from "../../src/index.js";
import type { ProcessManagerDeadLetter, ProcessManagerResult } from "../../src/index.js";
import { internal } from "../eventBusApp/convex/_generated/api.js";
import { newEventBusApp, runBackgroundWork } from "./eventBusApp.js";
import type { EventBusApp } from "./eventBusApp.js";
import { world } from "./helpers.js";

export function processManagerWorld() {
  let t: EventBusApp | undefined;
  let commands = 0;
  const state = world(() => ({
    /** The order events the scenario published, in order. */
    events: [] as string[],
    result: undefined as ProcessManagerResult | undefined,
    retries: [] as ProcessManagerResult[],
    error: undefined as unknown,
  }));
  const app = () => {
    if (t === undefined) throw new Error("no app");
    return t;
  };
  const lastEvent = () => {
    const eventId = state.value.events.at(-1);
    if (eventId === undefined) throw new Error("no event was published");
    return eventId;
  };
  const commandIdOf = (orderId: string, eventId: string) =>
    processManagerCommandId("orderTally", orderId, eventId, 0);
  const createCounter = async (counterId: string, start: number) => {
    commands += 1;
    const { outcome } = await app().mutation(internal.counters.create, {
      commandId: `cmd-create-${commands}`,
      correlationId: `corr-create-${commands}`,
      counterId,
      start,
    });
    expect(outcome).toMatchObject({ status: "executed" });
  };
  const place = async (
    orderId: string,
    quantity: number,
    counterId: string,
    correlationId: string,
  ) => {
    const { eventId, publications } = await app().mutation(internal.orders.placeOrder, {
      orderId,
      counterId,
      quantity,
      correlationId,
    });
    expect(publications.map((p) => p.subscription)).toEqual(["orderTally"]);
    state.value.events.push(eventId);
  };
  const placeAndRun = async (
    _ctx: unknown,
    orderId: string,
    quantity: number,
    counterId: string,
    correlationId: string,
  ) => {
    await place(orderId, quantity, counterId, correlationId);
    await runBackgroundWork(app());
  };
  const counterIs = async (_ctx: unknown, counterId: string, value: number) => {
    expect(await app().query(internal.counters.getCounter, { counterId })).toMatchObject({
      counterId,
      value,
    });
  };
  const instanceIs = async (
    _ctx: unknown,
    instanceId: string,
    status: string,
    placed: number,
    eventsHandled: number,
  ) => {
    const instance = await app().query(internal.orderTally.getInstance, { instanceId });
    expect(instance).toMatchObject({ processManager: "orderTally", status, eventsHandled });
    expect(instance?.state).toMatchObject({ placed });
  };
  const deadLetters = async (status: "pending" | "resolved" | "ignored") =>
    (
      await app().query(internal.orderTally.listDeadLetters, {
        status,
        paginationOpts: { cursor: null, numItems: 50 },
      })
    ).page;
  const deadLetterOf = async (eventId: string): Promise<ProcessManagerDeadLetter> => {
    for (const status of ["pending", "resolved", "ignored"] as const) {
      const found = (await deadLetters(status)).find((d) => d.eventId === eventId);
      if (found !== undefined) return found;
    }
    throw new Error(`no dead letter for ${eventId}`);
  };
  const deadLettered = async (eventId: string, code: string, text: string) => {
    expect(
      PROCESS_MANAGER_ERROR_CODES.includes(code as never) || code === "INVALID_TRANSITION",
    ).toBe(true);
    const deadLetter = await deadLetterOf(eventId);
    expect(deadLetter).toMatchObject({ status: "pending", code, processManager: "orderTally" });
    expect(deadLetter.message).toContain(text);
    // The process manager took the event: for the bus, the delivery succeeded.
    expect(
      await app().query(internal.eventBus.getPublication, {
        publicationId: `orderTally:${eventId}`,
      }),
    ).toMatchObject({ status: "delivered" });
  };
  const retry = async (eventId: string) => {
    const result = await app().mutation(internal.orderTally.retryDeadLetter, { eventId });
    state.value.retries.push(result);
  };
  const deliveredOnce = async (_ctx: unknown, subscription: string) => {
    expect(
      await app().query(internal.eventBus.getPublication, {
        publicationId: `${subscription}:${lastEvent()}`,
      }),
    ).toMatchObject({ status: "delivered", attempts: 1, targetContext: "tally" });
  };

  /** A new app under fake timers with one counter, and a new scenario state. */
  const start = async (counterId: string, initial: number) => {
    vi.useFakeTimers();
    t = newEventBusApp();
    state.reset();
    await createCounter(counterId, initial);
    await runBackgroundWork(app());
  };
  return {
    runPools: async () => runBackgroundWork(app()),
    state,
    app,
    lastEvent,
    commandIdOf,
    createCounter,
    place,
    placeAndRun,
    counterIs,
    instanceIs,
    deadLetters,
    deadLetterOf,
    deadLettered,
    retry,
    deliveredOnce,
    start,
  };
}
