/** One place that turns any error into words a rep can act on. */
import type { ErrorCode } from "@/lib/contracts/errors";
import { UNEXPECTED_ERROR, type ErrorDescription } from "./error-description";
import { ApiError, InvalidResponseError, NetworkError } from "./errors";

/** Codes whose server message names the provider and what to do (written for the rep). */
const PROVIDER_CODES: ReadonlySet<ErrorCode> = new Set([
  "upstream_error",
  "upstream_auth",
  "upstream_invalid",
  "upstream_timeout",
  "credits_exhausted",
  "conflict",
  "not_synchronized",
  // "No such account", "LinkedIn has no person at this address…": ours, and truer than a generic line.
  "not_found",
  // "A Sales Navigator reply needs a subject", "The message is too long for this account…".
  "bad_request",
  "budget_exhausted",
]);

/** A clear, human explanation derived from the error code (never a raw provider message). */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof NetworkError) {
    return {
      title: "Can't reach Threadline",
      detail: "The request didn't get through to the server.",
      action: "Check your connection, then try again.",
      canRetry: true,
    };
  }
  if (error instanceof InvalidResponseError) {
    return {
      title: "Something went wrong",
      detail: "The server sent a response Threadline couldn't read.",
      action: "Try again in a moment.",
      canRetry: true,
    };
  }
  if (error instanceof ApiError) {
    const generic = describeCode(error);
    // Provider conditions: our server's message says which provider and what went wrong; keep the
    // code-derived title and action, prefer those words (never a raw upstream body: the server wrote them).
    if (error.fromEnvelope && PROVIDER_CODES.has(error.code) && error.message.trim() !== "") {
      return { ...generic, detail: error.message };
    }
    return generic;
  }
  return UNEXPECTED_ERROR;
}

function describeCode(error: ApiError): ErrorDescription {
  switch (error.code) {
    case "unauthenticated":
      return { title: "Signed out", detail: "Your session has ended.", action: "Sign in again to see your messages.", canRetry: true };
    case "forbidden":
      return { title: "No access", detail: "You don't have access to this account.", action: "Ask an admin for access.", canRetry: false };
    case "not_found":
      return {
        title: "Not found",
        detail: "This conversation or account doesn't exist, or it was removed.",
        action: "Go back to your inbox.",
        canRetry: false,
      };
    case "bad_request":
      return { title: "Invalid request", detail: "That link doesn't look right.", action: "Go back to your inbox and try again.", canRetry: false };
    case "conflict":
      return { title: "Still syncing", detail: "This LinkedIn account is still being synchronized.", action: "Try again in a minute.", canRetry: true };
    case "not_synchronized":
      return {
        title: "Not synchronized",
        detail: "This conversation isn't synchronized with LinkedIn yet, or its sync has lapsed.",
        action: "Check its sync in the people list, then reopen it.",
        canRetry: true,
      };
    case "rate_limited":
      return {
        title: "Rate limited",
        detail: "The LinkedIn data provider is limiting how fast we can load messages.",
        action: error.retryAfter !== undefined && error.retryAfter > 0 ? `Try again in ${formatSeconds(error.retryAfter)}.` : "Try again shortly.",
        canRetry: true,
      };
    case "budget_exhausted":
      return {
        title: "Daily budget reached",
        detail: "This account has spent today's provider credit budget, so Threadline has stopped checking for new messages.",
        action: "What's loaded stays readable; checking resumes tomorrow (UTC).",
        canRetry: false,
      };
    case "credits_exhausted":
      return {
        title: "Out of credits",
        detail: "The LinkedIn data provider for this account has run out of credits.",
        action: "Top up the provider account to continue.",
        canRetry: true,
      };
    case "upstream_auth":
      return {
        title: "LinkedIn connection lost",
        detail: "The LinkedIn data provider no longer accepts this account's connection.",
        // The server's detail says who can act (an admin, usually): a rep has no key to change.
        action: "Retry once it's reconnected.",
        canRetry: true,
      };
    case "upstream_timeout":
      return {
        title: "LinkedIn is slow to respond",
        detail: "The LinkedIn data provider took too long to answer.",
        action: "Try again in a moment.",
        canRetry: true,
      };
    case "upstream_invalid":
      return {
        title: "Unreadable answer from LinkedIn",
        detail: "The LinkedIn data provider sent something Threadline couldn't read.",
        action: "Try again later.",
        canRetry: true,
      };
    case "upstream_error":
      return { title: "LinkedIn is unavailable", detail: "The LinkedIn data provider had a problem.", action: "Try again in a moment.", canRetry: true };
    // A method our server does not answer is our own bug, as an internal error is.
    case "internal_error":
    case "method_not_allowed":
      return { title: "Something went wrong", detail: "Threadline hit an unexpected error.", action: "Try again in a moment.", canRetry: true };
  }
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
