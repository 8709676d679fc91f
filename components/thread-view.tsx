"use client";

import Link from "next/link";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Category, Message, Participant } from "@/lib/contracts/api";
import { ApiError } from "@/lib/client/errors";
import { dayKey, formatDayLabel } from "@/lib/client/format";
import { useAccount, useNow, useThread } from "@/lib/client/hooks";
import { conversationsInfiniteOptions } from "@/lib/client/queries";
import { flattenConversations } from "@/lib/client/merge-inbox";
import { inboxHref } from "@/lib/client/routes";
import { useIsDesktop } from "@/lib/client/use-media-query";
import { useIsOnline } from "@/lib/client/use-online";
import { ArrowDownIcon, ChatIcon, CloudOffIcon } from "./icons";
import { MessageItem, sideOf } from "./message-item";
import { PagingControl } from "./paging-control";
import { EmptyState, ErrorState, StaleBanner, ThreadSkeleton } from "./states";
import { ThreadHeader } from "./thread-header";

/** Within this distance of the bottom, new messages scroll into view by themselves. */
const NEAR_BOTTOM_PX = 120;
/** How long the top must stay near before older messages load by themselves. */
const LOAD_OLDER_SETTLE_MS = 200;
/** Consecutive messages from one side closer than this are grouped (tighter, one timestamp). */
const GROUP_GAP_MS = 5 * 60_000;

type Rendered = { newestId: string; oldestId: string; count: number };

/**
 * A thread. History pages load upward by cursor (the message being read stays put); new
 * messages come from the `since` poller: they scroll into view when the reader is at the bottom,
 * otherwise a "New messages" pill appears.
 */
