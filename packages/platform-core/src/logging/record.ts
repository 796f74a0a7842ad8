import type { LogLevel } from "./levels.js";

/** Extra structured values of a log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/** One log line: `{ level, scope, message, timestamp, ...fields }`. */
export interface LogRecord {
  readonly level: LogLevel;
  readonly scope: string;
  readonly message: string;
  /** Milliseconds since the epoch, from the logger's clock. */
  readonly timestamp: number;
  readonly [field: string]: unknown;
}

const RESERVED = new Set(["level", "scope", "message", "timestamp"]);

/**
 * Builds a record. The record's own keys always win; a field named like one of them
 * (`level`, `scope`, `message`, `timestamp`) is kept as `field:<name>` rather than dropped.
 */
export function buildLogRecord(
  level: LogLevel,
  scope: string,
  message: string,
  timestamp: number,
  fields: LogFields | undefined,
): LogRecord {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    extra[RESERVED.has(key) ? `field:${key}` : key] = value;
  }
  return Object.freeze({ level, scope, message, timestamp, ...extra });
}

function loggable(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === "bigint") return `${value.toString()}n`;
  if (typeof value === "function" || typeof value === "symbol") return `[${typeof value}]`;
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  if (value instanceof Error) {
    const { code, data } = value as { code?: unknown; data?: unknown };
    return {
      name: value.name,
      message: value.message,
      ...(code !== undefined && { code: loggable(code, seen) }),
      ...(data !== undefined && { data: loggable(data, seen) }),
      ...(value.stack !== undefined && { stack: value.stack }),
    };
  }
  if (value instanceof Map) return loggable(Object.fromEntries(value), seen);
  if (value instanceof Set) return loggable([...value], seen);
  if (value instanceof ArrayBuffer) return `[ArrayBuffer ${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((item) => loggable(item, seen) ?? null);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = loggable(item, seen);
  return out;
}

/**
 * One JSON line for a record. Never throws: errors become `{ name, message, code?, data?,
 * stack? }`, bigints `"12n"`, cycles `"[Circular]"`, Maps objects and Sets arrays, so a log
 * call cannot break the function that logs.
 */
export function formatLogLine(record: LogRecord): string {
  return JSON.stringify(loggable(record, new WeakSet()));
}
