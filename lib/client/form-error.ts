/** Words for a form whose submission was refused (sign-in's doors, the Team page). */
import { describeError } from "./describe-error";
import { ApiError } from "./errors";

/**
 * Our server words a form's refusal for the person at the form ("That is not the setup code…",
 * "Too many requests: slow down for a moment."); the codes' usual words are about reading an
 * account ("You don't have access to this account", the provider's rate limit), so a form shows the
 * server's own, and the usual words only for what has none (a network failure, a 5xx).
 */
export function formErrorText(error: unknown): string {
  if (error instanceof ApiError && error.fromEnvelope && error.status < 500 && error.message.trim() !== "") return error.message;
  return describeError(error).detail;
}
