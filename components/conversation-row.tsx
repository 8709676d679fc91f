"use client";

import Link from "next/link";
import { memo, useEffect, useRef, useState } from "react";
import type { Route } from "next";
import type { Conversation } from "@/lib/contracts/api";
import { formatCompactTime, formatFullTimestamp } from "@/lib/client/format";
import { useHydrated } from "@/lib/client/use-hydrated";
import { Avatar } from "./avatar";
import { MoreIcon } from "./icons";

export function TypeMark({ type }: { type: Conversation["type"] }) {
  if (type === "inmail") {
    return (
      <span className="shrink-0 rounded bg-sky-50 px-1.5 text-xs leading-4 font-semibold tracking-wide text-sky-700 uppercase ring-1 ring-sky-200/70 ring-inset">
        InMail
      </span>
    );
  }
  if (type === "sponsored") {
    return (
      <span className="shrink-0 rounded bg-zinc-100 px-1.5 text-xs leading-4 font-semibold tracking-wide text-zinc-600 uppercase ring-1 ring-zinc-200 ring-inset">
        Sponsored
      </span>
    );
  }
  return null;
}

/** How long a mouse rests on a row, or keyboard focus stays on it, before its thread starts loading. */
const HOVER_INTENT_MS = 120;
const TOUCH_INTENT_MS = 50;
const TOUCH_SLOP_PX = 8;
const FOCUS_INTENT_MS = 350;

function previewText(conversation: Conversation): string {
  const last = conversation.lastMessage;
  if (last === null) return "No messages yet";
  const text = last.text.replace(/\s+/g, " ").trim() || "Attachment";
  return last.fromMe === true ? `You: ${text}` : text;
}

