/**
 * Pure merge of a freshly fetched inbox first page into the loaded infinite inbox.
 *
 * Result: the fresh page-1 conversations first (in their fresh order, with their fresh data),
 * then every previously loaded conversation that is not among them, in previous order: an item
 * pushed off page 1 by a newcomer stays (at the end of page 1) instead of vanishing until its
 * page is reloaded. Later pages are filtered so no conversation appears twice. The number of
 * pages, pageParams and every page's nextCursor are untouched, so "load more" continues exactly
 * where it would have. An answer read before the list's page 1 changes nothing; one that is the
 * whole category (no next cursor) is the list, where the list is one page.
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
  if (first === undefined || isOlder(fresh, first)) return data;
  // The whole category in one answer (no next page) for a list of one page: a row not in it has
  // left it (read or unstarred on LinkedIn). (Rows a "load more" brought are not dropped so: that
  // page may be newer than the answer.)
  if (fresh.nextCursor === null && rest.length === 0) return inboxFromFirstPage(data, fresh);

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

  // Page 1 now shows the provider as of the fresh read.
  return { pages: [{ ...first, conversations: head, meta: fresh.meta ?? first.meta }, ...later], pageParams: data.pageParams };
}

/**
 * The server shares an inbox answer among tabs for a few seconds (lib/server/inbox.ts), so one can
 * be older than the list's page 1 (the page's own first read, or the last answer merged): it would
 * put old rows back. Both times are the server's; one unknown compares as NaN, never older.
 */
function isOlder(fresh: ConversationsPage, first: ConversationsPage): boolean {
  return (fresh.meta?.checkedAt ?? NaN) < (first.meta?.checkedAt ?? NaN);
}

/**
 * The list as the fresh first page alone, its cursor going on from there: for an answer that is
 * the whole category, or one where every row changed, so that what the list held below may be as
 * stale (a busy night away). An answer older than the list changes nothing.
 */
export function inboxFromFirstPage<TPageParam>(data: ConversationPages<TPageParam> | undefined, fresh: ConversationsPage): ConversationPages<TPageParam> | undefined {
  const first = data?.pages[0];
  if (data === undefined || first === undefined || isOlder(fresh, first)) return data;
  const conversations = flattenConversations({ pages: [fresh] });
  const pageParams = data.pageParams.length === 1 ? data.pageParams : data.pageParams.slice(0, 1);
  return { pages: [{ ...first, conversations, nextCursor: fresh.nextCursor, meta: fresh.meta ?? first.meta }], pageParams };
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

/**
 * The rep's reply, before the next poll of the inbox shows it: its conversation moves to the top of
 * the first page with the reply as its preview, out of whichever page held it. Returns `data` itself
 * where the conversation is not loaded (a category it is not in stays as it is). Cursors untouched.
 */
export function withSentReply<TPageParam>(
  data: ConversationPages<TPageParam> | undefined,
  conversationId: string,
  reply: { text: string; sentAt: number },
): ConversationPages<TPageParam> | undefined {
  if (data === undefined) return undefined;
  const conversation = data.pages.flatMap((page) => page.conversations).find((c) => c.id === conversationId);
  if (conversation === undefined) return data;
  const moved: Conversation = { ...conversation, lastMessage: { text: reply.text, sentAt: reply.sentAt, fromMe: true } };
  const pages = data.pages.map((page, index) => {
    const others = page.conversations.filter((c) => c.id !== conversationId);
    if (index === 0) return { ...page, conversations: [moved, ...others] };
    return others.length === page.conversations.length ? page : { ...page, conversations: others };
  });
  return { pages, pageParams: data.pageParams };
}

/**
 * The rep's read mark, before the next poll of the inbox shows it: the conversation's unread count
 * set (0: read; dropped from the list where `dropWhenRead`, the Unread category). Returns `data`
 * itself where nothing changes. Cursors untouched.
 */
export function withUnreadCount<TPageParam>(
  data: ConversationPages<TPageParam> | undefined,
  conversationId: string,
  unreadCount: number,
  dropWhenRead: boolean,
): ConversationPages<TPageParam> | undefined {
  if (data === undefined) return undefined;
  let changed = false;
  const pages = data.pages.map((page) => {
    if (!page.conversations.some((c) => c.id === conversationId && (c.unreadCount !== unreadCount || (dropWhenRead && unreadCount === 0)))) return page;
    changed = true;
    const conversations = page.conversations.flatMap((c) => {
      if (c.id !== conversationId) return [c];
      if (dropWhenRead && unreadCount === 0) return [];
      return [{ ...c, unreadCount }];
    });
    return { ...page, conversations };
  });
  return changed ? { pages, pageParams: data.pageParams } : data;
}

/**
 * A conversation back in a list that had dropped it (the Unread category, once the rep marks it
 * unread again): on page 1, before the first row with an older last message (after them all when
 * none is older). Returns `data` itself where it is loaded already. Cursors untouched.
 */
export function withReturnedRow<TPageParam>(data: ConversationPages<TPageParam> | undefined, row: Conversation): ConversationPages<TPageParam> | undefined {
  if (data === undefined || flattenConversations(data).some((c) => c.id === row.id)) return data;
  const [first, ...rest] = data.pages;
  if (first === undefined) return data;
  const sentAt = row.lastMessage?.sentAt ?? 0;
  const at = first.conversations.findIndex((c) => (c.lastMessage?.sentAt ?? 0) < sentAt);
  const conversations = at === -1 ? [...first.conversations, row] : [...first.conversations.slice(0, at), row, ...first.conversations.slice(at)];
  return { pages: [{ ...first, conversations }, ...rest], pageParams: data.pageParams };
}
