"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Category } from "@/lib/contracts/api";
import { needsSubject } from "@/lib/client/compose";
import { ApiError } from "@/lib/client/errors";
import { formatDayLabel } from "@/lib/client/thread-times";
import { useAccount, useNow } from "@/lib/client/hooks";
import { useIsDesktop } from "@/lib/client/use-media-query";
import { useThread } from "@/lib/client/use-thread";
import { changesQueryOptions, conversationsHeadQueryOptions, conversationsInfiniteOptions } from "@/lib/client/queries";
import { flattenConversations } from "@/lib/client/merge-inbox";
import { matchOutbox, mergeOutbox, settledEntries } from "@/lib/client/merge-outbox";
import { isMultiParty, showsSenderName, threadRows } from "@/lib/client/thread-rows";
import { threadParticipant, threadType, type ThreadPreviewData } from "@/lib/client/thread-preview";
import type { OutboxEntry } from "@/lib/client/outbox-entry";
import { cursorWentOnByItself, focusedConversationId } from "@/lib/client/inbox-cursor";
import { useShortcuts } from "@/lib/client/shortcuts";
import { useLeaveThread } from "@/lib/client/use-leave-thread";
import { useMarkThreadRead } from "@/lib/client/use-mark-thread-read";
import { useSearchQuery } from "@/lib/client/search-query";
import { usePageTitle } from "@/lib/client/use-page-title";
import { inboxHref } from "@/lib/client/routes";
import { putBackInComposer } from "@/lib/client/use-draft";
import { useHydrated } from "@/lib/client/use-hydrated";
import { useKeyboardInset } from "@/lib/client/use-keyboard-inset";
import { useConversationOutbox } from "@/lib/client/use-outbox";
import { useIsOnline } from "@/lib/client/use-online";
import { useLoadOlder } from "@/lib/client/use-load-older";
import { useVirtualLibrary, type VirtualLibrary } from "@/lib/client/use-lazy-virtualizer";
import { useScrollAnchoring } from "@/lib/client/use-scroll-anchoring";
import { Composer, type Reply } from "./composer";
import { ChatIcon, CloudOffIcon } from "./icons";
import { ArrowDownIcon } from "./thread-icons";
import { MessageItem } from "./message-item";
import { NotFoundState } from "./not-found-state";
import { OutboxReply } from "./outbox-reply";
import { PagingControl } from "./paging-control";
import { ErrorState, StaleBanner } from "./error-states";
import { EmptyState } from "./states";
import { ThreadSkeleton } from "./thread-skeleton";
import { ThreadHeader } from "./thread-header";
import { ThreadLoading } from "./thread-loading";
import { ThreadPreview } from "./thread-preview";
import { VirtualListItem } from "./virtual-list-item";

/** Above the first row, in boxes of fixed height (so every row's offset stays known): the
 * older-messages control and the oldest loaded day's label (thread-rows.ts says why it is not a row). */
const OLDER_CONTROL_PX = 80;
const FIRST_DAY_LABEL_PX = 48;
const LIST_END_PADDING_PX = 16;
/** First guesses before a row is measured: a day label, a one-line message. */
const DAY_ROW_ESTIMATE_PX = 44;
const MESSAGE_ROW_ESTIMATE_PX = 56;

type ThreadViewProps = { accountId: string; category: Category; conversationId: string };

/**
 * Opened by URL, the thread's page hydrates after the app shell, which may have updated the inbox
 * and the accounts by then: a first render from those caches could differ from the HTML the
 * server sent (React #418). So the server and the hydrating browser render the thread's newest
 * messages from the page's own props (`preview`, when the server read them), or the loading view,
 * and the live thread renders from the cache right after, once TanStack Virtual has loaded too
 * (it downloads while the page hydrates). A thread opened in the app (no hydration, the library
 * long loaded) renders at once.
 */
export function ThreadView({ preview, ...props }: ThreadViewProps & { preview: ThreadPreviewData | null }) {
  const hydrated = useHydrated();
  const virtual = useVirtualLibrary();
  if (hydrated && virtual) return <LoadedThreadView {...props} virtual={virtual} />;
  return preview ? <ThreadPreview accountId={props.accountId} category={props.category} preview={preview} /> : <ThreadLoading />;
}

/**
 * A thread. History pages load upward by cursor (the message being read stays put); new
 * messages come from the `since` poller: they scroll into view when the reader is at the bottom,
 * otherwise a "New messages" pill appears. The rep's replies show at once from the outbox, at the
 * bottom, until the thread has them (merge-outbox.ts); the composer sits under the list.
 */
