import "server-only";

/**
 * The forms a ConnectSafely conversation is named in. conversation-details takes any of them
 * (seeds/connectsafely-conversation-details.txt): `urn:li:msg_conversation:(<mailbox>,<thread>)` —
 * what its inbox lists, so our conversation id —, `urn:li:msg_message:(<mailbox>,<message key>)`,
 * `urn:li:messagingThread:<thread>` (with or without parentheses; what its webhooks send), or the
 * bare thread id `2-…`. `<mailbox>` is the account owner's `urn:li:fsd_profile:…`.
 */

const THREAD_ID_IN_URN = /,(2-[^,()]+)\)$/;
const MAILBOX_IN_URN = /^urn:li:msg_(?:conversation|message):\((urn:li:fsd_profile:[^,()\s]+),/;

/**
 * The LinkedIn thread id (`2-…`) in a conversation's forms; undefined for anything else. A message
 * URN holds its thread too, but only inside an encoded key whose layout we know from one example:
 * it is not read here.
 */
export function threadIdOf(value: string): string | undefined {
  const trimmed = value.trim();
  const conversation = /^urn:li:msg_conversation:\(.*\)$/.test(trimmed) ? THREAD_ID_IN_URN.exec(trimmed)?.[1] : undefined;
  if (conversation) return conversation;
  const thread = /^urn:li:messagingThread:\(?(2-[^()]+?)\)?$/.exec(trimmed);
  if (thread?.[1]) return thread[1];
  return /^2-\S+$/.test(trimmed) ? trimmed : undefined;
}

/** The mailbox a `msg_conversation` or `msg_message` URN belongs to; undefined for the other forms. */
export function mailboxOf(urn: string): string | undefined {
  return MAILBOX_IN_URN.exec(urn.trim())?.[1];
}

/** The form the inbox lists a conversation in. */
export function conversationUrnOf(mailbox: string, threadId: string): string {
  return `urn:li:msg_conversation:(${mailbox},${threadId})`;
}
