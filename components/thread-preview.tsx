"use client";

import { useMemo } from "react";
import type { Category } from "@/lib/contracts/api";
import { inboxHref } from "@/lib/client/routes";
import { useSearchQuery } from "@/lib/client/search-query";
import { showsSenderName, threadRows } from "@/lib/client/thread-rows";
import type { ThreadPreviewData } from "@/lib/client/thread-preview";
import { ComposerPlaceholder, ComposerUnavailable } from "./composer";
import { MessageItem } from "./message-item";
import { ThreadHeader } from "./thread-header";

/** One day for everything: days are the rep's local ones, which the server does not know. */
const ONE_DAY = () => "";

/**
 * A thread opened by its URL, as the server's HTML shows it and the browser hydrates it: its newest
 * messages, at the bottom of the screen with no script to scroll there, from the server's props
 * alone, so hydrating it matches the HTML whatever the app's caches hold by then. The live thread
 * (thread-view.tsx) takes its place right after hydration.
 */
export function ThreadPreview({ accountId, category, preview }: { accountId: string; category: Category; preview: ThreadPreviewData }) {
  const { query } = useSearchQuery();
  const { messages, participant, participants, type, multiParty, canReply, needsSubject, isDemo } = preview;
  const rows = useMemo(() => threadRows(messages.map((message) => ({ kind: "message" as const, message })), ONE_DAY).rows, [messages]);
  return (
    <section
      data-testid="thread-preview"
      aria-label={participant ? `Conversation with ${participant.name}` : "Conversation"}
      className="relative flex min-h-0 flex-1 flex-col"
    >
      <ThreadHeader participant={participant} participants={participants} type={type} listHref={inboxHref(accountId, category, query)} loading={false} showDemoBadge={isDemo} />
      {/* Aligned to the bottom and clipped at the top: the newest messages show with no script to scroll. */}
      <div className="flex min-h-0 flex-1 flex-col justify-end overflow-hidden">
        <ol aria-label="Messages" className="mx-auto w-full max-w-3xl pt-4 pb-4">
          {rows.map((row) =>
            row.kind === "item" ? (
              <li key={row.key} className="flex flex-col">
                <MessageItem message={row.item.message} showName={showsSenderName(row.item.message, multiParty)} groupStart={row.groupStart} groupEnd={row.groupEnd} />
              </li>
            ) : null,
          )}
        </ol>
      </div>
      {canReply ? <ComposerPlaceholder needsSubject={needsSubject} /> : <ComposerUnavailable />}
    </section>
  );
}
