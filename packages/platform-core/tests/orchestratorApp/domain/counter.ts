// A pure counter domain for the orchestrator tests: commands, events, a CMS and a decider.
import { defineCMS, defineCommand } from "@convex-es/platform-bc";
import { defineDecider, failed, rejected, success } from "@convex-es/platform-decider";
import type { Command, Event } from "@convex-es/platform-decider";
import { z } from "zod";

export const createCounter = defineCommand({
  commandType: "CreateCounter",
  boundedContext: "counters",
  payload: z.strictObject({ counterId: z.string().min(1), start: z.number().int() }),
});

export const incrementCounter = defineCommand({
  commandType: "IncrementCounter",
  boundedContext: "counters",
  payload: z.strictObject({ counterId: z.string().min(1), by: z.number().int() }),
});

export type CounterState = { readonly counterId: string; readonly value: number };

export const counterCMS = defineCMS<CounterState>({ cmsType: "counterCMS", currentVersion: 1 });

/** Increments above this fail (an unexpected situation) with an audit event. */
export const MAX_INCREMENT = 1000;

/** Starts above this fail (an unexpected situation) with an audit event, before any state exists. */
export const MAX_START = 1_000_000;

export type CounterCommand =
  | Command<"CreateCounter", { counterId: string; start: number }>
  | Command<"Increment", { by: number }>;

export type CounterEvent =
  | Event<"CounterCreated", { counterId: string; value: number }>
  | Event<"CounterIncremented", { counterId: string; by: number; value: number }>
  | Event<"IncrementRefused", { counterId: string; by: number }>
  | Event<"CounterCreationRefused", { counterId: string; start: number }>;

export const counterDecider = defineDecider<CounterState | null, CounterCommand, CounterEvent>({
  initialState: null,
  decide: (state, command) => {
    switch (command.type) {
      case "CreateCounter":
        if (command.data.start < 0) {
          return rejected(
            "NEGATIVE_START",
            `a counter starts at 0 or more (got ${command.data.start})`,
          );
        }
        if (command.data.start > MAX_START) {
          return failed(`start ${command.data.start} exceeds the hardware limit ${MAX_START}`, {
            event: {
              type: "CounterCreationRefused",
              data: { counterId: command.data.counterId, start: command.data.start },
            },
            context: { start: command.data.start },
          });
        }
        return success({
          type: "CounterCreated",
          data: { counterId: command.data.counterId, value: command.data.start },
        });
      case "Increment": {
        if (state === null) return rejected("COUNTER_NOT_FOUND", "no such counter");
        const { by } = command.data;
        if (by <= 0)
          return rejected("INVALID_INCREMENT", `increments are positive (got ${by})`, { by });
        if (by > MAX_INCREMENT) {
          return failed(`increment ${by} exceeds the hardware limit ${MAX_INCREMENT}`, {
            event: { type: "IncrementRefused", data: { counterId: state.counterId, by } },
            context: { by },
          });
        }
        const value = state.value + by;
        return success(
          { type: "CounterIncremented", data: { counterId: state.counterId, by, value } },
          { data: { value } },
        );
      }
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case "CounterCreated":
        return { counterId: event.data.counterId, value: event.data.value };
      case "CounterIncremented":
        return state === null ? state : { ...state, value: event.data.value };
      case "IncrementRefused":
      case "CounterCreationRefused":
        return state;
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
});
