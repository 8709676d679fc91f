import type { Account, Capabilities, Conversation, ConversationType, Message, MessagesPage, Participant } from "@/lib/contracts/api";
import { needsSubject } from "@/lib/client/compose";
import { flattenMessages } from "@/lib/client/merge-messages";
import { isMultiParty } from "@/lib/client/thread-rows";

/** Enough of the newest messages to fill a tall phone's screen; the rest show once the page is live. */
const PREVIEW_MESSAGES = 15;

/**
 * What a thread opened by its URL shows in the server's HTML, decided from the same data as the
 * live thread (so nothing changes when it takes over): its newest messages, who it is with and
 * everyone the provider names in it, its kind (InMail…) where the inbox's first page or the thread says it,
 * whether several people write in it (from the whole page), whether the account can reply from
 * here, whether a reply needs a subject, and whether the account is the demo.
 */
export type ThreadPreviewData = {
  messages: Message[];
  participant: Participant | null;
  participants: Participant[];
  type: Conversation["type"] | undefined;
  multiParty: boolean;
  canReply: boolean;
  needsSubject: boolean;
  isDemo: boolean;
};

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

/** What a conversation is (InMail…): its inbox row's type where loaded, else what its thread's newest page says. */
export function threadType(conversation: Pick<Conversation, "type"> | undefined, newestPage: Pick<MessagesPage, "conversationType"> | undefined): ConversationType | undefined {
  return conversation?.type ?? newestPage?.conversationType;
}

/** @param conversation the thread's row in the inbox's first page, where it is there */
export function threadPreview(page: MessagesPage, conversation: Conversation | undefined, account: Pick<Account, "isDemo"> & { capabilities: Pick<Capabilities, "send"> }): ThreadPreviewData {
  const { send } = account.capabilities;
  const messages = flattenMessages({ pages: [page] });
  const type = threadType(conversation, page);
  return {
    messages: messages.slice(0, PREVIEW_MESSAGES),
    participant: threadParticipant(conversation, page.participants, messages),
    participants: page.participants ?? [],
    type,
    multiParty: isMultiParty(messages),
    canReply: send != null,
    needsSubject: needsSubject(send, type),
    isDemo: account.isDemo,
  };
}
