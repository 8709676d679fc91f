/**
 * The composer's draft of a conversation as React state (client components only): read from and
 * written to this browser's storage on every change, so it survives navigation and reloads, and
 * follows another tab's edits.
 */
import { useCallback, useSyncExternalStore } from "react";
import { browserStorage, tryRead, watchOtherTabs } from "./browser-storage";
import { draftKey, EMPTY_DRAFT, hasWords, parseDraft, writeDraft, type Draft } from "./draft-store";

const listeners = new Set<() => void>();
/** The last parse of each item, so an unchanged item gives the same object (useSyncExternalStore needs it). */
const parsed = new Map<string, { raw: string | null; draft: Draft }>();
/** Drafts the storage refused (full, blocked): kept for this tab's life instead. */
const unsaved = new Map<string, Draft>();

function currentDraft(key: string): Draft {
  const held = unsaved.get(key);
  if (held) return held;
  const raw = tryRead(browserStorage(), key);
  const last = parsed.get(key);
  if (last && last.raw === raw) return last.draft;
  const draft = parseDraft(raw);
  parsed.set(key, { raw, draft });
  return draft;
}

function saveDraft(key: string, draft: Draft): void {
  if (writeDraft(browserStorage(), key, draft)) unsaved.delete(key);
  else unsaved.set(key, draft);
  for (const listener of listeners) listener();
}

/** A reply the rep deleted goes back into its composer, unless they have started writing another. */
export function putBackInComposer(accountId: string, conversationId: string, words: { text: string; subject?: string }): boolean {
  const key = draftKey(accountId, conversationId);
  if (hasWords(currentDraft(key))) return false;
  saveDraft(key, { text: words.text, subject: words.subject ?? "" });
  return true;
}

export function useDraft(accountId: string, conversationId: string): [Draft, (draft: Draft) => void] {
  const key = draftKey(accountId, conversationId);
  const subscribe = useCallback(
    (onChange: () => void) => {
      listeners.add(onChange);
      const stopWatching = watchOtherTabs(key, onChange);
      return () => {
        listeners.delete(onChange);
        stopWatching();
      };
    },
    [key],
  );
  const draft = useSyncExternalStore(subscribe, () => currentDraft(key), () => EMPTY_DRAFT);
  const setDraft = useCallback((next: Draft) => saveDraft(key, next), [key]);
  return [draft, setDraft];
}
