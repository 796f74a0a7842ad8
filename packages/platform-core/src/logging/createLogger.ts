import { fail } from "../errors/coreError.js";
import { describeValue, isPlainObject } from "../internal/describe.js";
import { isLevelEnabled, isLogLevel, LOG_LEVELS } from "./levels.js";
import type { LogLevel } from "./levels.js";
import { buildLogRecord } from "./record.js";
import type { LogFields } from "./record.js";
import { createConsoleSink } from "./sinks.js";
import type { LogSink } from "./sinks.js";

/** What `createLogger` takes; everything is optional. */
export interface LoggerOptions {
  /** Lines below this level are dropped. Default `"INFO"`. */
  readonly level?: LogLevel;
  /** Default: the console, one JSON line per record (`createConsoleSink()`). */
  readonly sink?: LogSink;
  /** Milliseconds since the epoch for `timestamp`. Default `Date.now`; inject one in tests. */
  readonly now?: () => number;
  /** Fields added to every line of this logger and its children. */
  readonly fields?: LogFields;
}

/** What `logger.child` takes: another threshold, more fields. */
export interface ChildLoggerOptions {
  readonly level?: LogLevel;
  readonly fields?: LogFields;
}

/** A scoped logger. Each call writes at most one record to the sink. */
export interface Logger {
  /** `orders`, or `orders:projections` for a child. */
  readonly scope: string;
  readonly level: LogLevel;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  log(level: LogLevel, message: string, fields?: LogFields): void;
  /** True when a line at `level` would be written. Guard costly fields with it. */
  isEnabled(level: LogLevel): boolean;
  /** A logger for a part of this scope: same sink and clock, `scope:name`, inherited fields. */
  child(name: string, options?: ChildLoggerOptions): Logger;
  /** The logger's clock, for durations measured in the same time base as its timestamps. */
  now(): number;
}

const SEGMENT = /^[A-Za-z0-9_.-]+$/;

function checkLevel(level: unknown, where: string): LogLevel {
  if (isLogLevel(level)) return level;
  return fail(
    "INVALID_LOGGER_CONFIG",
    `${where}: level must be one of ${LOG_LEVELS.map((l) => `"${l}"`).join(", ")} (got ${describeValue(level)})`,
  );
}

function checkFields(fields: unknown, where: string): LogFields {
  if (fields === undefined) return {};
  if (isPlainObject(fields)) return fields;
  return fail(
    "INVALID_LOGGER_CONFIG",
    `${where}: fields must be a plain object (got ${describeValue(fields)})`,
  );
}

function makeLogger(
  scope: string,
  level: LogLevel,
  sink: LogSink,
  now: () => number,
  baseFields: LogFields,
): Logger {
  const log = (at: LogLevel, message: string, fields?: LogFields) => {
    if (!isLevelEnabled(level, at)) return;
    sink.write(buildLogRecord(at, scope, message, now(), { ...baseFields, ...fields }));
  };
  return Object.freeze({
    scope,
    level,
    debug: (message: string, fields?: LogFields) => log("DEBUG", message, fields),
    info: (message: string, fields?: LogFields) => log("INFO", message, fields),
    warn: (message: string, fields?: LogFields) => log("WARN", message, fields),
    error: (message: string, fields?: LogFields) => log("ERROR", message, fields),
    log: (at: LogLevel, message: string, fields?: LogFields) =>
      log(checkLevel(at, `logger "${scope}"`), message, fields),
    isEnabled: (at: LogLevel) => isLevelEnabled(level, at),
    child: (name: string, options: ChildLoggerOptions = {}) => {
      const where = `logger "${scope}": child ${describeValue(name)}`;
      if (typeof name !== "string" || !SEGMENT.test(name)) {
        fail(
          "INVALID_LOGGER_CONFIG",
          `${where}: a child scope is one segment of letters, digits, "_", "." or "-" such as "projections"`,
        );
      }
      const childLevel = options.level === undefined ? level : checkLevel(options.level, where);
      const fields = { ...baseFields, ...checkFields(options.fields, where) };
      return makeLogger(`${scope}:${name}`, childLevel, sink, now, fields);
    },
    now,
  });
}

/**
 * A logger for one scope (a bounded context, a subsystem) that writes structured records
 * `{ level, scope, message, timestamp, ...fields }` and drops lines below its level
 * (DEBUG < INFO < WARN < ERROR). By default each record becomes one JSON line on the console,
 * which is Convex's log stream.
 *
 * @example
 * const logger = createLogger("orders", { level: "DEBUG" });
 * const projections = logger.child("projections"); // scope "orders:projections"
 * projections.info("checkpoint advanced", { projection: "orderSummary", position: 42 });
 */
export function createLogger(scope: string, options: LoggerOptions = {}): Logger {
  const where = `logger ${describeValue(scope)}`;
  if (typeof scope !== "string" || !scope.split(":").every((part) => SEGMENT.test(part))) {
    fail(
      "INVALID_LOGGER_CONFIG",
      `${where}: a scope is one or more segments of letters, digits, "_", "." or "-", joined by ":" (such as "orders" or "orders:projections")`,
    );
  }
  const level = options.level === undefined ? "INFO" : checkLevel(options.level, where);
  const sink = options.sink ?? createConsoleSink();
  if (typeof (sink as { write?: unknown }).write !== "function") {
    fail("INVALID_LOGGER_CONFIG", `${where}: sink must have a write(record) method`);
  }
  const now = options.now ?? Date.now;
  if (typeof now !== "function") {
    fail("INVALID_LOGGER_CONFIG", `${where}: now must be a function returning milliseconds`);
  }
  return makeLogger(scope, level, sink, now, checkFields(options.fields, where));
}
