/** The longest a partition waits before retrying an event its handler threw on. */
export const MAX_RETRY_DELAY_MS = 60_000;

/**
 * The wait before attempt `attempts + 1` of an event: `baseMs`, then doubled per failure, capped
 * at MAX_RETRY_DELAY_MS. One partition retries one event at a time, so no jitter is needed to
 * spread a herd.
 */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}
