import "server-only";
import { ApiError } from "@/lib/server/errors";
import type { UpstreamFailure } from "@/lib/server/http/fetch-upstream";
import { errorFromStatus } from "@/lib/server/http/status-errors";
import { linkupErrorBodySchema } from "./schemas";

export type LinkupAction = "list_inbox" | "get_conversation" | "send";

/** Linkup's documented error codes (providers.md §1e) in our envelope; unknown ones fall back to the status. */
export function classifyLinkupFailure(action: LinkupAction) {
  return (failure: UpstreamFailure): ApiError | undefined => {
    const parsed = linkupErrorBodySchema.safeParse(failure.body);
    const code = parsed.success ? parsed.data.error?.code : undefined;
    switch (code) {
      case "INVALID_API_KEY":
        return new ApiError("upstream_auth", "Linkup no longer accepts this account's API key. An admin needs to update it.");
      case "INVALID_ACCOUNT":
        return new ApiError("upstream_auth", "Linkup no longer knows this LinkedIn account. An admin needs to reconnect it.");
      case "ACCOUNT_INACTIVE":
        return new ApiError("upstream_auth", "This LinkedIn account is inactive at Linkup. Reconnect it in Linkup, then retry.");
      case "INSUFFICIENT_CREDITS":
        return new ApiError("credits_exhausted", "Linkup has no credits left on this plan. Top up to keep reading and sending messages.");
      case "RATE_LIMITED":
        return errorFromStatus("Linkup", 429, failure.retryAfter);
      case "INVALID_PARAMS":
        return invalidParams(action);
      case "INVALID_ACTION":
        return new ApiError("upstream_error", "Linkup does not support this request.");
      case "INTERNAL_ERROR":
        return errorFromStatus("Linkup", 500, failure.retryAfter);
      default:
        return undefined;
    }
  };
}

function invalidParams(action: LinkupAction): ApiError {
  switch (action) {
    case "get_conversation":
      return new ApiError("not_found", "Linkup could not find this conversation.");
    case "send":
      // Linkup names no finer error for a send: the recipient's profile and the text are all it takes.
      return new ApiError("upstream_error", "Linkup refused to send this message: it did not accept the recipient's profile or the text.");
    case "list_inbox":
      return new ApiError("upstream_error", "Linkup refused the request parameters.");
  }
}

export function isLinkupErrorBody(body: unknown): boolean {
  return linkupErrorBodySchema.safeParse(body).success;
}
