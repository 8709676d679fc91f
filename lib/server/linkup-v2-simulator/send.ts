import "server-only";
import { findByProfileUrl } from "@/lib/server/linkup-v2-simulator/find-thread";
import type { LinkupMailbox } from "@/lib/server/linkup-v2-simulator/mailbox";
import type { SendParams } from "@/lib/server/linkup-v2-simulator/params";
import { actionFailure, type ActionOutcome } from "@/lib/server/linkup-v2-simulator/responses";
import type { SendData } from "@/lib/server/linkup-v2-simulator/wire-types";

/** "1 credit per text message" (providers.md §1d). */
const SEND_CREDITS = 1;

/**
 * The rep's message to a profile, appended to their conversation now. Only replies: a profile with no
 * conversation here is refused (the real API would start one). `deliveredAt` keeps the milliseconds,
 * so the answer names the message exactly as the thread then shows it.
 */
export function send(mailbox: LinkupMailbox, params: SendParams, nowMs: number): ActionOutcome<SendData> {
  const thread = findByProfileUrl(mailbox, params.profile_url);
  if (thread === undefined) return actionFailure("INVALID_PARAMS", "No conversation with this profile");
  const conversationId = thread.conversation.conversation_id;
  const message = mailbox.send?.(conversationId, params.message_text, nowMs);
  if (message === undefined) return actionFailure("INVALID_ACTION", "Sending is not available on this account");
  return {
    ok: true,
    data: { entityUrn: message.entity_urn, conversation_id: conversationId, deliveredAt: new Date(message.timestamp).toISOString() },
    creditsConsumed: SEND_CREDITS,
  };
}
