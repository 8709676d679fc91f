import "server-only";
import type { LinkupMailbox, LinkupThread } from "@/lib/server/linkup-v2-simulator/mailbox";
import type { WireConversation } from "@/lib/server/linkup-v2-simulator/wire-types";

function comparable(url: string): string {
  return url.trim().replace(/\/+$/, "").toLowerCase();
}

/** "The conversation with this user is resolved automatically": the most recent one with that participant. */
export function findByProfileUrl(mailbox: LinkupMailbox, profileUrl: string): LinkupThread | undefined {
  const wanted = comparable(profileUrl);
  let best: WireConversation | undefined;
  for (const conversation of mailbox.conversations("INBOX")) {
    const url = conversation.participant.profile_url;
    if (url === undefined || comparable(url) !== wanted) continue;
    if (best === undefined || conversation.last_message.time > best.last_message.time) best = conversation;
  }
  return best === undefined ? undefined : mailbox.thread(best.conversation_id);
}
