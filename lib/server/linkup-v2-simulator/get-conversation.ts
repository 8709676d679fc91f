import "server-only";
import { findByProfileUrl } from "@/lib/server/linkup-v2-simulator/find-thread";
import type { LinkupMailbox } from "@/lib/server/linkup-v2-simulator/mailbox";
import type { GetConversationParams } from "@/lib/server/linkup-v2-simulator/params";
import { actionFailure, creditsForResults, type ActionOutcome } from "@/lib/server/linkup-v2-simulator/responses";
import type { GetConversationData } from "@/lib/server/linkup-v2-simulator/wire-types";

const DEFAULT_COUNT = 10;

/**
 * Newest first. `next_cursor` is the timestamp of the next older message not yet returned, and a page
 * asked for with a cursor starts at the first message with `timestamp <= cursor`, so paging to the end
 * returns every message once (given unique timestamps, which is what the real API's cursor assumes too).
 */
export function getConversation(
  mailbox: LinkupMailbox,
  params: GetConversationParams,
): ActionOutcome<GetConversationData> {
  const profileUrl = params.profile_url ?? params.linkedin_url;
  if (params.conversation_id == null && profileUrl == null) {
    return actionFailure("INVALID_PARAMS", "Either conversation_id or profile_url is required");
  }
  const thread =
    params.conversation_id != null
      ? mailbox.thread(params.conversation_id)
      : profileUrl != null
        ? findByProfileUrl(mailbox, profileUrl)
        : undefined;
  if (thread === undefined) return actionFailure("INVALID_PARAMS", "Conversation not found");

  const count = params.count ?? DEFAULT_COUNT;
  const cursor = params.cursor == null ? undefined : Number(params.cursor);
  const newestFirst = [...thread.messages].sort((a, b) => b.timestamp - a.timestamp);
  const start = cursor === undefined ? 0 : newestFirst.findIndex((message) => message.timestamp <= cursor);
  const page = start === -1 ? [] : newestFirst.slice(start, start + count);
  const nextOlder = start === -1 ? undefined : newestFirst[start + count];
  const newestInPage = page[0];
  const seenAt = thread.seenByParticipantAt;

  return {
    ok: true,
    data: {
      total_message_count: newestFirst.length,
      unread_count: thread.conversation.unread,
      last_seen_message: seenAt !== undefined && newestInPage !== undefined && seenAt >= newestInPage.timestamp,
      last_seen_at: seenAt,
      messages: page,
      next_cursor: nextOlder === undefined ? undefined : String(nextOlder.timestamp),
    },
    creditsConsumed: creditsForResults(page.length),
  };
}
