import { formatLogLine } from "./record.js";
import type { LogRecord } from "./record.js";

/** Where a logger writes its records. */
export interface LogSink {
  write(record: LogRecord): void;
}

/** The console methods a console sink uses. */
export interface ConsoleLike {
  debug(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

const METHOD = { DEBUG: "debug", INFO: "info", WARN: "warn", ERROR: "error" } as const;

/**
 * Writes each record as one JSON line to the console method of its level (`console.debug`,
 * `info`, `warn`, `error`), which is how Convex's log stream and dashboard tell levels apart.
 * The default sink of `createLogger`.
 */
export function createConsoleSink(target?: ConsoleLike): LogSink {
  return Object.freeze({
    write(record: LogRecord) {
      const out = target ?? (globalThis as unknown as { console: ConsoleLike }).console;
      out[METHOD[record.level]](formatLogLine(record));
    },
  });
}
