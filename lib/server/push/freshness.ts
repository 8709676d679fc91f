import "server-only";

/** How old a delivery may be, and how far ahead of our clock its provider's may run. */
export type FreshnessWindow = { maxAgeMs: number; maxAheadMs: number };

/** ConnectSafely answers within seconds: a quarter of an hour covers a slow retry. */
export const CONNECTSAFELY_FRESHNESS: FreshnessWindow = { maxAgeMs: 15 * 60_000, maxAheadMs: 5 * 60_000 };
/** Linked API retries a delivery up to 8 times with backoff, for hours. */
export const LINKEDAPI_FRESHNESS: FreshnessWindow = { maxAgeMs: 24 * 60 * 60_000, maxAheadMs: 5 * 60_000 };

/**
 * Whether an event dated `at` may still be taken `now`: an older one is refused (with the event
 * store's dedupe, a replay is refused either way), as is one dated further in the future than
 * clocks drift.
 */
export function isFresh(at: number, now: number, window: FreshnessWindow): boolean {
  return at >= now - window.maxAgeMs && at <= now + window.maxAheadMs;
}
