"use client";

import { memo, useState, type ReactNode } from "react";
import type { Message } from "@/lib/contracts/api";
import { formatFullTimestamp, loadableImageUrl, safeHttpUrl } from "@/lib/client/format";
import { formatClockTime } from "@/lib/client/thread-times";
import { linkify } from "@/lib/client/linkify";
import { sideOf, type Side } from "@/lib/client/thread-rows";
import { useHydrated } from "@/lib/client/use-hydrated";
import { UserPlusIcon } from "./icons";
import { PaperclipIcon, ShareIcon } from "./thread-icons";

/** Text with http(s) links made clickable (opened in a new tab, no referrer/opener). */
export function LinkifiedText({ text, tone }: { text: string; tone: "onAccent" | "default" }) {
  const tokens = linkify(text);
  return (
    <>
      {tokens.map((token, i) =>
        token.kind === "link" ? (
          <a
            key={i}
            href={token.href}
            target="_blank"
            rel="noopener noreferrer"
            dir="ltr"
            // A word in a sentence: exempt from the 44 px tap-target rule (WCAG 2.5.8 "inline").
            data-inline-link=""
            // Isolated: a control character in the text around it cannot reorder how it reads.
            className={`[unicode-bidi:isolate] underline decoration-1 underline-offset-2 ${
              tone === "onAccent" ? "text-white decoration-white/60 hover:decoration-white" : "text-accent-700 decoration-accent-300 hover:decoration-accent-700"
            }`}
          >
            {token.text}
          </a>
        ) : (
          <span key={i}>{token.text}</span>
        ),
      )}
    </>
  );
}

function fileName(url: string): string {
  try {
    const path = new URL(url).pathname;
    const last = decodeURIComponent(path.split("/").filter(Boolean).pop() ?? "");
    return last || new URL(url).hostname;
  } catch {
    return url;
  }
}

function isImage(type: string, url: string): boolean {
  return /image|photo|gif|sticker/i.test(type) || /\.(png|jpe?g|gif|webp|avif)(\?|$)/i.test(url);
}

