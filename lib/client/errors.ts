/**
 * Typed errors thrown by fetchJson, and which of them are worth retrying. Their words for the rep
 * are in describe-error.ts, which the first screen does without (error-states.tsx loads it).
 */
import type { ErrorCode } from "@/lib/contracts/errors";

/** The server answered with a non-2xx status (our error envelope, or something we map from the status). */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** Seconds until a retry makes sense, from the envelope or the Retry-After header. */
    readonly retryAfter?: number,
    /** Whether the message is our server's own words for the rep (our envelope), not a fallback. */
    readonly fromEnvelope = false,
  ) {
    super(message);
  }
}

/** The request never got an answer: offline, DNS, connection reset, CORS… */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
}

/** The server answered 2xx but the body was not JSON or did not match the contract. */
export class InvalidResponseError extends Error {
  override readonly name = "InvalidResponseError";
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Whether a failed request is worth retrying: the server already retries the provider itself (up to
 * three attempts), so the browser retries, twice at most, only a request that never reached it.
 * Used by every query, so one failing page costs at most three upstream attempts, not nine.
 */
export function retryUnreachedRequest(failureCount: number, error: unknown): boolean {
  return failureCount < 2 && error instanceof NetworkError;
}

/** Errors that waiting may cure (a later poll or a Retry may succeed); never a 4xx the rep must fix. */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof ApiError) {
    return (
      error.code === "upstream_timeout" ||
      error.code === "upstream_error" ||
      error.code === "internal_error" ||
      error.code === "rate_limited"
    );
  }
  return false;
}
