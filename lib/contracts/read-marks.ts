/** How a rep's read mark shows on a conversation's row: the server applies it to every inbox answer, the client to rows it has loaded. */
import type { Category, Conversation } from "./api";

/** A rep's mark on a conversation: read through the message sent at `readThrough`, or (null) marked unread. */
export type ReadMark = { readThrough: number | null };

/**
 * The provider's rows as this rep sees them: one they read through its last message has no unread
 * count (and leaves the Unread category), until a newer message from the other side arrives; one
 * they marked unread counts at least one. Pure: the same marks give the same rows.
 */
export function applyReadMarks(conversations: readonly Conversation[], marks: ReadonlyMap<string, ReadMark>, category: Category): Conversation[] {
  const seen = conversations.map((conversation) => withReadMark(conversation, marks.get(conversation.id)));
  return category === "UNREAD" ? seen.filter((conversation) => conversation.unreadCount > 0) : seen;
}

export function withReadMark(conversation: Conversation, mark: ReadMark | undefined): Conversation {
  if (mark === undefined) return conversation;
  if (mark.readThrough === null) return conversation.unreadCount > 0 ? conversation : { ...conversation, unreadCount: 1 };
  const last = conversation.lastMessage;
  const newerFromThem = last !== null && last.sentAt > mark.readThrough && last.fromMe !== true;
  if (newerFromThem) return conversation.unreadCount > 0 ? conversation : { ...conversation, unreadCount: 1 };
  return conversation.unreadCount === 0 ? conversation : { ...conversation, unreadCount: 0 };
}
