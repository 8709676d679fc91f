/**
 * The composer's draft of a conversation as React state (client components only): read from and
 * written to this browser's storage on every change, so it survives navigation and reloads, and
 * follows another tab's edits.
 */
import { useCallback, useSyncExternalStore } from "react";
import { browserStorage, tryRead, watchOtherTabs } from "./browser-storage";
import { draftKey, EMPTY_DRAFT, hasWords, writeDraft, type Draft } from "./draft-store";

type DraftParser = (raw: string | null) => Draft;

/** After a failed load of the parser (the network dropped), the next try. */
const PARSER_RETRY_MS = 3_000;

const listeners = new Set<() => void>();
/** The last parse of each item, so an unchanged item gives the same object (useSyncExternalStore needs it). */
const parsed = new Map<string, { raw: string | null; draft: Draft }>();
/** Drafts the storage refused (full, blocked): kept for this tab's life instead. */
const unsaved = new Map<string, Draft>();

/**
 * Stored drafts are parsed with zod, which stays out of a thread's first scripts: the parser loads
 * when a composer first subscribes. Until it has, a composer shows no stored draft and what the rep
 * types is shown from `typedBeforeRead`. Words are written at once (they survive a reload, and win
 * over the older draft they were typed over); a box left empty writes nothing, so an older draft
 * the rep never saw shows once it can be read, unless their own words had already replaced it.
 */
let parseStored: DraftParser | undefined;
let parserLoad: Promise<DraftParser> | undefined;
const typedBeforeRead = new Map<string, Draft>();
const replacedBeforeRead = new Set<string>();

function loadParser(): Promise<DraftParser> {
  parserLoad ??= import("./stored-draft").then(
    ({ parseDraft }) => {
      parseStored = parseDraft;
      typedBeforeRead.clear();
      notify();
      return parseDraft;
    },
    (error: unknown) => {
      setTimeout(() => {
        parserLoad = undefined;
        if (listeners.size > 0) void loadParser().catch(() => undefined);
      }, PARSER_RETRY_MS);
      throw error;
    },
  );
  return parserLoad;
}

function notify(): void {
  for (const listener of listeners) listener();
}

function currentDraft(key: string): Draft {
  const held = typedBeforeRead.get(key) ?? unsaved.get(key);
  if (held) return held;
  if (!parseStored) return EMPTY_DRAFT;
  const raw = tryRead(browserStorage(), key);
  const last = parsed.get(key);
  if (last && last.raw === raw) return last.draft;
  const draft = parseStored(raw);
  parsed.set(key, { raw, draft });
  return draft;
}

function saveDraft(key: string, draft: Draft): void {
  if (!parseStored) {
    typedBeforeRead.set(key, draft);
    if (!hasWords(draft) && !replacedBeforeRead.has(key)) return notify();
    replacedBeforeRead.add(key);
  }
  if (writeDraft(browserStorage(), key, draft)) unsaved.delete(key);
  else unsaved.set(key, draft);
  notify();
}

/** A reply the rep deleted goes back into its composer, unless they have started writing another. */
export async function putBackInComposer(accountId: string, conversationId: string, words: { text: string; subject?: string }): Promise<boolean> {
  // Whether the rep has started another is known once a stored draft can be read. If the parser
  // cannot load now, a stored draft the rep has not replaced counts as one: the reply is not put back over it.
  await loadParser().catch(() => undefined);
  const key = draftKey(accountId, conversationId);
  if (hasWords(currentDraft(key))) return false;
  if (!parseStored && !replacedBeforeRead.has(key) && tryRead(browserStorage(), key) !== null) return false;
  saveDraft(key, { text: words.text, subject: words.subject ?? "" });
  return true;
}

export function useDraft(accountId: string, conversationId: string): [Draft, (draft: Draft) => void] {
  const key = draftKey(accountId, conversationId);
  const subscribe = useCallback(
    (onChange: () => void) => {
      listeners.add(onChange);
      void loadParser().catch(() => undefined);
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
