import "server-only";
import { ApiError } from "@/lib/server/errors";

/** What an upstream HTTP status means when the provider's body does not say more. */
export function errorFromStatus(provider: string, status: number, retryAfter?: number): ApiError {
  if (status === 401 || status === 403) {
    return new ApiError("upstream_auth", `${provider} no longer accepts this account's connection. An admin needs to reconnect it.`);
  }
  if (status === 402) {
    return new ApiError("credits_exhausted", `${provider} has no credits left on this plan.`);
  }
  if (status === 408) {
    return new ApiError("upstream_timeout", `${provider} did not answer in time.`, { retryable: true });
  }
  if (status === 429) {
    return new ApiError("rate_limited", `${provider} is rate limiting this account.`, {
      retryAfter,
      retryable: true,
    });
  }
  if (status >= 500) {
    return new ApiError("upstream_error", `${provider} is having trouble right now.`, { retryAfter, retryable: true });
  }
  return new ApiError("upstream_error", `${provider} refused the request.`);
}
