import { CoreError } from "../errors/coreError.js";
import type { CoreProblem } from "../errors/coreError.js";
import { describeValue } from "../internal/describe.js";
import type { ReservationFunctions } from "./reservations.js";

export interface ReservationsOptions {
  /** Called lazily, so it may name the app's own module: `() => internal.reservations`. */
  readonly functions: () => ReservationFunctions;
  /** TTL when `reserve` gets none; default 15 minutes. */
  readonly defaultTtlMs?: number;
  /** Shortest TTL a caller may ask for; default 1 second. */
  readonly minTtlMs?: number;
  /** Longest TTL a caller may ask for; default 24 hours. */
  readonly maxTtlMs?: number;
}

export interface ReservationSettings {
  readonly defaultTtlMs: number;
  readonly minTtlMs: number;
  readonly maxTtlMs: number;
}

export const DEFAULT_RESERVATION_TTL_MS = 15 * 60_000;
const DEFAULT_MIN_TTL_MS = 1_000;
const DEFAULT_MAX_TTL_MS = 24 * 60 * 60_000;

/** Checks the options; `INVALID_RESERVATIONS_CONFIG` lists every problem. */
export function checkReservationsOptions(options: ReservationsOptions): ReservationSettings {
  const problems: CoreProblem[] = [];
  const add = (message: string) => problems.push({ code: "INVALID_RESERVATIONS_CONFIG", message });
  if (typeof options?.functions !== "function") {
    add(
      `functions must be a function returning the app's registered functions, such as () => internal.reservations (got ${describeValue(options?.functions)})`,
    );
  }
  const settings = {
    minTtlMs: options?.minTtlMs ?? DEFAULT_MIN_TTL_MS,
    maxTtlMs: options?.maxTtlMs ?? DEFAULT_MAX_TTL_MS,
    defaultTtlMs: options?.defaultTtlMs ?? DEFAULT_RESERVATION_TTL_MS,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      add(`${name} is ${describeValue(value)}; expected a positive integer number of milliseconds`);
    }
  }
  if (settings.minTtlMs > settings.maxTtlMs) {
    add(
      `minTtlMs ${settings.minTtlMs} is above maxTtlMs ${settings.maxTtlMs}; expected min <= max`,
    );
  } else if (
    settings.defaultTtlMs < settings.minTtlMs ||
    settings.defaultTtlMs > settings.maxTtlMs
  ) {
    add(
      `defaultTtlMs ${settings.defaultTtlMs} is outside ${settings.minTtlMs} to ${settings.maxTtlMs}; expected a default the limits allow`,
    );
  }
  const [first, ...rest] = problems;
  if (first !== undefined) throw new CoreError([first, ...rest], "Reservations options");
  return Object.freeze(settings);
}
