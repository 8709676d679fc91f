import "server-only";
import type { LastMessage, PersonRecord } from "./store";

/**
 * A person's place in the inbox: newest conversation first. Until their conversation has been read
 * their last message is unknown, and the end of their sync stands in for it.
 */
export function activityOf(record: PersonRecord): number {
  return record.lastMessage?.sentAt ?? record.syncedAt ?? record.addedAt;
}

/** Newest activity first; equal times by id, descending: the order our inbox cursor walks. */
export function byActivity(records: readonly PersonRecord[]): PersonRecord[] {
  return [...records].sort((a, b) => activityOf(b) - activityOf(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * Whether to store the newest message a read found. A read only ever moves a person newer in the
 * inbox, so paging stays stable under its own reads: nobody it served falls back under its cursor.
 * The one exception is `settling` an unknown last message (older than the sync that stood in for
 * it), which only the first page does, before it orders anyone.
 */
export function shouldStore(record: PersonRecord, newest: LastMessage, settling: boolean): boolean {
  const stored = record.lastMessage;
  if (stored === null) return settling || newest.sentAt >= activityOf(record);
  if (newest.sentAt !== stored.sentAt) return newest.sentAt > stored.sentAt;
  return newest.text !== stored.text || newest.fromMe !== stored.fromMe;
}
