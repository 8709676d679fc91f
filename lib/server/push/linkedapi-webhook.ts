import "server-only";
import type { WebhookAnswer } from "@/lib/contracts/api";
import { ApiError } from "@/lib/server/errors";
import { inboxMessageSchema, linkedApiEnvelopeSchema } from "@/lib/server/providers/linkedapi/webhook-schemas";
import { parseDelivery, parseEventData } from "./delivery-body";
import type { PushDeps } from "./deps";
import { isFresh, LINKEDAPI_FRESHNESS } from "./freshness";
import { personIdFor } from "./linkedapi-ids";
import type { WebhookAccount } from "./webhook-config";

/**
 * One Linked API delivery. It signs nothing: the secret in its URL was checked by the gate (a wrong
 * one is a 404 like an unknown account). Then the documented envelope (400), an
 * `inbox.messageReceived` (anything else is ignored), created within the day it retries for (400
 * otherwise), about a person the rep added (ignored otherwise), new by envelope `id` (a retry or
 * replay stores nothing). No provider call.
 */
export async function receiveLinkedApi(deps: PushDeps, account: WebhookAccount, body: Uint8Array): Promise<WebhookAnswer> {
  const envelope = parseDelivery(body, linkedApiEnvelopeSchema);
  if (envelope.type !== "inbox.messageReceived") return { stored: false, ignored: "event_type" };
  const now = deps.now();
  if (!isFresh(envelope.createdAt, now, LINKEDAPI_FRESHNESS)) {
    throw new ApiError("bad_request", "This delivery is too old, or dated too far ahead, to be taken.");
  }
  const message = parseEventData(envelope.data, inboxMessageSchema);
  const personId = await personIdFor(deps.people, account.id, message);
  if (personId === undefined) return { stored: false, ignored: "unknown_person" };
  const stored = await deps.events.record({ accountId: account.id, eventId: envelope.id, conversationId: personId, sentAt: message.time ?? envelope.createdAt, receivedAt: now });
  return { stored };
}
