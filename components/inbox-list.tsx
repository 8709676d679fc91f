"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { Conversation } from "@/lib/contracts/api";
import { CATEGORY_LABELS, type Category } from "@/lib/contracts/categories";
import { useInbox, useNow } from "@/lib/client/hooks";
import { conversationHref } from "@/lib/client/routes";
import { cursorWentOnByItself, focusedConversationId, isConversationRow, moveCursor, noteCursor, noteListChange, refocus } from "@/lib/client/inbox-cursor";
import { forgetOpenedFromList, markOpenedFromList } from "@/lib/client/nav-memory";
import { markUnread } from "@/lib/client/read-state";
import { messagesInfiniteOptions } from "@/lib/client/queries";
import { useShortcuts } from "@/lib/client/shortcuts";
import { useInboxSearch } from "@/lib/client/use-inbox-search";
import { useSearchQuery } from "@/lib/client/search-query";
import { useIsOnline } from "@/lib/client/use-online";
import { useInboxVirtualizer } from "@/lib/client/use-inbox-virtualizer";
import { lazyComponent } from "@/lib/client/lazy-code";
import { whenIdle } from "@/lib/client/when-idle";
import { CheckedAgo } from "./checked-ago";
import { ConversationRow } from "./conversation-row";
import { CloudOffIcon, InboxIcon, SearchIcon } from "./icons";
import { PagingControl } from "./paging-control";
import { VirtualListItem } from "./virtual-list-item";
import { ErrorState, preloadErrorStates, StaleBanner } from "./lazy-error-states";
import { EmptyState, InboxSkeleton, RetryButton, Spinner } from "./states";

// The actions sheet a row's ⋯ button opens: loaded when the page is idle, not with it.
const { Component: RowActions, preload: preloadRowActions } = lazyComponent(() => import("./row-actions").then((m) => m.RowActions));

const EMPTY_DETAIL: Record<Category, string> = {
  INBOX: "When someone messages you on LinkedIn, the conversation shows up here.",
  UNREAD: "You're all caught up.",
  MY_CONNECTIONS: "Conversations with your connections show up here.",
  INMAIL: "InMail messages you receive show up here.",
  STARRED: "Star a conversation on LinkedIn to keep it here.",
};

/**
 * The inbox: an infinite list (IntersectionObserver sentinel + a visible "Load more" fallback)
 * whose first page is refreshed by a visible-only poller. Only the rows near the viewport are
 * rendered (use-inbox-virtualizer.ts). It is its own scroll container, and restores its scroll
 * offset when it is shown again on phones (back from a thread).
 */
