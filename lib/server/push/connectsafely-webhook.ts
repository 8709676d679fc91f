import "server-only";
import type { WebhookAnswer } from "@/lib/contracts/api";
import { ApiError } from "@/lib/server/errors";
import { connectSafelyEventSchema, messageReceivedSchema } from "@/lib/server/providers/connectsafely/webhook-schemas";
import { ourConversationId } from "./connectsafely-ids";
import { parseDelivery, parseEventData } from "./delivery-body";
import type { PushDeps } from "./deps";
import { CONNECTSAFELY_FRESHNESS, isFresh } from "./freshness";
import { isSignedBy } from "./signature";
import type { WebhookAccount } from "./webhook-config";

/**
 * One ConnectSafely delivery: signed with the account's secret (401 otherwise, before anything in
 * it is read), in the documented shape (400), a `message.received` (anything else is ignored), for
 * this LinkedIn account (one for another account on the key is ignored), recent (400 when stale or
 * dated ahead), and new by `message_urn` (a replay stores nothing). No provider call: the client
 * reads the message when it asks for the conversation's news.
 */
export async function receiveConnectSafely(deps: PushDeps, account: WebhookAccount, body: Uint8Array, signature: string | null): Promise<WebhookAnswer> {
  if (!isSignedBy(account.secret, body, signature)) {
    throw new ApiError("unauthenticated", "This delivery does not carry a valid signature for this account.");
  }
  const event = parseDelivery(body, connectSafelyEventSchema);
  if (event.event !== "message.received") return { stored: false, ignored: "event_type" };
  const message = parseEventData(event.data, messageReceivedSchema);
  if (account.providerAccountId !== undefined && message.account_id && message.account_id !== account.providerAccountId) {
    return { stored: false, ignored: "other_account" };
  }
  const now = deps.now();
  if (!isFresh(message.timestamp, now, CONNECTSAFELY_FRESHNESS)) {
    throw new ApiError("bad_request", "This delivery is too old, or dated too far ahead, to be taken.");
  }
  const conversationId = ourConversationId(message.conversation_id, message.message_urn, await deps.mailboxes.mailboxOf(account.id));
  const stored = await deps.events.record({ accountId: account.id, eventId: message.message_urn, conversationId, sentAt: message.timestamp, receivedAt: now });
  return { stored };
}
