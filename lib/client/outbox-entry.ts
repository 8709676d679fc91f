/**
 * One reply on its way out, as the browser keeps it until the thread shows it: what the rep wrote,
 * how its send stands, and the pure steps from one state to the next. Persisted (localStorage), so
 * every field is plain data.
 *
 *   queued      not sent yet: offline, or the last request never got an answer (sent when online)
 *   sending     a request is on its way (or was, when the page went away: it is asked again)
 *   pending     a slow provider is still sending: asked again with the same clientId every few seconds
 *   sent        the server says the provider has it
 *   unconfirmed the provider may have it: never sent again blindly; the thread shows whether it arrived
 *   failed      refused: not sent (Retry sends it again, with the same clientId)
 */
import type { SendResult } from "@/lib/contracts/api";
import { describeError } from "./describe-error";
import { ApiError, NetworkError } from "./errors";
import type { OutboxEntry } from "./outbox-storage";

export const OUTBOX_STATES = ["queued", "sending", "pending", "sent", "unconfirmed", "failed"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** After this long without the thread showing it, an unconfirmed message is offered for Retry. */
export const UNCONFIRMED_PATIENCE_MS = 60_000;

/** Its shape is the stored schema's (outbox-storage.ts), which pages that only show entries never load. */
export type { OutboxEntry };

export type NewReply = { accountId: string; conversationId: string; text: string; subject?: string };

export function newOutboxEntry(reply: NewReply, clientId: string, now: number, online: boolean): OutboxEntry {
  return {
    ...reply,
    clientId,
    createdAt: now,
    state: online ? "sending" : "queued",
    stateSince: now,
    mayBeDelivered: false,
  };
}

function moved(entry: OutboxEntry, state: OutboxState, now: number): OutboxEntry {
  return entry.state === state ? entry : { ...entry, state, stateSince: now };
}

/** A request for it is leaving now (the first, a repeat, or the rep's Retry). */
export function startedSending(entry: OutboxEntry, now: number): OutboxEntry {
  return moved({ ...entry, error: undefined }, "sending", now);
}

/** The rep's Retry while offline: it goes once the browser is back online. */
export function waitingForNetwork(entry: OutboxEntry, now: number): OutboxEntry {
  return moved({ ...entry, error: undefined }, "queued", now);
}

/** The server's answer (200): sent, still pending, or unconfirmed. */
export function answered(entry: OutboxEntry, result: SendResult, now: number): OutboxEntry {
  const next = moved({ ...entry, error: undefined, mayBeDelivered: true }, result.status, now);
  return result.message ? { ...next, message: result.message } : next;
}

/**
 * A request that did not end in an answer. Our error envelope is a refusal: not sent (but see the
 * first line for a pending send). No answer at
 * all, or one that is not ours (a proxy's error page, an unreadable body): the server may have sent
 * it, so it waits for a connection (queued) or for the thread (unconfirmed). A session that ended
 * waits, queued, for the rep to sign in again.
 */
export function refused(entry: OutboxEntry, error: unknown, now: number): OutboxEntry {
  // Asking after a slow provider's send, our server's rate limit refused the question: nothing was
  // decided, the send runs on, and the next recheck asks again. (A send's own refusal never comes
  // as rate_limited: send-message.ts finalRefusal.)
  if (entry.state === "pending" && error instanceof ApiError && error.code === "rate_limited") return entry;
  const words = sendFailureWords(error);
  if (error instanceof NetworkError) return { ...moved(entry, "queued", now), mayBeDelivered: true, error: words };
  if (error instanceof ApiError && error.code === "unauthenticated") return { ...moved(entry, "queued", now), error: words };
  if (error instanceof ApiError && error.fromEnvelope) return { ...moved(entry, "failed", now), error: words };
  return { ...moved(entry, "unconfirmed", now), mayBeDelivered: true, error: words };
}

/**
 * Our server's refusals of a send are written for the rep (too long, no such conversation, too many
 * requests from this rep): keep its words. A rate limit's usual words are about loading messages.
 */
export function sendFailureWords(error: unknown): { title: string; detail: string } {
  const { title, detail } = describeError(error);
  const ours = error instanceof ApiError && error.fromEnvelope && (error.code === "bad_request" || error.code === "rate_limited") && error.message.trim() !== "";
  return { title, detail: ours ? error.message : detail };
}

/** Whether the rep may now retry or delete it: refused, or unconfirmed for longer than the thread takes to show it. */
export function isNotSent(entry: OutboxEntry, now: number): boolean {
  return entry.state === "failed" || (entry.state === "unconfirmed" && now - entry.stateSince >= UNCONFIRMED_PATIENCE_MS);
}

/** The few words under the bubble. */
export function statusLabel(entry: OutboxEntry, now: number, online: boolean): string {
  if (isNotSent(entry, now)) return "Not sent";
  switch (entry.state) {
    case "queued":
      return "Waiting for connection";
    case "sending":
    case "pending":
      return online ? "Sending…" : "Waiting for connection";
    case "sent":
      return "Sent";
    case "unconfirmed":
      return "Not confirmed yet";
    case "failed":
      return "Not sent";
  }
}

/** Why it was not sent, for the line under "Not sent". */
export function notSentReason(entry: OutboxEntry): string {
  if (entry.state === "unconfirmed") return "LinkedIn didn't confirm it, and it hasn't shown up in the conversation. Retry checks before sending again.";
  return entry.error?.detail ?? "It didn't go through.";
}

/** A v4 UUID: crypto.randomUUID where the page is a secure context, else from getRandomValues. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
