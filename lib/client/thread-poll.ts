/**
 * The open thread's `since` poller (the rules are in queries.ts): asked by the inbox head or a
 * webhook when the thread has news, else only a slow safety check of its own, skipped while the
 * head vouches for the thread. Its own module, with the merge of new messages: only a thread needs it.
 */
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { CATEGORIES } from "@/lib/contracts/categories";
import { messagesUrl } from "./api-urls";
import { fetchJson } from "./fetch-json";
import { flattenConversations, type ConversationPages } from "./merge-inbox";
import { mergeMessagesSince } from "./merge-messages";
import { newestSentAt, type MessagePages } from "./message-pages";
import { SAFETY_MS } from "./poll-pace";
import { askedNews, errorsSoFar, isHistoryJustLoaded, isPageVisible, pollerBehaviour, threadInterval, waitForHistoryIdle, writePages, type PollResult } from "./queries";
import { queryKeys } from "./query-keys";

/**
 * Polls a thread for messages newer than the newest one in the cache (read at call time) and
 * merges them into the loaded history. Enable it only once the history has loaded.
 */
export function messagesSinceQueryOptions(accountId: string, conversationId: string, watch: ThreadWatch = { pushed: false, rowShowsNews: false }) {
  const historyKey = queryKeys.messages(accountId, conversationId);
  return queryOptions({
    queryKey: queryKeys.messagesSince(accountId, conversationId),
    queryFn: async ({ signal, client, queryKey }): Promise<PollResult> => {
      const errorsBefore = errorsSoFar(client, queryKey);
      const history = client.getQueryData<MessagePages>(historyKey);
      const lastRead = client.getQueryData<PollResult>(queryKey)?.checkedAt ?? null;
      const skipped = { polledAt: null, received: 0, errorsBefore, newestAt: null, checkedAt: lastRead };
      const poller = client.getQueryCache().find({ queryKey, exact: true });
      const askedAbout = poller === undefined ? undefined : askedNews.get(poller);
      // The news counts as read once a read succeeds, and only the news this run knew of.
      const newsRead = () => {
        if (poller !== undefined && askedNews.get(poller) === askedAbout) askedNews.delete(poller);
      };
      // Its first run, on mounting with a history that just loaded, would only repeat that read. Any
      // later ask is for news (a sent reply, a moved row) and must reach the provider however soon.
      const isFirstRun = (client.getQueryState(queryKey)?.dataUpdateCount ?? 0) === 0;
      if (history === undefined || (isFirstRun && isHistoryJustLoaded(client, historyKey))) return skipped;
      // `since` is inclusive, so the newest message comes back every time: the merge dedupes it.
      const since = newestSentAt(history) ?? 0;
      // The safety check has nothing to find while the inbox head vouches for the thread; an ask
      // for news it has not read is never answered so, nor is a thread left unread for long.
      const readAt = lastRead ?? client.getQueryState(historyKey)?.dataUpdatedAt ?? 0;
      const mayVouch = !watch.pushed && watch.rowShowsNews && (askedAbout === undefined || askedAbout <= since) && Date.now() - readAt < SAFETY_MS.vouched;
      // Coming back to the tab or online, every poller is asked in one go: a tick later, a head
      // asked with this one is asking too (and vouches, see headVouchesFor).
      if (mayVouch) await Promise.resolve();
      if (mayVouch && headVouchesFor(client, accountId, conversationId, since)) return skipped;
      const delta = await fetchJson(messagesUrl(accountId, conversationId, { since }), "messagesPage", signal);
      if (delta.meta?.truncated) {
        // More arrived than one `since` answer holds: a merge would leave a hidden gap, so the
        // thread reloads from its newest page instead.
        await client.resetQueries({ queryKey: historyKey, exact: true });
        newsRead();
        return { polledAt: Date.now(), received: delta.messages.length, errorsBefore, newestAt: null, checkedAt: null };
      }
      await waitForHistoryIdle(client, historyKey, signal);
      // Out-of-order answers are harmless here (dedupe by id, deterministic order), so merge
      // even an overtaken one: nothing it carries is lost.
      const before = client.getQueryData<MessagePages>(historyKey);
      const merged = mergeMessagesSince(before, delta.messages);
      if (merged !== undefined && merged !== before) writePages(client, historyKey, merged);
      const polledAt = Date.now();
      newsRead();
      return { polledAt, received: delta.messages.length, errorsBefore, newestAt: newestSentAt(merged), checkedAt: polledAt };
    },
    refetchInterval: threadInterval(watch.pushed),
    // Coming back to the tab or online, it catches up at once, as the inbox head does: the run is
    // skipped (no request) where a head vouches for it, and asked by the head if its row moved. A
    // pushed account's thread is asked by the changes poller instead.
    refetchOnWindowFocus: !watch.pushed,
    refetchOnReconnect: watch.pushed ? false : isPageVisible,
    ...pollerBehaviour,
  });
}

/**
 * How an open thread learns of news. `pushed`: the account's webhooks announce it (the changes
 * poller). `rowShowsNews`: the provider's inbox row carries the conversation's newest message, so
 * the inbox head sees a new one (Linked API's rows are the rep's people: they cannot say).
 */
export type ThreadWatch = { pushed: boolean; rowShowsNews: boolean };

/**
 * Whether an inbox head of the account that is polling and healthy answered lately (or is asking
 * now) with this conversation, its row no newer than the thread's newest message: a new message would have moved
 * the row (the head then asks the thread at once), so the provider has nothing new to tell the
 * thread. A row newer than the thread anywhere (a loaded list, which a head merges into before it
 * asks the thread; or any head's answer) is news: nothing vouches then.
 */
function headVouchesFor(client: QueryClient, accountId: string, conversationId: string, threadNewest: number): boolean {
  for (const [, pages] of client.getQueriesData<ConversationPages>({ queryKey: queryKeys.conversationLists(accountId) })) {
    const row = flattenConversations(pages).find((conversation) => conversation.id === conversationId);
    if (row?.lastMessage != null && row.lastMessage.sentAt > threadNewest) return false;
  }
  const now = Date.now();
  let vouched = false;
  for (const category of CATEGORIES) {
    const head = client.getQueryCache().find<PollResult>({ queryKey: queryKeys.conversationsHead(accountId, category), exact: true });
    const answer = head?.state.data;
    const sentAt = answer?.rowSentAt?.[conversationId];
    if (head === undefined || answer?.polledAt == null || sentAt === undefined) continue;
    if (sentAt > threadNewest) return false;
    // Answered lately, or asking right now (its answer asks the thread if the row moved).
    const lately = now - answer.polledAt <= SAFETY_MS.thread || head.state.fetchStatus === "fetching";
    if (head.isActive() && head.state.status === "success" && lately) vouched = true;
  }
  return vouched;
}
