"use client";

import Link from "next/link";
import type { Route } from "next";
import { useEffect } from "react";
import type { Conversation, Participant } from "@/lib/contracts/api";
import { safeHttpUrl } from "@/lib/client/format";
import { keepOpenedFromListMark, wasOpenedFromList } from "@/lib/client/nav-memory";
import { useLeaveThread } from "@/lib/client/use-leave-thread";
import { Avatar } from "./avatar";
import { TypeMark } from "./conversation-row";
import { ChevronLeftIcon, ExternalLinkIcon, MarkUnreadIcon } from "./thread-icons";
import { DemoBadge } from "./top-bar";

export function ThreadHeader({
  participant,
  participants = [],
  type,
  listHref,
  loading,
  showDemoBadge,
  onMarkUnread,
}: {
  participant: Participant | null;
  /** Everyone in the thread, when the provider says; a group thread lists them under the title. */
  participants?: readonly Participant[];
  type: Conversation["type"] | undefined;
  listHref: Route;
  loading: boolean;
  /**
   * A demo account: the badge shows on phones only, where the app bar (and its badge) is hidden
   * while a thread is open. Decided by the screen's width in CSS, so the server's HTML has it too.
   */
  showDemoBadge: boolean;
  /** Marks the conversation unread for this rep and leaves it; absent until the thread has loaded. */
  onMarkUnread?: () => void;
}) {
  const leave = useLeaveThread(listHref);
  // After every render: the router makes the thread's history entry in the commit that first shows it.
  useEffect(keepOpenedFromListMark);
  const profileUrl = safeHttpUrl(participant?.profileUrl);

  return (
    <header className="flex h-14 shrink-0 items-center gap-1 border-b border-zinc-200/80 bg-surface/95 pr-2 pl-1 backdrop-blur lg:gap-3 lg:px-5">
      <Link
        href={listHref}
        scroll={false}
        data-testid="thread-back"
        aria-label="Back to conversations"
        onClick={(event) => {
          // Opened from the list in this tab: go back in history, so the list returns exactly as it was.
          if (wasOpenedFromList() && !event.metaKey && !event.ctrlKey && !event.shiftKey && event.button === 0) {
            event.preventDefault();
            leave();
          }
        }}
        className="inline-flex size-11 shrink-0 items-center justify-center rounded-full text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-accent-500 active:bg-zinc-200 lg:hidden"
      >
        <ChevronLeftIcon width={24} height={24} />
      </Link>
      {participant ? (
        <>
          <Avatar name={participant.name} pictureUrl={participant.pictureUrl} isOrganization={participant.isOrganization} size="sm" />
          <div className="ml-2 min-w-0 flex-1">
            {/* Focusable by script (not a Tab stop): where focus goes when a thread opens on a phone (thread-view.tsx). */}
            <h1 dir="auto" tabIndex={-1} className="truncate text-left text-[15px] leading-5 font-semibold text-zinc-900 focus:outline-none">
              {participant.name}
            </h1>
            {participants.length > 1 ? (
              <p dir="auto" data-testid="thread-participants" className="min-w-0 truncate text-xs text-zinc-500">
                {participants.map((p) => p.name).join(", ")}
              </p>
            ) : participant.headline || (type && type !== "normal") || showDemoBadge ? (
              <div className="flex min-w-0 items-center gap-1.5">
                {/* Under the name, not beside it: a badge there would squeeze the name on a phone. */}
                {showDemoBadge ? <DemoBadge compact className="lg:hidden" /> : null}
                {type ? <TypeMark type={type} /> : null}
                {participant.headline ? (
                  <p dir="auto" className="min-w-0 truncate text-xs text-zinc-500">
                    {participant.headline}
                  </p>
                ) : null}
              </div>
            ) : null}
          </div>
        </>
      ) : (
        <div className="ml-2 min-w-0 flex-1" aria-hidden={loading}>
          {loading ? (
            <div className="flex animate-shimmer items-center gap-2">
              <div className="size-8 rounded-full bg-zinc-200" />
              <div className="h-3.5 w-32 rounded bg-zinc-200" />
            </div>
          ) : (
            <h1 tabIndex={-1} className="truncate text-[15px] font-semibold text-zinc-900 focus:outline-none">
              Conversation
            </h1>
          )}
        </div>
      )}
      {showDemoBadge && participant === null ? <DemoBadge compact className="lg:hidden" /> : null}
      {onMarkUnread ? (
        <button
          type="button"
          data-testid="mark-unread"
          onClick={onMarkUnread}
          aria-label="Mark as unread"
          title="Mark as unread (in Threadline; LinkedIn is not told)"
          className="inline-flex size-11 shrink-0 items-center justify-center rounded-full text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-accent-500"
        >
          <MarkUnreadIcon width={20} height={20} />
        </button>
      ) : null}
      {profileUrl ? (
        <a
          href={profileUrl}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`Open ${participant?.name ?? "profile"} on LinkedIn`}
          title="Open on LinkedIn"
          className="inline-flex size-11 shrink-0 items-center justify-center rounded-full text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-accent-500"
        >
          <ExternalLinkIcon width={18} height={18} />
        </a>
      ) : null}
    </header>
  );
}
