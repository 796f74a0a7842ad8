import { durabilityError } from "./errors.js";

/**
 * The part of a key and its value, in the key's order. Every part but the last must be free of
 * `:` so that a key reads back one way only (`a:b` + `c` and `a` + `b:c` would collide); the
 * last part may contain it (an entity id such as a scope key).
 */
function keyOf(pattern: string, parts: readonly (readonly [string, unknown])[]): string {
  const values: string[] = [];
  parts.forEach(([name, value], index) => {
    const last = index === parts.length - 1;
    const text = typeof value === "number" ? String(value) : value;
    if (typeof text !== "string" || text.length === 0 || (!last && text.includes(":"))) {
      throw durabilityError(
        "INVALID_IDEMPOTENCY_KEY",
        `${name} is ${JSON.stringify(value) ?? String(value)}; expected a non-empty string` +
          (last ? "" : " without a colon") +
          ` to build the idempotency key ${pattern}`,
        { part: name, pattern },
      );
    }
    values.push(text);
  });
  return values.join(":");
}

/**
 * Idempotency keys of the four event sources: the same logical event always gets the same key,
 * so the event store stores it once however often its append is retried.
 *
 * | source         | pattern                                 | example                                  |
 * | -------------- | --------------------------------------- | ---------------------------------------- |
 * | command result | `{commandType}:{entityId}:{commandId}`  | `SubmitOrder:ord-123:cmd-456`            |
 * | action result  | `{actionType}:{entityId}`               | `payment:ord-123`                        |
 * | saga step      | `{sagaType}:{sagaId}:{step}`            | `OrderFulfillment:saga-789:reserveStock` |
 * | scheduled job  | `{jobType}:{scheduleId}:{runTimestamp}` | `expireReservations:job-001:1704067200`  |
 *
 * A missing or empty part, or a `:` in any part but the last, throws INVALID_IDEMPOTENCY_KEY.
 *
 * @example
 * idempotencyKeys.sagaStep("OrderFulfillment", sagaId, "reserveStock");
 */
export const idempotencyKeys = Object.freeze({
  commandResult(commandType: string, entityId: string, commandId: string): string {
    return keyOf("{commandType}:{entityId}:{commandId}", [
      ["commandType", commandType],
      ["entityId", entityId],
      ["commandId", commandId],
    ]);
  },
  actionResult(actionType: string, entityId: string): string {
    return keyOf("{actionType}:{entityId}", [
      ["actionType", actionType],
      ["entityId", entityId],
    ]);
  },
  sagaStep(sagaType: string, sagaId: string, step: string): string {
    return keyOf("{sagaType}:{sagaId}:{step}", [
      ["sagaType", sagaType],
      ["sagaId", sagaId],
      ["step", step],
    ]);
  },
  /** `runTimestamp` is the run's scheduled time (an integer, e.g. seconds since the epoch). */
  scheduledJob(jobType: string, scheduleId: string, runTimestamp: number): string {
    if (!Number.isSafeInteger(runTimestamp) || runTimestamp < 0) {
      throw durabilityError(
        "INVALID_IDEMPOTENCY_KEY",
        `runTimestamp is ${String(runTimestamp)}; expected an integer >= 0 (the scheduled time of the run) to build the idempotency key {jobType}:{scheduleId}:{runTimestamp}`,
        { part: "runTimestamp", pattern: "{jobType}:{scheduleId}:{runTimestamp}" },
      );
    }
    return keyOf("{jobType}:{scheduleId}:{runTimestamp}", [
      ["jobType", jobType],
      ["scheduleId", scheduleId],
      ["runTimestamp", runTimestamp],
    ]);
  },
});
