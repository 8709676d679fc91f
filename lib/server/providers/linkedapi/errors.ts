import "server-only";
import type { SyncFailure } from "@/lib/contracts/api";
import type { ErrorCode } from "@/lib/contracts/errors";
import { ApiError } from "@/lib/server/errors";
import type { UpstreamFailure } from "@/lib/server/http/fetch-upstream";
import { errorFromStatus } from "@/lib/server/http/status-errors";
import { linkedApiErrorBodySchema } from "./schemas";

export const PROVIDER = "Linked API";

const TOKEN_REJECTED = "Linked API no longer accepts this account's API token. An admin needs to update it.";
const IDENTIFICATION_REJECTED = "Linked API does not recognise this LinkedIn account's identification token. An admin needs to update it.";
const PLAN = "The Linked API plan does not cover this LinkedIn account (no active seat or subscription). An admin needs to check it.";

/** The error type a global error body names, in either generation, or undefined. */
export function errorTypeOf(body: unknown): string | undefined {
  const parsed = linkedApiErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { error, failure } = parsed.data;
  return error?.errorType ?? error?.type ?? failure?.reason ?? undefined;
}

/**
 * Linked API's global errors (providers.md §4e, both generations) in our envelope. The message is
 * ours, for the rep: an upstream message is never echoed. Unknown types on a non-2xx fall back to
 * the HTTP status; on a 2xx they are an upstream_error.
 */
export function classifyLinkedApiFailure(failure: UpstreamFailure): ApiError | undefined {
  const known = globalError(errorTypeOf(failure.body), failure.retryAfter);
  if (known) return known;
  if (failure.status >= 200 && failure.status < 300) return new ApiError("upstream_error", "Linked API could not complete the request.");
  return undefined;
}

function globalError(type: string | undefined, retryAfter: number | undefined): ApiError | undefined {
  switch (type) {
    case "linkedApiTokenRequired":
    case "invalidLinkedApiToken":
    case "accountApiTokenRequired":
    case "invalidAccountApiToken":
      return new ApiError("upstream_auth", TOKEN_REJECTED);
    case "identificationTokenRequired":
    case "invalidIdentificationToken":
      return new ApiError("upstream_auth", IDENTIFICATION_REJECTED);
    case "linkedinAccountSignedOut":
      return new ApiError("upstream_auth", "This LinkedIn account is signed out of Linked API. Reconnect it on the Linked API platform, then retry.");
    case "accountNotFound":
      return new ApiError("upstream_auth", "Linked API no longer knows this LinkedIn account. An admin needs to reconnect it.");
    case "subscriptionRequired":
    case "trialLimitReached":
    case "plusPlanRequired":
    case "noAvailableSeats":
    case "noActiveSeats":
      return new ApiError("upstream_auth", PLAN);
    case "tooManyRequests":
      return errorFromStatus(PROVIDER, 429, retryAfter);
    case "limitExceeded":
      // A per-account action limit (daily): retrying within this request cannot help.
      return new ApiError("rate_limited", "This LinkedIn account has reached its Linked API action limit. Try again later.", { retryAfter });
    case "invalidRequestBody":
    case "invalidRequestPayload":
    case "invalidActionParams":
    case "invalidWorkflow":
      return new ApiError("upstream_error", "Linked API refused the request.");
    default:
      return undefined;
  }
}

/** Why a send workflow failed (its action's error, or the workflow's failure reason), in our words. */
export function sendFailureError(type: string | null | undefined): ApiError {
  switch (type) {
    case "personNotFound":
      return new ApiError("not_found", "LinkedIn has no person at this address, so the message was not sent.");
    case "selfProfileNotAllowed":
      return new ApiError("upstream_error", "This conversation is with the account's own profile, and LinkedIn does not let anyone message themselves: the message was not sent.");
    case "messagingNotAllowed":
      return new ApiError("upstream_error", "LinkedIn does not let this account message this person (for example, they are not a connection), so the message was not sent.");
    case "noSalesNavigator":
      return new ApiError("upstream_error", "This LinkedIn account has no Sales Navigator, so the Sales Navigator message was not sent.");
    default:
      return globalError(type ?? undefined, undefined) ?? new ApiError("upstream_error", "Linked API could not send this message.");
  }
}

export function isLinkedApiErrorBody(body: unknown): boolean {
  return linkedApiErrorBodySchema.safeParse(body).success;
}

/** A per-person error type (in a completion) as our failure reason. */
export function syncFailureOf(errorType: string | null | undefined): SyncFailure {
  switch (errorType) {
    case "personNotFound":
      return "person_not_found";
    case "noSalesNavigator":
      return "no_sales_navigator";
    case "selfProfileNotAllowed":
      return "self_profile";
    case "notSynchronized":
    case "conversationsNotSynced":
      return "not_synchronized";
    default:
      return "upstream_error";
  }
}

/** What the rep reads next to a failed person, beside the panel's Sync again / Remove buttons. */
export const SYNC_FAILURE_MESSAGES: Record<SyncFailure, string> = {
  person_not_found: "LinkedIn has no person at this address.",
  no_sales_navigator: "This LinkedIn account has no Sales Navigator, so Sales Navigator conversations cannot be synced.",
  self_profile: "That is your own profile: add the person you are talking to.",
  not_synchronized: "The sync of this conversation lapsed.",
  upstream_error: "Linked API could not sync this conversation.",
};

/**
 * A failed person's thread, read anyway (a link, a stale inbox): the code that is true of the
 * failure, and what to do in the people list. Only a lapsed sync is not_synchronized: syncing
 * again cannot find a person LinkedIn does not have, nor give the account Sales Navigator. Where
 * there is no conversation to read, it is not_found (not forbidden: the rep may use the account).
 */
const THREAD_FAILURES: Record<SyncFailure, { code: ErrorCode; next: string }> = {
  person_not_found: { code: "not_found", next: "Remove them from the people list, or add them again with their profile's address." },
  self_profile: { code: "not_found", next: "Remove it from the people list." },
  no_sales_navigator: { code: "not_found", next: "Remove them from the people list, or add them again for standard LinkedIn messages." },
  not_synchronized: { code: "not_synchronized", next: "Sync it again from the people list to read it." },
  upstream_error: { code: "upstream_error", next: "Sync it again from the people list to read it." },
};

export function threadFailureError(reason: SyncFailure): ApiError {
  const { code, next } = THREAD_FAILURES[reason];
  return new ApiError(code, `${SYNC_FAILURE_MESSAGES[reason]} ${next}`);
}

export function stillSyncingError(): ApiError {
  return new ApiError("not_synchronized", "This conversation is still being synchronized with Linked API. It opens once the sync is done, usually within a few minutes.");
}
