import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { Category, Conversation } from "@/lib/contracts/api";
import { flattenConversations } from "./merge-inbox";
import { conversationSearchInfiniteOptions } from "./queries";
import { matchesSearch, mergeSearchResults, searchTerms } from "./search";

/** How long typing must pause before the provider is asked (each ask costs a call). */
const PROVIDER_SEARCH_DELAY_MS = 400;
/** Shorter than this, a query matches nearly everything: not worth a provider call. */
const PROVIDER_SEARCH_MIN_LENGTH = 2;

function useSettled(value: string, delayMs: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/**
 * The inbox as searched: the loaded conversations that match, at every keystroke, and, where the
 * provider searches (`providerSearches`: false too while the list is hidden), what it found in the
 * whole inbox once typing pauses.
 * `provider` is that search's query, or null when there is none.
 */
export function useInboxSearch(accountId: string, category: Category, query: string, loaded: readonly Conversation[], providerSearches: boolean) {
  const terms = useMemo(() => searchTerms(query), [query]);
  const searching = terms.length > 0;
  const asked = useSettled(query.trim(), PROVIDER_SEARCH_DELAY_MS);
  const askProvider = providerSearches && searching && asked.length >= PROVIDER_SEARCH_MIN_LENGTH;
  const provider = useInfiniteQuery({ ...conversationSearchInfiniteOptions(accountId, category, asked), enabled: askProvider });
  // The provider's answer counts only for the words on screen, not for ones typed before a pause.
  const current = askProvider && asked === query.trim();

  const conversations = useMemo(() => {
    if (!searching) return [...loaded];
    const matched = loaded.filter((conversation) => matchesSearch(conversation, terms));
    return current ? mergeSearchResults(matched, flattenConversations(provider.data)) : matched;
  }, [loaded, searching, terms, current, provider.data]);

  return { searching, conversations, provider: askProvider ? provider : null, providerCurrent: current };
}
