import "server-only";
import { ApiError } from "@/lib/server/errors";
import type { UpstreamFailure } from "@/lib/server/http/fetch-upstream";
import { errorFromStatus } from "@/lib/server/http/status-errors";
import { connectSafelyErrorBodySchema, type ConnectSafelyErrorBody } from "./schemas";

/** The legacy messaging reads, and `send` for POST /conversations/send. */
export type ConnectSafelyEndpoint = "recent-messages" | "conversation-details" | "send";

type Kind = "auth" | "subscription" | "account" | "rate" | "missing" | "refused" | "server";

/**
 * ConnectSafely's error bodies differ from page to page (providers.md §3e), so the status decides
 * first and the body's own words only where the status says nothing (a 200 with success:false).
 * The body is read to classify, never repeated: every message below is ours.
 */
export function classifyConnectSafelyFailure(endpoint: ConnectSafelyEndpoint, now: () => number = Date.now) {
  return (failure: UpstreamFailure): ApiError | undefined => {
    const parsed = connectSafelyErrorBodySchema.safeParse(failure.body);
    const body = parsed.success ? parsed.data : undefined;
    const kind = kindOf(failure.status, body);
    switch (kind) {
      case "auth":
        return new ApiError("upstream_auth", "ConnectSafely no longer accepts this account's API key. An admin needs to update it.");
      case "subscription":
        return new ApiError(
          "upstream_auth",
          "ConnectSafely's subscription for this LinkedIn account has lapsed (trial expired or no plan). Renew it at ConnectSafely, then retry.",
        );
      case "account":
        return new ApiError("upstream_auth", "ConnectSafely does not know this LinkedIn account. An admin needs to reconnect it.");
      case "rate": {
        const retryAfter = latest(failure.retryAfter, secondsUntil(body?.holdUntil, now()), secondsUntil(resetInText(body), now()));
        // A retry before the window resets is refused again; without a reset time there is nothing to wait for.
        return new ApiError("rate_limited", "ConnectSafely's limit for this account is used up for now. Try again after it resets.", {
          retryAfter,
          retryable: retryAfter !== undefined,
        });
      }
      case "missing":
        return missing(endpoint);
      case "refused":
        return new ApiError("upstream_error", endpoint === "send" ? "ConnectSafely refused to send this message." : "ConnectSafely refused the request.");
      case "server":
        return errorFromStatus("ConnectSafely", 500, failure.retryAfter);
      case undefined:
        return undefined;
    }
  };
}

function missing(endpoint: ConnectSafelyEndpoint): ApiError {
  switch (endpoint) {
    case "conversation-details":
      return new ApiError("not_found", "ConnectSafely could not find this conversation.");
    case "send":
      return new ApiError("not_found", "ConnectSafely could not find this conversation or the person in it, so the message was not sent.");
    case "recent-messages":
      return new ApiError("upstream_auth", "ConnectSafely does not know this LinkedIn account. An admin needs to reconnect it.");
  }
}

/** A 2xx is an error when it says success:false, or carries an `error` without saying success:true. */
export function isConnectSafelyErrorBody(body: unknown): boolean {
  const parsed = connectSafelyErrorBodySchema.safeParse(body);
  if (!parsed.success) return false;
  return parsed.data.success === false || (parsed.data.success !== true && parsed.data.error != null);
}

function kindOf(status: number, body: ConnectSafelyErrorBody | undefined): Kind | undefined {
  const words = wordsOf(body);
  switch (status) {
    case 401:
      return "auth";
    case 403:
      return "subscription";
    case 429:
      return "rate";
    case 404:
      return /account/i.test(words) ? "account" : "missing";
    case 400:
    case 422:
      return "refused";
    case 500:
      return "server";
  }
  if (status >= 200 && status < 300) return kindFromWords(words, body);
  // Other statuses (408, 502, 503…) keep the generic status mapping.
  return undefined;
}

function kindFromWords(words: string, body: ConnectSafelyErrorBody | undefined): Kind {
  if (/unauthori[sz]ed|invalid credentials|api key/i.test(words)) return "auth";
  if (/trial|subscri/i.test(words)) return "subscription";
  if (body?.holdUntil || /rate limit/i.test(words)) return "rate";
  if (/account not found/i.test(words)) return "account";
  if (/not found/i.test(words)) return "missing";
  if (body?.code === "validation_error" || (typeof body?.error === "object" && body.error?.name === "ZodError")) return "refused";
  // "Failed to get conversation details" is the 500's wording; anything else is a refusal, not worth a retry.
  return /fail|internal|unavailable|timed? ?out|try again/i.test(words) ? "server" : "refused";
}

function wordsOf(body: ConnectSafelyErrorBody | undefined): string {
  if (!body) return "";
  const error = typeof body.error === "string" ? body.error : (body.error?.message ?? body.error?.name ?? "");
  return [error, body.message ?? "", body.code ?? ""].join(" ");
}

/** "Rate limit exceeded for CONNECT: 90/90 used. Resets at 2026-04-28T00:00:00Z" */
function resetInText(body: ConnectSafelyErrorBody | undefined): string | undefined {
  return /resets at (\S+?)\.?(?:\s|$)/i.exec(wordsOf(body))?.[1];
}

function secondsUntil(iso: string | null | undefined, nowMs: number): number | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

function latest(...seconds: Array<number | undefined>): number | undefined {
  const known = seconds.filter((value): value is number => value !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
}
