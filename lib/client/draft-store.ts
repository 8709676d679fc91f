/**
 * Unsent words, per conversation, kept in this browser only (localStorage): never sent anywhere.
 * An empty draft is no item at all; anything typed, even a space, is kept as typed.
 */
import { STORAGE_PREFIX, tryWrite, type StorageLike } from "./browser-storage";

export type Draft = { text: string; subject: string };

export const EMPTY_DRAFT: Draft = { text: "", subject: "" };

/** One key per account and conversation; ids are encoded, so no two pairs share a key. */
export function draftKey(accountId: string, conversationId: string): string {
  return `${STORAGE_PREFIX}draft:${encodeURIComponent(accountId)}/${encodeURIComponent(conversationId)}`;
}

export function isEmptyDraft(draft: Draft): boolean {
  return draft.text === "" && draft.subject === "";
}

/** Whether the rep has written anything worth keeping (Delete puts a reply back only where not). */
export function hasWords(draft: Draft): boolean {
  return draft.text.trim() !== "" || draft.subject.trim() !== "";
}

/** Whether the storage took it (full or blocked storage: the draft lives on in the composer only). */
export function writeDraft(storage: StorageLike, key: string, draft: Draft): boolean {
  return tryWrite(storage, key, isEmptyDraft(draft) ? null : JSON.stringify(draft));
}