export function ThreadView({
  accountId,
  category,
  conversationId,
}: {
  accountId: string;
  category: Category;
  conversationId: string;
}) {
  const { history, poll, messages } = useThread(accountId, conversationId);
  const { account } = useAccount(accountId);
  const isDesktop = useIsDesktop();
  const online = useIsOnline();
  const now = useNow(60_000);

  // The participant, from the loaded inbox when the conversation is in it.
  const { data: conversation } = useInfiniteQuery({
    ...conversationsInfiniteOptions(accountId, category),
    select: (data) => flattenConversations(data).find((c) => c.id === conversationId),
  });
  // Everyone in the thread, where the provider names them (group threads have several).
  const threadParticipants = history.data?.pages[0]?.participants;
  const participant = useMemo<Participant | null>(() => {
    if (conversation) return conversation.participant;
    if (threadParticipants?.[0]) return threadParticipants[0];
    // Opened from a shared link: fall back to whoever else wrote in the thread.
    const other = messages.find((m) => m.fromMe !== true && m.type !== "system");
    return other ? { name: other.sender.name, profileUrl: other.sender.profileUrl, pictureUrl: other.sender.pictureUrl } : null;
  }, [conversation, messages, threadParticipants]);

  /** Oldest first, grouped by local calendar day. */
  const days = useMemo(() => {
    const out: { key: string; sentAt: number; messages: Message[] }[] = [];
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages[i]!;
      const key = dayKey(message.sentAt);
      const current = out[out.length - 1];
      if (current && current.key === key) current.messages.push(message);
      else out.push({ key, sentAt: message.sentAt, messages: [message] });
    }
    return out;
  }, [messages]);
  const multiParty = useMemo(() => new Set(messages.filter((m) => m.fromMe !== true).map((m) => m.sender.name)).size > 1, [messages]);

  // ---- scrolling -------------------------------------------------------------------------
  const scrollerRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const topSentinelRef = useRef<HTMLDivElement>(null);
  const rendered = useRef<Rendered | null>(null);
  /** Where the reader was at the last scroll/commit: distance from the bottom, and the newest message's offset. */
  const position = useRef({ fromBottom: 0, nearBottom: true, newestTop: 0 });
  const [unseen, setUnseen] = useState(0);
  const [announcement, setAnnouncement] = useState("");

  const measure = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    const newest = lastMessageElement(listRef.current);
    const newestTop = newest ? offsetWithin(newest, el) - el.scrollTop : 0;
    position.current = { fromBottom, nearBottom: fromBottom <= NEAR_BOTTOM_PX, newestTop };
  }, []);

  const onScroll = useCallback(() => {
    measure();
    if (position.current.nearBottom) setUnseen(0);
  }, [measure]);

  const scrollToBottom = useCallback((smooth: boolean) => {
    const el = scrollerRef.current;
    if (!el) return;
    el.scrollTo({ top: el.scrollHeight, behavior: smooth ? "smooth" : "auto" });
    setUnseen(0);
  }, []);

  // After every change of the message list, before paint: keep the reader's place.
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    const newest = messages[0];
    const oldest = messages[messages.length - 1];
    if (!el || !newest || !oldest) return;
    const prev = rendered.current;
    rendered.current = { newestId: newest.id, oldestId: oldest.id, count: messages.length };

    if (prev === null) {
      // Opening the thread: start at the newest message.
      el.scrollTop = el.scrollHeight;
    } else {
      const { fromBottom, nearBottom, newestTop } = position.current;
      const newArrived = newest.id !== prev.newestId;
      const olderLoaded = oldest.id !== prev.oldestId;
      // Something new near the end that does not change the newest id (same millisecond, smaller id).
      const grewAtEnd = newArrived || (!olderLoaded && messages.length > prev.count);
      if (olderLoaded && !newArrived) {
        // Older page prepended: keep the same distance from the bottom, so nothing moves.
        el.scrollTop = el.scrollHeight - el.clientHeight - fromBottom;
      } else if (nearBottom) {
        // Reading at the bottom: new messages (or a grown reaction row) scroll into view.
        el.scrollTop = el.scrollHeight;
      } else {
        if (olderLoaded) {
          // Both at once: anchor on the message that was newest before.
          const anchor = listRef.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(prev.newestId)}"]`);
          if (anchor) el.scrollTop = offsetWithin(anchor, el) - newestTop;
        }
        // Appended below the fold: scrollTop is untouched (overflow-anchor: none); show the pill.
        if (grewAtEnd) {
          const index = messages.findIndex((m) => m.id === prev.newestId);
          const count = index > 0 ? index : Math.max(1, messages.length - prev.count);
          setUnseen((n) => n + count);
          setAnnouncement(`${count} new message${count === 1 ? "" : "s"}`);
        }
      }
    }
    measure();
  }, [messages, measure]);

  // Keep the bottom pinned when the viewport resizes (phone keyboard, rotation) while at the bottom.
  useEffect(() => {
    const el = scrollerRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (position.current.nearBottom) el.scrollTop = el.scrollHeight;
      measure();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  // Load older pages when the top comes near. Re-observed after each page, so a short first
  // page keeps loading until the screen is full. The top must stay near for a moment first: a
  // programmatic jump or a fling past it does not prepend a page under the reader mid-gesture.
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError } = history;
  useEffect(() => {
    const root = scrollerRef.current;
    const sentinel = topSentinelRef.current;
    if (!root || !sentinel || !hasNextPage || isFetchingNextPage || isFetchNextPageError) return;
    let timer: number | undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        const near = entries.some((e) => e.isIntersecting);
        window.clearTimeout(timer);
        if (near) timer = window.setTimeout(() => void fetchNextPage(), LOAD_OLDER_SETTLE_MS);
      },
      { root, rootMargin: "400px 0px 0px 0px" },
    );
    observer.observe(sentinel);
    return () => {
      window.clearTimeout(timer);
      observer.disconnect();
    };
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  // ---- rendering -------------------------------------------------------------------------
  const listHref = inboxHref(accountId, category);
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
  } else if (history.isError && messages.length === 0) {
    body = (
      <ErrorState
        error={history.error}
        onRetry={() => void history.refetch()}
        retrying={history.isFetching}
        action={
          notFound ? (
            <Link href={listHref} className="inline-flex min-h-11 items-center rounded-lg px-4 text-sm font-medium text-accent-700 hover:bg-accent-50">
              Back to conversations
            </Link>
          ) : null
        }
      />
    );
  } else if (messages.length === 0) {
    body = <EmptyState icon={<ChatIcon />} title="No messages yet" detail="Messages in this conversation will show up here." />;
  } else {
    body = (
      <div className="flex min-h-full flex-col justify-end pb-4">
        <div ref={topSentinelRef} aria-hidden="true" className="h-px" />
        <PagingControl
          failed={isFetchNextPageError}
          hasMore={hasNextPage}
          loading={isFetchingNextPage}
          onLoad={() => void fetchNextPage()}
          labels={{ failed: "Couldn't load older messages.", load: "Load older messages", loading: "Loading older messages…" }}
          testId="load-older"
          className="mx-auto min-h-14 w-full max-w-3xl pt-3"
          end={<p className="text-xs text-zinc-400">Start of your conversation{participant ? ` with ${participant.name}` : ""}</p>}
        />
        <ol ref={listRef} aria-label="Messages" className="mx-auto flex w-full max-w-3xl flex-col">
          {days.map((day) => (
            <li key={day.key} className="relative">
              {/* Sticky within its own day only: the next day's label pushes it away. */}
              <div className="sticky top-2 z-10 mt-5 mb-1 flex justify-center" role="presentation">
                <span className="rounded-full bg-zinc-100/95 px-3 py-1 text-xs font-medium text-zinc-600 ring-1 ring-zinc-200/60 backdrop-blur">
                  <time dateTime={new Date(day.sentAt).toISOString().slice(0, 10)}>{formatDayLabel(day.sentAt, now)}</time>
                </span>
              </div>
              <ol aria-label={formatDayLabel(day.sentAt, now)} className="flex flex-col">
                {day.messages.map((message, i) => {
                  const before = day.messages[i - 1];
                  const after = day.messages[i + 1];
                  return (
                    <MessageItem
                      key={message.id}
                      message={message}
                      showName={message.fromMe === null || (message.fromMe === false && multiParty)}
                      groupStart={before === undefined || !sameGroup(before, message)}
                      groupEnd={after === undefined || !sameGroup(message, after)}
                    />
                  );
                })}
              </ol>
            </li>
          ))}
        </ol>
      </div>
    );
  }

  return (
    <section
      data-testid="thread-view"
      aria-label={participant ? `Conversation with ${participant.name}` : "Conversation"}
      className="relative flex min-h-0 flex-1 flex-col"
    >
      <ThreadHeader
        participant={participant}
        participants={threadParticipants}
        type={conversation?.type}
        listHref={listHref}
        loading={history.isPending}
        showDemoBadge={account?.isDemo === true && !isDesktop}
      />
      {/* Offline, the offline banner says it all; back online, the catch-up poll settles this one. */}
      {poll.isError && online && messages.length > 0 ? (
        <StaleBanner error={poll.error} onRetry={() => void poll.refetch()} retrying={poll.isFetching} />
      ) : null}
      <div
        ref={scrollerRef}
        onScroll={onScroll}
        aria-busy={history.isPending || isFetchingNextPage}
        className="relative min-h-0 flex-1 overflow-x-hidden overflow-y-auto overscroll-contain [overflow-anchor:none]"
      >
        {body}
      </div>
      {unseen > 0 ? (
        <div className="pointer-events-none absolute inset-x-0 bottom-5 flex justify-center">
          <button
            type="button"
            data-testid="new-messages-pill"
            onClick={() => scrollToBottom(true)}
            className="pointer-events-auto inline-flex min-h-11 animate-pill-in items-center gap-1.5 rounded-full bg-zinc-900 py-2 pr-4 pl-3 text-sm font-medium text-white shadow-lg shadow-zinc-900/20 hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500"
          >
            <ArrowDownIcon width={16} height={16} />
            {unseen === 1 ? "1 new message" : `${unseen} new messages`}
          </button>
        </div>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

function lastMessageElement(list: HTMLElement | null): HTMLElement | null {
  const lastDay = list?.lastElementChild;
  const inner = lastDay?.querySelector("ol");
  const last = inner?.lastElementChild;
  return last instanceof HTMLElement ? last : null;
}

/** An element's top within the scroller's content (independent of positioned ancestors). */
function offsetWithin(element: HTMLElement, scroller: HTMLElement): number {
  return element.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
}

function sameGroup(a: Message, b: Message): boolean {
  return sideOf(a) === sideOf(b) && a.sender.name === b.sender.name && b.sentAt - a.sentAt < GROUP_GAP_MS && a.type !== "invitation" && b.type !== "invitation";
}
