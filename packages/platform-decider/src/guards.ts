import type { DeciderFailed, DeciderOutput, DeciderRejected, DeciderSuccess } from "./output.js";

/** Narrows an output to a success. */
export function isSuccess<TEvent, TData, TStateUpdate>(
  output: DeciderOutput<TEvent, TData, TStateUpdate>,
): output is DeciderSuccess<TEvent, TData, TStateUpdate> {
  return output.status === "success";
}

/** Narrows an output to a rejection. */
export function isRejected<TEvent, TData, TStateUpdate>(
  output: DeciderOutput<TEvent, TData, TStateUpdate>,
): output is DeciderRejected {
  return output.status === "rejected";
}

/** Narrows an output to a failure. */
export function isFailed<TEvent, TData, TStateUpdate>(
  output: DeciderOutput<TEvent, TData, TStateUpdate>,
): output is DeciderFailed<TEvent> {
  return output.status === "failed";
}
