import "server-only";
import { ApiError } from "@/lib/server/errors";
import type { UpstreamFailure } from "@/lib/server/http/fetch-upstream";
import { errorFromStatus } from "@/lib/server/http/status-errors";
import { linkupErrorBodySchema } from "./schemas";

export type LinkupAction = "list_inbox" | "get_conversation";

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
        return new ApiError("credits_exhausted", "Linkup has no credits left on this plan. Top up to keep reading messages.");
      case "RATE_LIMITED":
        return errorFromStatus("Linkup", 429, failure.retryAfter);
      case "INVALID_PARAMS":
        return action === "get_conversation"
          ? new ApiError("not_found", "Linkup could not find this conversation.")
          : new ApiError("upstream_error", "Linkup refused the request parameters.");
      case "INVALID_ACTION":
        return new ApiError("upstream_error", "Linkup does not support this request.");
      case "INTERNAL_ERROR":
        return errorFromStatus("Linkup", 500, failure.retryAfter);
      default:
        return undefined;
    }
  };
}

export function isLinkupErrorBody(body: unknown): boolean {
  return linkupErrorBodySchema.safeParse(body).success;
}
