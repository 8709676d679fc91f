import "server-only";
import { conversationUrnOf, mailboxOf, threadIdOf } from "@/lib/server/providers/connectsafely/conversation-urn";

/**
 * Our id for the conversation a ConnectSafely webhook names. Our ids are its inbox's
 * `urn:li:msg_conversation:(<mailbox>,<thread>)`; its webhooks send `urn:li:messagingThread:<thread>`
 * [doc], which leaves out the mailbox (the account owner's fsd_profile URN). It comes from, in order:
 * the conversation id itself, where it is already the inbox's form; the mailbox this account's inbox
 * ids carry (`knownMailbox`, learnt by the adapter); the message URN, where it is a `msg_message` one,
 * which carries the mailbox the same way [inf]. Without any, or without a thread we can read, the
 * provider's own name stays (conversation-details takes it): nobody has opened the account's inbox
 * yet, so no client holds an id it should match.
 */
export function ourConversationId(conversationId: string, messageUrn: string, knownMailbox: string | undefined): string {
  const given = conversationId.trim();
  if (mailboxOf(given) !== undefined) return given;
  const thread = threadIdOf(given);
  const mailbox = knownMailbox ?? mailboxOf(messageUrn);
  return thread !== undefined && mailbox !== undefined ? conversationUrnOf(mailbox, thread) : given;
}
