/**
 * When each arriving message became visible: the moment it is in the query cache the UI renders,
 * the open thread's history for a message of the open thread, the inbox row's last message for
 * any other (a later message of the same conversation shows in its place, so it counts too).
 * Watches the QueryCache itself, so the time is exact on the session's clock.
 */
import type { QueryClient } from "@tanstack/react-query";
import { flattenConversations, type ConversationPages } from "@/lib/client/merge-inbox";
import { flattenMessages } from "@/lib/client/merge-messages";
import { type MessagePages } from "@/lib/client/message-pages";
import { queryKeys } from "@/lib/client/query-keys";

export type Tracked = { text: string; conversationId: string; inOpenThread: boolean; arrivedAt: number; sentAt: number; visibleAt: number | null };

export type ArrivalTracker = {
  arrived(message: Omit<Tracked, "visibleAt" | "inOpenThread">): void;
  tracked(): readonly Tracked[];
  stop(): void;
};

export function trackArrivals(client: QueryClient, accountId: string, openThreadId: string): ArrivalTracker {
  const all: Tracked[] = [];
  const threadKey = queryKeys.messages(accountId, openThreadId);
  const inboxKey = queryKeys.conversations(accountId, "INBOX");

  function look(): void {
    const pending = all.filter((message) => message.visibleAt === null);
    if (pending.length === 0) return;
    const threadTexts = new Set(flattenMessages(client.getQueryData<MessagePages>(threadKey)).map((message) => message.text));
    const rows = new Map(flattenConversations(client.getQueryData<ConversationPages>(inboxKey)).map((row) => [row.id, row.lastMessage?.sentAt ?? 0]));
    for (const message of pending) {
      const shown = message.inOpenThread ? threadTexts.has(message.text) : (rows.get(message.conversationId) ?? 0) >= message.sentAt;
      if (shown) message.visibleAt = Date.now();
    }
  }

  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.type === "updated" && event.action.type === "success") look();
  });

  return {
    arrived(message) {
      all.push({ ...message, inOpenThread: message.conversationId === openThreadId, visibleAt: null });
    },
    tracked: () => all,
    stop: unsubscribe,
  };
}

/**
 * Each open-thread message: how many times the thread shows it (the UI renders flattenMessages) and
 * how many copies the cached pages hold.
 */
export function threadCensus(client: QueryClient, accountId: string, openThreadId: string, texts: readonly string[]): Array<{ text: string; shown: number; held: number }> {
  const pages = client.getQueryData<MessagePages>(queryKeys.messages(accountId, openThreadId));
  const shown = flattenMessages(pages);
  const held = pages?.pages.flatMap((page) => page.messages) ?? [];
  return texts.map((text) => ({ text, shown: shown.filter((message) => message.text === text).length, held: held.filter((message) => message.text === text).length }));
}