export const ConversationRow = memo(function ConversationRow({
  conversation,
  href,
  selected,
  now,
  onOpen,
  onActions,
  onIntent,
}: {
  conversation: Conversation;
  href: Route;
  selected: boolean;
  now: number;
  /** Opened by a click or tap: the row's href. */
  onOpen: (href: Route) => void;
  /** Opens the row's actions (mark read or unread): a sheet on phones, where there is no Shift+U. */
  onActions: (conversation: Conversation) => void;
  /** The rep is about to open it (pressed, or rested on it): start loading the thread now. */
  onIntent: (conversationId: string) => void;
}) {
  const { participant, lastMessage, unreadCount } = conversation;
  const unread = unreadCount > 0;
  // The server renders rows too (the first page comes with the HTML), in its own time zone and at
  // its own moment: times are written by the browser, once it has taken the page over.
  const hydrated = useHydrated();
  // A pointer passing over rows, or j/k passing through them, is not intent: only a rest is. A mouse
  // press is (the click follows ~100 ms later); a finger held still is too, but a finger that starts a
  // scroll is not (the browser cancels its pointer). Each early start is a provider call: no blanket prefetch.
  const dwell = useRef<number | undefined>(undefined);
  const pressedAt = useRef<{ x: number; y: number } | null>(null);
  // Intent also prefetches the whole route (Next's hover-prefetch pattern: `prefetch` on once the
  // rep means it), so the tap needs no round trip to the server: not every row on load.
  const [intended, setIntended] = useState(false);
  const intend = () => {
    setIntended(true);
    onIntent(conversation.id);
  };
  const restThen = (delayMs: number) => {
    window.clearTimeout(dwell.current);
    dwell.current = window.setTimeout(intend, delayMs);
  };
  const cancelRest = () => {
    window.clearTimeout(dwell.current);
    pressedAt.current = null;
  };
  // A row filtered away (search) or unmounted mid-rest starts nothing.
  useEffect(() => () => window.clearTimeout(dwell.current), []);
  // The list item around the row is the list's: it places and measures it (see InboxList).
  return (
    <>
      <Link
        href={href}
        scroll={false}
        prefetch={intended}
        onClick={() => {
          // Opened with no intent first (a key, a quick tap): the messages come with the route, not after it.
          onIntent(conversation.id);
          onOpen(href);
        }}
        onPointerDown={(event) => {
          if (event.pointerType !== "mouse") {
            pressedAt.current = { x: event.clientX, y: event.clientY };
            return restThen(TOUCH_INTENT_MS);
          }
          cancelRest();
          // The main button only: a right or middle click opens a menu or a tab, not this thread here.
          if (event.button === 0) intend();
        }}
        onPointerMove={(event) => {
          // A finger that moves is scrolling, even before the browser says so.
          const start = pressedAt.current;
          if (start && Math.hypot(event.clientX - start.x, event.clientY - start.y) > TOUCH_SLOP_PX) cancelRest();
        }}
        onPointerCancel={cancelRest}
        onPointerEnter={(event) => {
          if (event.pointerType === "mouse") restThen(HOVER_INTENT_MS);
        }}
        onPointerLeave={cancelRest}
        onFocus={() => restThen(FOCUS_INTENT_MS)}
        onBlur={cancelRest}
        data-testid="conversation-row"
        data-conversation-id={conversation.id}
        data-unread={unread ? "true" : undefined}
        aria-current={selected ? "page" : undefined}
        className={`group relative flex min-h-[76px] gap-3 px-4 py-3 outline-none transition-colors focus-visible:bg-accent-50 focus-visible:ring-2 focus-visible:ring-accent-500 focus-visible:ring-inset ${
          selected ? "bg-accent-50/80" : "hover:bg-zinc-50 active:bg-zinc-100"
        }`}
      >
        {selected ? <span className="absolute inset-y-0 left-0 w-0.5 bg-accent-600" aria-hidden="true" /> : null}
        <Avatar name={participant.name} pictureUrl={participant.pictureUrl} isOrganization={participant.isOrganization} />
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <span dir="auto" data-testid="conversation-name" className={`min-w-0 truncate text-[15px] ${unread ? "font-semibold text-zinc-950" : "font-medium text-zinc-900"}`}>
              {participant.name}
            </span>
            {lastMessage ? (
              <time
                dateTime={new Date(lastMessage.sentAt).toISOString()}
                title={hydrated ? formatFullTimestamp(lastMessage.sentAt) : undefined}
                className={`ml-auto shrink-0 pl-1 text-xs tabular-nums ${unread ? "font-semibold text-accent-700" : "text-zinc-500"}`}
              >
                {hydrated ? formatCompactTime(lastMessage.sentAt, now) : null}
              </time>
            ) : null}
          </div>
          {/* The mark under the name, not beside it: there it squeezed "Company 22" to "Company …" on a phone. */}
          {participant.headline || conversation.type !== "normal" ? (
            <p className="truncate text-[13px] leading-5 text-zinc-500">
              <TypeMark type={conversation.type} /> <span dir="auto">{participant.headline}</span>
            </p>
          ) : null}
          <div className="mt-0.5 mr-8 flex items-center gap-2">
            <p dir="auto" data-testid="conversation-preview" className={`min-w-0 flex-1 truncate text-sm ${unread ? "font-medium text-zinc-900" : "text-zinc-600"}`}>
              {previewText(conversation)}
            </p>
            {unread ? (
              <span
                data-testid="unread-badge"
                className="inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-accent-600 px-1.5 text-xs font-semibold text-white tabular-nums"
              >
                {unreadCount > 99 ? "99+" : unreadCount}
                <span className="sr-only"> unread</span>
              </span>
            ) : null}
          </div>
        </div>
      </Link>
      <button
        type="button"
        data-testid="row-actions"
        aria-label={`More for ${participant.name}`}
        aria-haspopup="dialog"
        onClick={() => onActions(conversation)}
        className="absolute right-1 bottom-1 inline-flex size-11 items-center justify-center rounded-full text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-offset-[-4px] focus-visible:outline-accent-500 active:bg-zinc-200 mouse:lg:opacity-0 lg:group-hover/row:opacity-100"
      >
        <MoreIcon width={18} height={18} />
      </button>
    </>
  );
});
