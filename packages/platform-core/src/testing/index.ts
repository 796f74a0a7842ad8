export type { MemorySink } from "./memorySink.js";
export { createMemorySink } from "./memorySink.js";
export { sequentialIdGenerator, steppingClock } from "./ids.js";
export type { TestContextOverrides, TestRateLimitChecker } from "./middleware.js";
export {
  createTestRateLimitChecker,
  middlewareContextFor,
  recordingMiddleware,
  TEST_CORRELATION,
} from "./middleware.js";
export type {
  IndexBound,
  IndexRead,
  RecordedInsert,
  TransactionRecording,
} from "./transactionRecording.js";
export { rangesContaining, recordingDb } from "./transactionRecording.js";
