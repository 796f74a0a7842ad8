import type { LogLevel } from "../logging/levels.js";
import { formatLogLine } from "../logging/record.js";
import type { LogRecord } from "../logging/record.js";
import type { LogSink } from "../logging/sinks.js";

/** A sink that keeps records in memory, for assertions. */
export interface MemorySink extends LogSink {
  /** Every record written, oldest first. */
  readonly records: readonly LogRecord[];
  /** The records as the console sink would print them. */
  lines(): string[];
  /** `"INFO orders: order placed"` per record: compact for equality assertions. */
  messages(): string[];
  /** Records of one level. */
  atLevel(level: LogLevel): LogRecord[];
  clear(): void;
}

/**
 * @example
 * const sink = createMemorySink();
 * const logger = createLogger("orders", { sink, now: () => 0 });
 * logger.info("order placed", { orderId: "o-1" });
 * sink.records; // [{ level: "INFO", scope: "orders", message: "order placed", timestamp: 0, orderId: "o-1" }]
 */
export function createMemorySink(): MemorySink {
  const records: LogRecord[] = [];
  return Object.freeze({
    records,
    write: (record: LogRecord) => {
      records.push(record);
    },
    lines: () => records.map(formatLogLine),
    messages: () => records.map((r) => `${r.level} ${r.scope}: ${r.message}`),
    atLevel: (level: LogLevel) => records.filter((r) => r.level === level),
    clear: () => {
      records.length = 0;
    },
  });
}
