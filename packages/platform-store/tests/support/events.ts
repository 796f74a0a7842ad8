// Inputs and assertions shared by the component tests.
import { expect } from "vitest";
import type { EventStoreErrorCode, NewEvent, StreamRef } from "../../src/client/index.js";
import { isEventStoreError } from "../../src/client/index.js";

export const T0 = Date.UTC(2030, 0, 1);

/** A new event as the component takes it (category and schema version explicit). */
export function event(eventType: string, payload: unknown = {}, overrides: Partial<NewEvent> = {}) {
  return {
    eventType,
    category: "domain" as const,
    schemaVersion: 1,
    payload,
    metadata: { correlationId: "corr-1" },
    ...overrides,
  } satisfies NewEvent;
}

export function stream(streamId: string, overrides: Partial<StreamRef> = {}): StreamRef {
  return { streamType: "Order", streamId, boundedContext: "orders", ...overrides };
}

/** Awaits a call that must fail with an event-store error of `code`; returns its data. */
export async function rejectsWith(
  call: Promise<unknown>,
  code: EventStoreErrorCode,
): Promise<{ code: string; message: string } & Record<string, unknown>> {
  let thrown: unknown;
  try {
    await call;
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${code}, but the call succeeded`).toBeDefined();
  expect(isEventStoreError(thrown), `expected an event-store error, got ${String(thrown)}`).toBe(
    true,
  );
  const data = (thrown as { data: { code: string; message: string } }).data;
  expect(data.code).toBe(code);
  return data as { code: string; message: string } & Record<string, unknown>;
}
