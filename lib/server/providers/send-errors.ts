import "server-only";
import { ApiError } from "@/lib/server/errors";

/** After these, the provider may have the message: a timeout, a cut connection, a 5xx, an unreadable 2xx. */
export function mayHaveArrived(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  if (error.code === "rate_limited" || error.code === "budget_exhausted") return false;
  return error.retryable || error.code === "upstream_timeout" || error.code === "upstream_invalid";
}

/**
 * A failure of something a send needs first (a lookup): nothing was sent, so it must not read as
 * "the provider may have it". Definite failures pass as they are; the others become one that says so.
 */
export function notSentError(error: unknown, message: string): unknown {
  return mayHaveArrived(error) ? new ApiError("upstream_error", message, { cause: error }) : error;
}