export function InboxList({
  accountId,
  category,
  openConversationId,
  hidden,
  emptyDetail,
  providerSearches,
}: {
  accountId: string;
  category: Category;
  openConversationId: string | null;
  /** Hidden on phones while a thread is open (the list stays mounted to keep its state). */
  hidden: boolean;
  /** What an empty list means for this account, where the category's usual words would mislead. */
  emptyDetail?: string;
  /** The provider searches the whole inbox (capabilities.search); else only what is loaded is searched. */
  providerSearches: boolean;
}) {
  // The head keeps asking while the list is hidden behind a phone's open thread: its answer is
  // what tells the open thread to look for new messages.
  const { history, head, changes, pushed, conversations: loaded } = useInbox(accountId, category);
  const { query } = useSearchQuery();
  const { searching, conversations, provider, providerCurrent } = useInboxSearch(accountId, category, query, loaded, providerSearches && !hidden);
  // While the provider searches, "more" means more of what it found.
  const pager = provider ?? history;
  // A pushed account is checked by its webhooks' poller (our database); the head, rarely, besides.
  // The first page's own read counts, so the line is there from the first paint (no shift when the first poll lands).
  const checkedAt = Math.max(head.data?.checkedAt ?? 0, changes.data?.checkedAt ?? 0, history.data?.pages[0]?.meta?.checkedAt ?? 0) || null;
  const failing = head.isError ? head : changes.isError ? changes : null;
  const online = useIsOnline();
  const now = useNow();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);
  const savedScrollTop = useRef(0);
  const { virtualizer, rows, padding, measure } = useInboxVirtualizer(scrollerRef, conversations, hidden);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = history;

  const listed = useRef<string[]>([]);
  useLayoutEffect(() => {
    const ids = conversations.map((conversation) => conversation.id);
    if (scrollerRef.current) noteListChange(scrollerRef.current, listed.current, ids, hidden);
    listed.current = ids;
  }, [conversations, hidden]);

  const onScroll = useCallback(() => {
    const el = scrollerRef.current;
    // A hidden (display: none) list reports 0: keep the last real position.
    if (el && el.clientHeight > 0) savedScrollTop.current = el.scrollTop;
  }, []);

  // Back from a thread on a phone: put the list exactly where it was.
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!hidden && el && el.scrollTop !== savedScrollTop.current) el.scrollTop = savedScrollTop.current;
  }, [hidden]);

  // A thread closed (back, Esc, marked unread) took focus with it: to its row, not the page.
  const wasOpen = useRef(openConversationId);
  useEffect(() => {
    const closed = wasOpen.current;
    wasOpen.current = openConversationId;
    if (closed && !openConversationId && !hidden && scrollerRef.current) refocus(scrollerRef.current, closed);
  }, [openConversationId, hidden]);

  // Infinite scroll. Re-observing after each page makes the observer report again if the
  // sentinel is still in view (a short first page on a tall screen). Not while searching: a
  // query that matches little would page through the whole inbox, a provider call per page.
  useEffect(() => {
    const root = scrollerRef.current;
    const sentinel = sentinelRef.current;
    if (!root || !sentinel || !hasNextPage || isFetchingNextPage || hidden || searching || history.isFetchNextPageError) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void fetchNextPage();
      },
      { root, rootMargin: "0px 0px 600px 0px" },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, hidden, searching, history.isFetchNextPageError]);

  const client = useQueryClient();
  const [actionsFor, setActionsFor] = useState<Conversation | null>(null);
  useEffect(
    () =>
      whenIdle(() => {
        void preloadRowActions();
        preloadErrorStates();
      }),
    [],
  );
  // The thread's newest messages, at once: not after the route and its chunk arrive (the row
  // prefetches the route itself).
  const startOpening = useCallback(
    (conversationId: string) => void client.prefetchInfiniteQuery(messagesInfiniteOptions(accountId, conversationId)),
    [client, accountId],
  );
  useShortcuts({
    next: () => {
      const list = scrollerRef.current;
      if (hidden || !list) return false;
      if (moveCursor(list, 1)) return;
      // At the last loaded row, j asks for the next page (as scrolling there would); at the last
      // rendered one, it brings the rows after it in, for the next j.
      const lastRendered = rows[rows.length - 1]?.index;
      // (Until the virtualizer has loaded, the rows after the first screen wait for it.)
      if (lastRendered !== undefined && lastRendered < conversations.length - 1) virtualizer?.scrollToIndex(lastRendered + 1, { align: "end" });
      else if (pager.hasNextPage && !pager.isFetchingNextPage) void pager.fetchNextPage();
    },
    previous: () => {
      const list = scrollerRef.current;
      if (hidden || !list) return false;
      moveCursor(list, -1);
    },
    open: () => {
      const row = document.activeElement;
      if (!isConversationRow(row)) return false;
      row.click();
    },
    markUnread: () => {
      const id = focusedConversationId();
      // The open thread marks itself (and leaves): see ThreadView.
      if (id === null || id === openConversationId || (openConversationId !== null && cursorWentOnByItself())) return false;
      void markUnread(client, accountId, id).catch(() => undefined);
    },
  });

  const label = CATEGORY_LABELS[category];
  // Only the rows near the viewport are rendered: what the list holds is said on it (for tests and tools).
  const unreadListed = conversations.filter((c) => c.unreadCount > 0).length;

  let body: React.ReactNode;
  if (history.isPending && !online) {
    body = <EmptyState icon={<CloudOffIcon />} title="You're offline" detail={`${label} will load when you're back online.`} />;
  } else if (history.isPending) {
    body = (
      <div role="status" aria-label={`Loading ${label}`}>
        <InboxSkeleton />
      </div>
    );
  } else if (history.isError && loaded.length === 0) {
    body = <ErrorState error={history.error} onRetry={() => void history.refetch()} retrying={history.isFetching} />;
  } else if (loaded.length === 0 && !searching && !hasNextPage) {
    // Nothing here and nothing after. An empty page with more after it (Unread's rows read here)
    // is not "caught up": the list below asks for the next page by itself.
    body = <EmptyState icon={<InboxIcon />} title={`No conversations in ${label}`} detail={emptyDetail ?? EMPTY_DETAIL[category]} />;
  } else {
    body = (
      <>
        {searching && conversations.length === 0 ? (
          provider && (provider.isPending || !providerCurrent) ? (
            <div className="flex justify-center py-14">
              <Spinner label={`Searching all of ${label}…`} />
            </div>
          ) : provider?.isError ? (
            <ErrorState error={provider.error} onRetry={() => void provider.refetch()} retrying={provider.isFetching} />
          ) : (
            <EmptyState
              icon={<SearchIcon />}
              title="No matches"
              detail={
                provider
                  ? `No conversation in ${label} matches “${query.trim()}”.`
                  : `Nothing in the ${loaded.length} loaded conversation${loaded.length === 1 ? "" : "s"} of ${label} matches “${query.trim()}”.${
                      hasNextPage ? " Older conversations aren't searched until they are loaded." : ""
                    }`
              }
            />
          )
        ) : null}
        <ul
          role="list"
          aria-label={searching ? `Search results in ${label}` : `${label} conversations`}
          data-testid="conversation-list"
          data-conversation-count={conversations.length}
          data-unread-count={unreadListed}
          style={padding}
        >
          {rows.map((row) => {
            const conversation = conversations[row.index]!;
            return (
              <VirtualListItem
                key={row.key}
                item={row}
                measure={measure}
                setSize={pager.hasNextPage ? -1 : conversations.length}
                className="group/row relative border-b border-zinc-100"
              >
                <ConversationRow
                  conversation={conversation}
                  href={conversationHref(accountId, category, conversation.id, query)}
                  selected={conversation.id === openConversationId}
                  now={now}
                  onOpen={openConversationId === null ? markOpenedFromList : forgetOpenedFromList}
                  onActions={setActionsFor}
                  onIntent={startOpening}
                />
              </VirtualListItem>
            );
          })}
        </ul>
        <div ref={sentinelRef} aria-hidden="true" className="h-px" />
        {provider && conversations.length > 0 && (provider.isPending || !providerCurrent) ? (
          <div className="flex min-h-16 items-center justify-center">
            <Spinner label={`Searching all of ${label}…`} />
          </div>
        ) : provider?.isError && conversations.length > 0 ? (
          <div role="alert" className="flex min-h-16 items-center justify-center gap-2 px-4 text-sm text-zinc-600">
            Couldn&apos;t search all of {label}.
            <RetryButton compact onRetry={() => void provider.refetch()} retrying={provider.isFetching} />
          </div>
        ) : (
          <PagingControl
            failed={pager.isFetchNextPageError}
            hasMore={pager.hasNextPage}
            loading={pager.isFetchingNextPage}
            onLoad={() => void pager.fetchNextPage()}
            labels={{
              failed: "Couldn't load more conversations.",
              load: provider ? "More results" : searching ? "Search older conversations" : "Load more",
              loading: "Loading more conversations…",
            }}
            testId="load-more"
            className="min-h-16 py-3"
            end={
              <span data-testid="list-count" className="text-xs text-zinc-500">
                {provider
                  ? `${conversations.length} found`
                  : searching
                    ? `${conversations.length} of ${loaded.length} conversations match`
                    : `${loaded.length} conversation${loaded.length === 1 ? "" : "s"}`}
              </span>
            }
          />
        )}
      </>
    );
  }

  // What a search found, said to a screen reader as the rep types (the list itself is not live).
  const searchSettled = searching && !history.isPending && !provider?.isFetching && !provider?.isError;
  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <p className="sr-only" aria-live="polite" data-testid="search-announcer">
        {searchSettled ? (conversations.length > 0 ? `${conversations.length} found` : "No matches") : ""}
      </p>
      {failing && online && conversations.length > 0 ? (
        <StaleBanner error={failing.error} onRetry={() => void failing.refetch()} retrying={failing.isFetching} />
      ) : checkedAt !== null ? (
        <CheckedAgo accountId={accountId} checkedAt={checkedAt} pushed={pushed} />
      ) : null}
      <div
        ref={scrollerRef}
        onScroll={onScroll}
        onFocus={(event) => noteCursor(event.target)}
        data-testid="inbox-list"
        aria-busy={history.isPending || isFetchingNextPage}
        className="min-h-0 flex-1 overflow-x-hidden overflow-y-auto overscroll-contain [overflow-anchor:none] pb-[env(safe-area-inset-bottom)]"
      >
        {body}
      </div>
      {actionsFor ? (
        <Suspense fallback={null}>
          <RowActions accountId={accountId} conversation={actionsFor} onClose={() => setActionsFor(null)} />
        </Suspense>
      ) : null}
    </div>
  );
}