function ImageAttachment({ url }: { url: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <FileAttachment url={url} type="image" />;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="block overflow-hidden rounded-xl border border-zinc-200 bg-zinc-100">
      {/* From LinkedIn's media hosts only (see Attachments); a fixed box, so the thread never jumps. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={url}
        alt="Image attachment"
        loading="lazy"
        decoding="async"
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
        className="h-44 w-64 max-w-full object-cover"
      />
    </a>
  );
}

function FileAttachment({ url, type }: { url: string; type: string }) {
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      className="flex min-h-11 max-w-full min-w-0 items-center gap-2 rounded-xl border border-zinc-200 bg-surface px-3 py-2 text-sm text-zinc-700 hover:border-zinc-300 hover:bg-zinc-50"
    >
      <PaperclipIcon width={16} height={16} className="shrink-0 text-zinc-500" />
      <span className="min-w-0 truncate">{fileName(url)}</span>
      <span className="shrink-0 text-xs text-zinc-500 uppercase">{type}</span>
    </a>
  );
}

function Attachments({ message, side }: { message: Message; side: Side }) {
  const items = message.attachments
    .map((a) => ({ ...a, href: safeHttpUrl(a.url) }))
    .filter((a): a is { type: string; url: string; href: string } => a.href !== undefined);
  if (items.length === 0) return null;
  return (
    <ul role="list" aria-label="Attachments" className={`mt-1 flex max-w-full flex-col gap-1 ${side === "mine" ? "items-end" : "items-start"}`}>
      {items.map((a, i) => (
        <li key={`${a.href}-${i}`} className="max-w-full">
          {isImage(a.type, a.href) && loadableImageUrl(a.href) ? <ImageAttachment url={a.href} /> : <FileAttachment url={a.href} type={a.type} />}
        </li>
      ))}
    </ul>
  );
}

function Reactions({ message, side }: { message: Message; side: Side }) {
  if (message.reactions.length === 0) return null;
  return (
    <ul role="list" aria-label="Reactions" className={`-mt-1 flex flex-wrap gap-1 px-1 ${side === "mine" ? "justify-end" : "justify-start"}`}>
      {message.reactions.map((r) => (
        <li
          key={r.emoji}
          title={r.viewerReacted ? "You reacted" : undefined}
          className={`inline-flex h-6 items-center gap-1 rounded-full border bg-surface px-1.5 text-xs shadow-sm ${
            r.viewerReacted ? "border-accent-300 bg-accent-50 text-accent-800" : "border-zinc-200 text-zinc-700"
          }`}
        >
          <span aria-hidden="true">{r.emoji}</span>
          <span className="tabular-nums">{r.count}</span>
          <span className="sr-only">
            {` ${r.emoji} reaction${r.count === 1 ? "" : "s"}${r.viewerReacted ? ", including yours" : ""}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** In the rep's time zone, which the server does not know: its HTML (and the hydrating browser) leave the line blank. */
function Timestamp({ sentAt, className = "" }: { sentAt: number; className?: string }) {
  const hydrated = useHydrated();
  return (
    <time
      dateTime={new Date(sentAt).toISOString()}
      title={hydrated ? formatFullTimestamp(sentAt) : undefined}
      className={`text-xs text-zinc-500 tabular-nums ${className}`}
    >
      {hydrated ? formatClockTime(sentAt) : "\u00a0"}
    </time>
  );
}

/**
 * One message. Mine on the right (accent), theirs on the left (grey); fromMe null is shown on the
 * left with the sender's name, since we cannot tell who wrote it. Invitations, shared posts and
 * system notices have their own look. A reply still on its way has its send status (`sending`,
 * with `footer` in place of the time).
 */
export const MessageItem = memo(function MessageItem({
  message,
  showName,
  groupStart,
  groupEnd,
  sending,
}: {
  message: Message;
  /** Show the sender's name above the bubble (unknown authorship, or several people). */
  showName: boolean;
  groupStart: boolean;
  groupEnd: boolean;
  sending?: { state: string; settled: boolean; footer: ReactNode };
}) {
  const side = sideOf(message);
  // Space after a group, not before one: a page of older messages landing above a message never changes its own spacing.
  const spacing = groupEnd ? "mb-3" : "mb-0.5";

  if (message.type === "system") {
    return (
      <div data-testid="message" data-message-id={message.id} data-message-type={message.type} className="my-3 flex justify-center px-6">
        <p className="max-w-md text-center text-xs leading-relaxed text-zinc-500 [overflow-wrap:anywhere]">
          <LinkifiedText text={message.text} tone="default" /> · <Timestamp sentAt={message.sentAt} />
        </p>
      </div>
    );
  }

  if (message.type === "invitation") {
    return (
      <div data-testid="message" data-message-id={message.id} data-message-type={message.type} className="my-4 flex justify-center px-3">
        <div className="w-full max-w-md rounded-2xl border border-accent-200 bg-accent-50/70 p-4 text-center">
          <span className="mx-auto mb-2 inline-flex size-9 items-center justify-center rounded-full bg-surface text-accent-600 shadow-sm ring-1 ring-accent-100">
            <UserPlusIcon width={18} height={18} />
          </span>
          <p className="text-xs font-semibold tracking-wide text-accent-700 uppercase">
            {message.fromMe === true ? "You sent an invitation" : `Invitation from ${message.sender.name}`}
          </p>
          {message.text ? (
            <p dir="auto" className="mt-2 text-sm leading-relaxed whitespace-pre-wrap text-zinc-800 [overflow-wrap:anywhere]">
              <LinkifiedText text={message.text} tone="default" />
            </p>
          ) : null}
          <Timestamp sentAt={message.sentAt} className="mt-2 block" />
        </div>
      </div>
    );
  }

  const mine = side === "mine";
  const bubbleShape = mine
    ? `rounded-2xl ${groupEnd ? "rounded-br-md" : ""}`
    : `rounded-2xl ${groupEnd ? "rounded-bl-md" : ""}`;

  const isSharedPost = message.type === "shared_post";
  const unsupported = message.type === "other" && message.text.trim() === "" && message.attachments.length === 0;

  return (
    <div
      data-testid="message"
      data-message-id={message.id}
      data-message-type={message.type}
      data-side={side}
      data-send-state={sending?.state}
      className={`flex flex-col px-3 sm:px-5 ${spacing} ${mine ? "items-end" : "items-start"}`}
    >
      {showName && groupStart ? (
        <span className="mb-1 px-3 text-xs font-medium text-zinc-500">{message.sender.name}</span>
      ) : (
        // Who wrote it, which the bubble's side and colour say only to the eye.
        <span className="sr-only">{mine ? "You" : message.sender.name}:</span>
      )}
      <div className={`flex max-w-[85%] min-w-0 flex-col gap-1 sm:max-w-[75%] ${mine ? "items-end" : "items-start"}`}>
        {message.subject ? (
          <p data-testid="message-subject" dir="auto" className="px-1 text-sm font-semibold text-zinc-800 [overflow-wrap:anywhere]">
            {message.subject}
          </p>
        ) : null}
        {isSharedPost ? (
          <div className={`w-72 max-w-full overflow-hidden border ${bubbleShape} ${mine ? "border-accent-200 bg-surface" : "border-zinc-200 bg-surface"}`}>
            <div className="flex items-center gap-2 border-b border-zinc-100 bg-zinc-50 px-3 py-2 text-xs font-semibold text-zinc-600">
              <ShareIcon width={14} height={14} />
              {mine ? "You shared a post" : `${message.sender.name} shared a post`}
            </div>
            {message.text ? (
              <p dir="auto" className="line-clamp-6 px-3 py-2.5 text-sm leading-relaxed whitespace-pre-wrap text-zinc-800 [overflow-wrap:anywhere]">
                <LinkifiedText text={message.text} tone="default" />
              </p>
            ) : null}
          </div>
        ) : message.text !== "" || unsupported ? (
          <div
            dir="auto"
            // Whole-pixel lines (21 px): a thread's rows sit on the same pixels in its first HTML (thread-preview.tsx) as in the live list.
            className={`px-3.5 py-2 text-[15px] leading-[1.4] whitespace-pre-wrap [overflow-wrap:anywhere] ${bubbleShape} ${
              mine ? "bg-accent-600 text-white" : "bg-surface text-zinc-900 ring-1 ring-zinc-200/80"
            } ${unsupported ? "italic opacity-70" : ""} ${sending && !sending.settled ? "opacity-75" : ""}`}
          >
            {unsupported ? "This message type isn't supported yet. Open LinkedIn to see it." : <LinkifiedText text={message.text} tone={mine ? "onAccent" : "default"} />}
          </div>
        ) : null}
        <Attachments message={message} side={side} />
        <Reactions message={message} side={side} />
      </div>
      {sending ? sending.footer : groupEnd ? <Timestamp sentAt={message.sentAt} className="mt-1 px-1" /> : null}
    </div>
  );
});
