import "server-only";
import { ApiError } from "@/lib/server/errors";
import type { UpstreamFailure } from "@/lib/server/http/fetch-upstream";
import { errorFromStatus } from "@/lib/server/http/status-errors";
import { linkupV1ErrorBodySchema } from "./schemas";

export type LinkupV1Call = "inbox" | "conversation" | "send-message";

/**
 * v1 documents no statuses or error codes (providers.md §2, "Errors (v1)"), and may answer an error
 * with HTTP 200, so the status and the error text are both read [inf]. The text is only matched,
 * never shown: every message below is ours, written for the rep.
 */
const API_KEY = /api[\s_-]?key/i;
const SESSION_THING = /login[\s_-]?token|li_at|cookie|session/i;
const SESSION_BAD = /invalid|expired|missing|required|revoked|not valid|unauthori[sz]ed|logged out|log in again/i;
const CREDITS = /(insufficient|not enough|no|out of)\s+credits?|credits?\s+(exhausted|depleted)/i;
const RATE_LIMIT = /rate[\s_-]?limit|too many requests/i;
const NOT_FOUND = /not found|no conversation/i;
const NOT_ALLOWED = /not allowed|permission|cannot (be )?messag|can't (be )?messag/i;

export function classifyLinkupV1Failure(call: LinkupV1Call) {
  return (failure: UpstreamFailure): ApiError | undefined => {
    const { status, retryAfter } = failure;
    const text = errorTextOf(failure.body);
    if (API_KEY.test(text)) {
      return new ApiError("upstream_auth", "Linkup no longer accepts this account's API key. An admin needs to update it.");
    }
    if (status === 401 || status === 403 || (SESSION_THING.test(text) && SESSION_BAD.test(text))) {
      return new ApiError("upstream_auth", "The LinkedIn session for this account expired. Reconnect it, then try again.");
    }
    if (status === 402 || CREDITS.test(text)) {
      return new ApiError("credits_exhausted", "Linkup has no credits left on this plan. Top up to keep reading and sending messages.");
    }
    if (status === 429 || RATE_LIMIT.test(text)) return errorFromStatus("Linkup", 429, retryAfter);
    if (status >= 500) return errorFromStatus("Linkup", status, retryAfter);
    if (call === "conversation" && (status === 404 || NOT_FOUND.test(text))) {
      return new ApiError("not_found", "Linkup could not find this conversation.");
    }
    if (call === "send-message" && (status === 404 || NOT_FOUND.test(text))) {
      return new ApiError("not_found", "LinkedIn has no person at this conversation's profile address, so Linkup could not send the reply.");
    }
    if (call === "send-message" && NOT_ALLOWED.test(text)) {
      return new ApiError("upstream_error", "LinkedIn does not let this account message this person, so the reply was not sent.");
    }
    // A failure without a v1 error body (an HTML 400, a 408…) is left to the status mapping.
    if (!isLinkupV1ErrorBody(failure.body)) return undefined;
    return new ApiError("upstream_error", call === "send-message" ? "Linkup could not send this message." : "Linkup could not complete this request.");
  };
}

/** v1 says it failed with `status: "error"`, whatever the HTTP status. */
export function isLinkupV1ErrorBody(body: unknown): boolean {
  return linkupV1ErrorBodySchema.safeParse(body).success;
}

/** The provider's own words, for matching only: `message` or `data` (n8n-style), plus `detail`/`error` if a proxy sends those. */
function errorTextOf(body: unknown): string {
  if (typeof body === "string") return body;
  if (typeof body !== "object" || body === null) return "";
  const fields: unknown[] = ["message", "data", "detail", "error"].map((field) => (body as Record<string, unknown>)[field]);
  return fields.filter((value): value is string => typeof value === "string").join(" ");
}
