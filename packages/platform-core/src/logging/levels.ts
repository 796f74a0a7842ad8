import { fail } from "../errors/coreError.js";
import { describeValue, quoteList } from "../internal/describe.js";

/** Log levels from the most to the least verbose. */
export const LOG_LEVELS = ["DEBUG", "INFO", "WARN", "ERROR"] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && (LOG_LEVELS as readonly string[]).includes(value);
}

/** True when a line at `level` passes a logger whose threshold is `threshold`. */
export function isLevelEnabled(threshold: LogLevel, level: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(threshold);
}

/**
 * Reads a level from configuration, such as an environment variable: case-insensitive, and
 * `fallback` when the value is absent or empty. Anything else is refused with
 * `INVALID_LOGGER_CONFIG`, never guessed.
 *
 * @example
 * const level = parseLogLevel(process.env.LOG_LEVEL, "INFO");
 */
export function parseLogLevel(value: string | undefined, fallback?: LogLevel): LogLevel {
  if ((value === undefined || value === "") && fallback !== undefined) return fallback;
  const upper = typeof value === "string" ? value.trim().toUpperCase() : value;
  if (isLogLevel(upper)) return upper;
  return fail(
    "INVALID_LOGGER_CONFIG",
    `log level must be one of ${quoteList(LOG_LEVELS)} (any case) (got ${describeValue(value)})`,
  );
}
