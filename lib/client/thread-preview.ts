import type { Conversation, Message, MessagesPage, Participant } from "@/lib/contracts/api";
import { flattenMessages } from "@/lib/client/merge-messages";
import { isMultiParty } from "@/lib/client/thread-rows";

/** Enough of the newest messages to fill a tall phone's screen; the rest show once the page is live. */
const PREVIEW_MESSAGES = 15;

/**
 * What a thread opened by its URL shows in the server's HTML: its newest messages, who it is with,
 * whether several people write in it (from the whole page, as the live thread decides), and
 * whether the account can reply from here.
 */
export type ThreadPreviewData = { messages: Message[]; participant: Participant | null; multiParty: boolean; canReply: boolean };

/**
 * Who a thread is with: the inbox's conversation when it is loaded, else the people the provider
 * names for the thread, else (a shared link to a thread the provider names no one in) whoever else
 * wrote in it. `messages` is newest first.
 */
export function threadParticipant(
  conversation: Conversation | undefined,
  threadParticipants: readonly Participant[] | undefined,
  messages: readonly Message[],
): Participant | null {
  if (conversation) return conversation.participant;
  if (threadParticipants?.[0]) return threadParticipants[0];
  const other = messages.find((m) => m.fromMe !== true && m.type !== "system");
  return other ? { name: other.sender.name, profileUrl: other.sender.profileUrl, pictureUrl: other.sender.pictureUrl } : null;
}

export function threadPreview(page: MessagesPage, canReply: boolean): ThreadPreviewData {
  const messages = flattenMessages({ pages: [page] });
  return {
    messages: messages.slice(0, PREVIEW_MESSAGES),
    participant: threadParticipant(undefined, page.participants, messages),
    multiParty: isMultiParty(messages),
    canReply,
  };
}
