/**
 * The outbox as kept in this browser: one localStorage item per account, a JSON list of entries.
 * Read tolerantly (an entry that no longer parses is dropped alone, never the whole list).
 */
import { z } from "zod/mini";
import { messageSchema } from "@/lib/contracts/api";
import { STORAGE_PREFIX, tryRead, tryWrite, type StorageLike } from "./browser-storage";
import { OUTBOX_STATES } from "./outbox-entry";

/** One stored reply (outbox-entry.ts has its states and the steps between them). */
export const outboxEntrySchema = z.object({
  accountId: z.string().check(z.minLength(1)),
  conversationId: z.string().check(z.minLength(1)),
  clientId: z.string().check(z.minLength(1)),
  text: z.string(),
  subject: z.optional(z.string()),
  createdAt: z.number(),
  state: z.enum(OUTBOX_STATES),
  /** When `state` last changed. */
  stateSince: z.number(),
  /** The message as the server named it, where a send answered one. */
  message: z.optional(messageSchema),
  /** Why the last attempt did not go, in the rep's words. */
  error: z.optional(z.object({ title: z.string(), detail: z.string() })),
  /**
   * Whether a request for it may have reached the provider (an answer said pending or unconfirmed,
   * or one never came back): then a message from the rep with its words in the thread is this one.
   */
  mayBeDelivered: z.boolean(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

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
