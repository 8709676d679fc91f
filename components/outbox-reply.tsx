"use client";

import { useEffect, useState } from "react";
import type { Message } from "@/lib/contracts/api";
import { isNotSent, notSentReason, statusLabel, UNCONFIRMED_PATIENCE_MS, type OutboxEntry } from "@/lib/client/outbox-entry";
import { AlertIcon } from "./icons";
import { MessageItem } from "./message-item";
import { RetryButton } from "./states";

/** The current time, taken again when `at` comes (once), so a label that depends on it changes then. */
function useTimeAt(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = window.setTimeout(() => setNow(Date.now()), Math.max(0, at - Date.now()));
    return () => window.clearTimeout(timer);
  }, [at]);
  return now;
}

/**
 * A reply the thread does not show yet: its bubble, and under it how its send stands. Not sent
 * (refused, or unconfirmed for too long): why, with Retry (the same clientId again) and Delete
 * (forgets it; its words go back into the composer).
 */
export function OutboxReply({
  entry,
  message,
  groupStart,
  groupEnd,
  online,
  onRetry,
  onDelete,
}: {
  entry: OutboxEntry;
  message: Message;
  groupStart: boolean;
  groupEnd: boolean;
  online: boolean;
  onRetry: (entry: OutboxEntry) => void;
  onDelete: (entry: OutboxEntry) => void;
}) {
  const now = useTimeAt(entry.state === "unconfirmed" ? entry.stateSince + UNCONFIRMED_PATIENCE_MS : null);
  const notSent = isNotSent(entry, now);
  const footer = (
    <div className="mt-1 flex max-w-[85%] flex-col items-end px-1 text-right sm:max-w-[75%]">
      <p
        role="status"
        data-testid="send-status"
        className={`inline-flex items-center gap-1 text-xs ${notSent ? "font-medium text-red-700" : "text-zinc-500"}`}
      >
        {notSent ? <AlertIcon width={14} height={14} className="shrink-0" /> : null}
        {statusLabel(entry, now, online)}
      </p>
      {notSent ? (
        <>
          <p data-testid="send-problem" className="mt-0.5 text-xs leading-snug text-pretty text-zinc-600">
            {notSentReason(entry)}
          </p>
          <div className="mt-0.5 flex items-center gap-1">
            <RetryButton onRetry={() => onRetry(entry)} compact />
            <button
              type="button"
              data-testid="delete-reply"
              onClick={() => onDelete(entry)}
              className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-medium text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500"
            >
              Delete
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
  return (
    <MessageItem
      message={message}
      showName={false}
      groupStart={groupStart}
      groupEnd={groupEnd}
      sending={{ state: notSent ? "not-sent" : entry.state, settled: entry.state === "sent", footer }}
    />
  );
}