function LoadedThreadView({ accountId, category, conversationId, virtual }: ThreadViewProps & { virtual: VirtualLibrary }) {
  const { history, poll, messages } = useThread(accountId, conversationId);
  // The account's question (the inbox head, or a pushed account's webhooks poller) is what asks
  // this thread for news: while it fails, what is on screen may be stale too.
  const head = useQuery({ ...conversationsHeadQueryOptions(accountId, category), enabled: false });
  const changes = useQuery({ ...changesQueryOptions(accountId), enabled: false });
  const failing = poll.isError ? poll : head.isError ? head : changes.isError ? changes : null;
  const { account } = useAccount(accountId);
  const online = useIsOnline();
  const now = useNow(60_000);

  // The participant, from the loaded inbox when the conversation is in it.
  const { data: listed } = useInfiniteQuery({
    ...conversationsInfiniteOptions(accountId, category),
    select: (data) => flattenConversations(data).find((c) => c.id === conversationId),
  });
  // Opened from Unread, its row leaves the list as it is marked read: what the row said (the
  // person's headline, an InMail's type, which a thread page may not give) stays.
  const [lastListed, setLastListed] = useState(listed);
  if (listed !== undefined && listed !== lastListed) setLastListed(listed);
  const conversation = listed ?? (lastListed?.id === conversationId ? lastListed : undefined);
  // Everyone in the thread, where the provider names them (group threads have several).
  const threadParticipants = history.data?.pages[0]?.participants;
  const type = threadType(conversation, history.data?.pages[0]);
  const participant = useMemo(() => threadParticipant(conversation, threadParticipants, messages), [conversation, messages, threadParticipants]);

  // The thread as shown: its messages and the rep's replies not in it yet, each once.
  const outbox = useConversationOutbox(accountId, conversationId);
  const matches = useMemo(() => matchOutbox(messages, outbox.entries), [messages, outbox.entries]);
  const items = useMemo(() => mergeOutbox(messages, outbox.entries, matches), [messages, outbox.entries, matches]);
  // A reply the provider gave back without saying it is the rep's (fromMe null) is still theirs: not "new from" the other side.
  const shown = useMemo(() => {
    const replies = new Set([...matches.values()].map((message) => message.id));
    return items.map(({ message }) => (replies.has(message.id) && message.fromMe !== true ? { ...message, fromMe: true } : message));
  }, [items, matches]);
  // Replies the thread has shown for a while are forgotten (checked with each change and each minute).
  const outboxStore = outbox.outbox;
  useEffect(() => {
    outboxStore?.remove(settledEntries(outbox.entries, matches, now));
  }, [outboxStore, outbox.entries, matches, now]);

  const { firstDay, rows } = useMemo(() => threadRows(items), [items]);
  const multiParty = useMemo(() => isMultiParty(messages), [messages]);

  const getItemKey = useCallback((index: number) => rows[index]?.key ?? String(index), [rows]);
  const estimateSize = useCallback((index: number) => (rows[index]?.kind === "day" ? DAY_ROW_ESTIMATE_PX : MESSAGE_ROW_ESTIMATE_PX), [rows]);
  const { scrollerRef, virtualizer, onScroll, scrollToBottom, followNextChange, unseen, announcement } = useScrollAnchoring(shown, {
    count: rows.length,
    getItemKey,
    estimateSize,
    paddingStart: OLDER_CONTROL_PX + FIRST_DAY_LABEL_PX,
    paddingEnd: LIST_END_PADDING_PX,
  }, virtual);
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError } = history;
  const topSentinelRef = useLoadOlder(scrollerRef, history);
  const sectionRef = useRef<HTMLElement>(null);
  useKeyboardInset(sectionRef);
  // On a phone the list hides as a thread opens, and the row that had focus with it (focus would
  // fall to the page): the thread's heading takes it, so a screen reader starts in the thread. On a
  // wide screen the row stays in view, and so does focus (the keyboard's cursor, j/k).
  const headingShown = !history.isPending;
  const isDesktop = useIsDesktop();
  useEffect(() => {
    const focused = document.activeElement;
    if (isDesktop || !headingShown || (focused instanceof HTMLElement && focused !== document.body && focused.checkVisibility?.() !== false)) return;
    sectionRef.current?.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
  }, [conversationId, headingShown, isDesktop]);

  const send = useCallback(
    (reply: Reply): boolean => {
      // The outbox is still loading (a tap within a moment of the page's first paint): the words stay in the composer.
      if (!outboxStore) return false;
      followNextChange();
      outboxStore.send({ conversationId, ...reply });
      return true;
    },
    [outboxStore, conversationId, followNextChange],
  );
  const retry = useCallback((entry: OutboxEntry) => outboxStore?.retry(entry.clientId), [outboxStore]);
  const remove = useCallback(
    (entry: OutboxEntry) => {
      outboxStore?.remove([entry.clientId]);
      // The Delete button goes with the reply: focus goes where its words go back to.
      composerTextarea()?.focus();
      void putBackInComposer(accountId, conversationId, entry);
    },
    [outboxStore, accountId, conversationId],
  );

  // Read while it is open and visible; "Mark as unread" leaves it as the back button would.
  const { query } = useSearchQuery();
  const listHref = inboxHref(accountId, category, query);
  const leave = useLeaveThread(listHref);
  usePageTitle(participant ? `${participant.name} · Threadline` : null);
  // `messages` is sorted newest first: its first is the newest loaded.
  const readMark = useMarkThreadRead(accountId, conversationId, messages[0]?.sentAt ?? null);
  const markUnreadAndLeave = () => {
    // A mark not kept is put right by the inbox's answer (read-state.ts): nothing for the rep to do here.
    readMark.markUnread(conversation).catch(() => undefined);
    leave();
  };
  useShortcuts({
    back: leave,
    markUnread: () => {
      // A focused row other than this one is what Shift+U is about (the list marks that one), unless
      // the cursor only went there because this one, read, left the list (Unread).
      const focused = focusedConversationId();
      if (history.data === undefined || (focused !== null && focused !== conversationId && !cursorWentOnByItself())) return false;
      markUnreadAndLeave();
    },
  });

  // ---- rendering -------------------------------------------------------------------------
  const notFound = history.error instanceof ApiError && history.error.code === "not_found";

  let body: React.ReactNode;
  if (history.isPending && !online) {
    body = <EmptyState icon={<CloudOffIcon />} title="You're offline" detail="This conversation will load when you're back online." />;
  } else if (history.isPending) {
    body = (
      <div role="status" aria-label="Loading messages" className="mx-auto flex min-h-full w-full max-w-3xl flex-col justify-end">
        <ThreadSkeleton />
      </div>
    );
  } else if (notFound && shown.length === 0) {
    body = (
      <NotFoundState
        title="Conversation not found"
        detail="It may have been removed on LinkedIn, or the link is wrong."
        backHref={listHref}
        backLabel="Back to conversations"
      />
    );
  } else if (history.isError && shown.length === 0) {
    body = <ErrorState error={history.error} onRetry={() => void history.refetch()} retrying={history.isFetching} />;
  } else if (shown.length === 0) {
    body = <EmptyState icon={<ChatIcon />} title="No messages yet" detail="Messages in this conversation will show up here." />;
  } else {
    body = (
      <div className="flex min-h-full flex-col justify-end">
        {/* Only the rows near the viewport are rendered; the box keeps the whole list's height. */}
        <div className="relative mx-auto w-full max-w-3xl" style={{ height: virtualizer.getTotalSize() }}>
          <div ref={topSentinelRef} aria-hidden="true" className="absolute inset-x-0 top-0 h-px" />
          <PagingControl
            failed={isFetchNextPageError}
            hasMore={hasNextPage}
            loading={isFetchingNextPage}
            onLoad={() => void fetchNextPage()}
            labels={{ failed: "Couldn't load older messages.", load: "Load older messages", loading: "Loading older messages…" }}
            testId="load-older"
            // Not a Tab stop: Shift+Tab from the reply box would scroll the thread to its top. The
            // keyboard reads back from the message list itself.
            tabIndex={-1}
            className="absolute inset-x-0 top-0 z-10"
            style={{ height: OLDER_CONTROL_PX }}
            end={<p className="text-xs text-zinc-500">Start of your conversation{participant ? ` with ${participant.name}` : ""}</p>}
          />
          {firstDay !== null ? (
            <DayLabel sentAt={firstDay} now={now} className="absolute inset-x-0 items-end pb-3" style={{ top: OLDER_CONTROL_PX, height: FIRST_DAY_LABEL_PX }} />
          ) : null}
          <ol aria-label="Messages" data-testid="message-list" data-message-count={shown.length} className="absolute inset-0">
            {virtualizer.getVirtualItems().map((virtual) => {
              const row = rows[virtual.index]!;
              return (
                <VirtualListItem
                  key={virtual.key}
                  item={virtual}
                  measure={virtualizer.measureElement}
                  setSize={hasNextPage ? -1 : rows.length}
                  className="absolute inset-x-0 top-0 flex flex-col"
                  style={{ transform: `translateY(${virtual.start}px)` }}
                >
                  {row.kind === "day" ? (
                    <DayLabel sentAt={row.sentAt} now={now} className="mt-2 mb-3" />
                  ) : row.item.kind === "outbox" ? (
                    <OutboxReply
                      entry={row.item.entry}
                      message={row.item.message}
                      groupStart={row.groupStart}
                      groupEnd={row.groupEnd}
                      online={online}
                      onRetry={retry}
                      onDelete={remove}
                    />
                  ) : (
                    <MessageItem
                      message={row.item.message}
                      showName={showsSenderName(row.item.message, multiParty)}
                      groupStart={row.groupStart}
                      groupEnd={row.groupEnd}
                    />
                  )}
                </VirtualListItem>
              );
            })}
          </ol>
        </div>
      </div>
    );
  }

  // A thread that cannot be read cannot be answered either.
  const canReply = !(history.isError && shown.length === 0);

  return (
    <section
      ref={sectionRef}
      data-testid="thread-view"
      aria-label={participant ? `Conversation with ${participant.name}` : "Conversation"}
      // Above an on-screen keyboard that covers the layout instead of resizing it (iOS Safari).
      className="relative flex min-h-0 flex-1 flex-col pb-[var(--keyboard-inset,0px)]"
    >
      <ThreadHeader
        participant={participant}
        participants={threadParticipants}
        type={type}
        listHref={listHref}
        loading={history.isPending}
        showDemoBadge={account?.isDemo === true}
        onMarkUnread={history.data !== undefined ? markUnreadAndLeave : undefined}
      />
      {/* Offline, the offline banner says it all; back online, the catch-up poll settles this one. */}
      {failing && online && messages.length > 0 ? (
        <StaleBanner error={failing.error} onRetry={() => void failing.refetch()} retrying={failing.isFetching} />
      ) : null}
      <div className="relative flex min-h-0 flex-1 flex-col">
        <div
          ref={scrollerRef}
          id="thread-messages"
          data-testid="thread-scroller"
          onScroll={onScroll}
          // A Tab stop, so a keyboard can read back (arrows, Page Up: older pages load as they come
          // into view); where focus goes when the pill goes away, and Esc leaves the reply box.
          tabIndex={0}
          role="region"
          aria-label="Messages"
          aria-busy={history.isPending || isFetchingNextPage}
          className="relative min-h-0 flex-1 overflow-x-hidden overflow-y-auto overscroll-contain [overflow-anchor:none] focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent-500"
        >
          {body}
        </div>
        {unseen > 0 ? (
          <div className="pointer-events-none absolute inset-x-0 bottom-5 flex justify-center">
            <button
              type="button"
              data-testid="new-messages-pill"
              onClick={(event) => {
                // Focus was on the pill, which goes away: keep it in the thread (a click that left focus in the composer keeps it there).
                const hadFocus = document.activeElement === event.currentTarget;
                scrollToBottom(true);
                if (hadFocus) scrollerRef.current?.focus({ preventScroll: true });
              }}
              className="pointer-events-auto inline-flex min-h-11 animate-pill-in items-center gap-1.5 rounded-full bg-zinc-900 py-2 pr-4 pl-3 text-sm font-medium text-surface shadow-lg shadow-zinc-900/20 hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500"
            >
              <ArrowDownIcon width={16} height={16} />
              {unseen === 1 ? "1 new message" : `${unseen} new messages`}
            </button>
          </div>
        ) : null}
      </div>
      {canReply ? (
        <Composer
          accountId={accountId}
          conversationId={conversationId}
          send={account ? account.capabilities.send : undefined}
          needsSubject={needsSubject(account?.capabilities.send, type)}
          onSend={send}
          onEscape={() => scrollerRef.current?.focus({ preventScroll: true })}
        />
      ) : null}
      <p className="sr-only" aria-live="polite" data-testid="thread-announcer">
        {/* A new node each time: a screen reader says an addition, even in the words of the last one. */}
        <span key={announcement.id}>{announcement.text}</span>
      </p>
    </section>
  );
}

/** A day's label between messages: in the flow, not sticky (a floating label would cover the text scrolling under it). */
function DayLabel({ sentAt, now, className, style }: { sentAt: number; now: number; className: string; style?: React.CSSProperties }) {
  return (
    <div className={`flex justify-center ${className}`} style={style}>
      <span className="rounded-full bg-zinc-100 px-3 py-1 text-xs font-medium text-zinc-600 ring-1 ring-zinc-200/60">
        <time dateTime={new Date(sentAt).toISOString().slice(0, 10)}>{formatDayLabel(sentAt, now)}</time>
      </span>
    </div>
  );
}

/** The reply box of the open thread (not its hidden measuring copy). */
function composerTextarea(): HTMLTextAreaElement | null {
  return document.querySelector<HTMLTextAreaElement>('[data-testid="composer"] textarea:not([aria-hidden="true"])');
}
