/**
 * Pure merge of a freshly fetched inbox first page into the loaded infinite inbox.
 *
 * Result: the fresh page-1 conversations first (in their fresh order, with their fresh data),
 * then every previously loaded conversation that is not among them, in previous order: an item
 * pushed off page 1 by a newcomer stays (at the end of page 1) instead of vanishing until its
 * page is reloaded. Later pages are filtered so no conversation appears twice. The number of
 * pages, pageParams and every page's nextCursor are untouched, so "load more" continues exactly
 * where it would have.
 */
import type { InfiniteData } from "@tanstack/react-query";
import type { Conversation, ConversationsPage } from "@/lib/contracts/api";

export type ConversationPages<TPageParam = unknown> = InfiniteData<ConversationsPage, TPageParam>;

export function mergeInboxFirstPage<TPageParam>(
  data: ConversationPages<TPageParam> | undefined,
  fresh: ConversationsPage,
): ConversationPages<TPageParam> | undefined {
  if (data === undefined) return undefined;
  const [first, ...rest] = data.pages;
  if (first === undefined) return data;

  const seen = new Set<string>();
  const head: Conversation[] = [];
  for (const conversation of fresh.conversations) {
    if (seen.has(conversation.id)) continue;
    seen.add(conversation.id);
    head.push(conversation);
  }
  for (const conversation of first.conversations) {
    if (seen.has(conversation.id)) continue;
    seen.add(conversation.id);
    head.push(conversation);
  }

  const later = rest.map((page) => {
    const kept: Conversation[] = [];
    for (const conversation of page.conversations) {
      if (seen.has(conversation.id)) continue;
      seen.add(conversation.id);
      kept.push(conversation);
    }
    return kept.length === page.conversations.length ? page : { ...page, conversations: kept };
  });

  return { pages: [{ ...first, conversations: head }, ...later], pageParams: data.pageParams };
}

/** Every loaded conversation once, in list order (tolerates overlapping pages: first copy wins). */
export function flattenConversations(data: { pages: readonly ConversationsPage[] } | undefined): Conversation[] {
  if (data === undefined) return [];
  const seen = new Set<string>();
  const out: Conversation[] = [];
  for (const page of data.pages) {
    for (const conversation of page.conversations) {
      if (seen.has(conversation.id)) continue;
      seen.add(conversation.id);
      out.push(conversation);
    }
  }
  return out;
}
