/**
 * How long a background poller waits before its next poll: its pace while polls succeed; while
 * they fail, exponentially longer (4 s → 8 → 16 → 32 → 60 s), with a little jitter so many
 * tabs do not retry in step, and never sooner than the server's Retry-After. The first success
 * brings it back to the normal pace.
 */
import { ApiError } from "./errors";
import { unitHash } from "./poll-pace";

/** The backoff's unit (n failures in a row wait this × 2ⁿ), and the wait while all is well when no pace is given (the pace: poll-pace.ts). */
export const POLL_INTERVAL_MS = 4_000;
/** The longest wait between polls while a fault lasts (unless the server asks for longer). */
export const MAX_POLL_BACKOFF_MS = 60_000;
/** A Retry-After longer than this is cut short: polling slows down, it never stops for good. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;
/** Each backed-off wait is shortened by up to this share, picked per failure. */
const JITTER = 0.2;

/**
 * The delay before the next poll.
 * @param failures polls failed in a row (0 while all is well)
 * @param error the last poll's error (its retryAfter, in seconds, is honoured)
 * @param seed any number that changes with each failure (e.g. when it happened): the jitter is
 *   derived from it, so the same state always gives the same delay. TanStack recomputes the
 *   interval on every render and restarts its timer when the value changes: a fresh random
 *   number each time would keep postponing the poll.
 * @param healthyDelayMs the wait while polls succeed (the pace: poll-pace.ts)
 */
export function pollDelayMs(failures: number, error: unknown, seed: number, healthyDelayMs = POLL_INTERVAL_MS): number {
  if (failures <= 0) return healthyDelayMs;
  const exponential = Math.min(MAX_POLL_BACKOFF_MS, POLL_INTERVAL_MS * 2 ** Math.min(failures, 16));
  const jittered = Math.max(POLL_INTERVAL_MS, Math.round(exponential * (1 - JITTER * unitHash(seed))));
  const asked = error instanceof ApiError && error.retryAfter !== undefined ? error.retryAfter * 1000 : 0;
  return Math.max(healthyDelayMs, jittered, Math.min(asked, MAX_RETRY_AFTER_MS));
}

/** What the backoff needs from a poller's TanStack query state. */
export type PollerQueryState = {
  status: "pending" | "error" | "success";
  /** How many fetches of this query have failed, ever (TanStack counts one per failed fetch, after its retries). */
  errorUpdateCount: number;
  /** The last successful poll's own record of errorUpdateCount when it started (none: counted from 0). */
  data: { errorsBefore?: number } | undefined;
};

/**
 * Polls failed since the last success. TanStack keeps totals only (errorUpdateCount; its
 * fetchFailureCount restarts with every fetch), so each successful poll records the total it
 * started from, and the streak is the difference.
 */
export function failuresInARow(state: PollerQueryState): number {
  if (state.status !== "error") return 0;
  return Math.max(1, state.errorUpdateCount - (state.data?.errorsBefore ?? 0));
}
