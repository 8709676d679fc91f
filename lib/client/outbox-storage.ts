/**
 * The outbox as kept in this browser: one localStorage item per account, a JSON list of entries.
 * Read tolerantly (an entry that no longer parses is dropped alone, never the whole list).
 */
import { z } from "zod/mini";
import { STORAGE_PREFIX, tryRead, tryWrite, type StorageLike } from "./browser-storage";
import { outboxEntrySchema, type OutboxEntry } from "./outbox-entry";

export function outboxStorageKey(accountId: string): string {
  return `${STORAGE_PREFIX}outbox:${encodeURIComponent(accountId)}`;
}

const storedListSchema = z.array(z.unknown());

/** The account's stored entries: none when there is no item, null when the item is unreadable. */
export function readOutbox(storage: StorageLike, accountId: string): OutboxEntry[] | null {
  const raw = tryRead(storage, outboxStorageKey(accountId));
  if (raw === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  const list = storedListSchema.safeParse(parsed);
  if (!list.success) return null;
  return list.data.flatMap((item) => {
    const entry = outboxEntrySchema.safeParse(item);
    return entry.success && entry.data.accountId === accountId ? [entry.data] : [];
  });
}

/** Whether the storage took it. */
export function writeOutbox(storage: StorageLike, accountId: string, entries: readonly OutboxEntry[]): boolean {
  return tryWrite(storage, outboxStorageKey(accountId), entries.length === 0 ? null : JSON.stringify(entries));
}
