/**
 * Query definitions. The rules (DESIGN.md, "Client data rules"):
 *  - Inbox and thread histories are infinite queries over cursors. They never poll and never
 *    refetch on focus/reconnect (that would re-download every loaded page).
 *  - Freshness comes from two small pollers that run only while the page is visible:
 *      · the inbox head: page 1 again, merged into the loaded inbox with mergeInboxFirstPage;
 *      · the thread `since` poller: since = newest sentAt in the cache *at call time* (not in the
 *        key), merged into the loaded history with mergeMessagesSince.
 *    Both write with setQueryData; a failing poll leaves the history (what is on screen) alone.
 */
import { infiniteQueryOptions, queryOptions, type Query, type QueryClient, type QueryKey } from "@tanstack/react-query";
import type { Category } from "@/lib/contracts/api";
import { accountsResponseSchema, conversationsPageSchema, messagesPageSchema } from "@/lib/contracts/api";
import { accountsUrl, conversationsUrl, messagesUrl } from "./api-urls";
import { ApiError } from "./errors";
import { fetchJson } from "./fetch-json";
import { mergeInboxFirstPage, type ConversationPages } from "./merge-inbox";
import { mergeMessagesSince, newestSentAt, type MessagePages } from "./merge-messages";
import { queryKeys } from "./query-keys";

/** How often the visible page checks for new messages / inbox changes. */
export const POLL_INTERVAL_MS = 4_000;
/** A poll right after the history itself loaded (or loaded more) would bring nothing new. */
const FRESH_HISTORY_MS = 2_000;

export function accountsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.accounts(),
    queryFn: ({ signal }) => fetchJson(accountsUrl(), accountsResponseSchema, signal),
    staleTime: 5 * 60_000,
  });
}

export function conversationsInfiniteOptions(accountId: string, category: Category) {
  return infiniteQueryOptions({
    queryKey: queryKeys.conversations(accountId, category),
    queryFn: ({ pageParam, signal }) =>
      fetchJson(conversationsUrl(accountId, { category, cursor: pageParam }), conversationsPageSchema, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // Never refetch every loaded page: the head poller keeps page 1 fresh.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function messagesInfiniteOptions(accountId: string, conversationId: string) {
  return infiniteQueryOptions({
    queryKey: queryKeys.messages(accountId, conversationId),
    queryFn: ({ pageParam, signal }) =>
      fetchJson(messagesUrl(accountId, conversationId, { cursor: pageParam }), messagesPageSchema, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // NO refetchInterval, ever: new messages come from the `since` poller.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** What a poll reports (small on purpose: the data itself lands in the history's cache). */
export type PollResult = { polledAt: number; received: number } | null;

/** Poll every few seconds while visible; back off as the server asks when rate limited. */
function pollInterval(query: Query<PollResult, Error, PollResult, QueryKey>): number {
  const error = query.state.error;
  if (error instanceof ApiError && error.retryAfter !== undefined) {
    return Math.max(POLL_INTERVAL_MS, error.retryAfter * 1000);
  }
  return POLL_INTERVAL_MS;
}

const pollerBehaviour = {
  refetchInterval: pollInterval,
  // Only while the page is visible (TanStack's focus = document visibility) …
  refetchIntervalInBackground: false,
  // … and catch up at once when it becomes visible again.
  refetchOnWindowFocus: true,
  refetchOnReconnect: true,
  staleTime: POLL_INTERVAL_MS - 1_000,
  retry: 1,
  retryDelay: 1_000,
  gcTime: 60_000,
} as const;

/**
 * Polls the inbox's first page and merges it into the loaded infinite inbox. Enable it only once
 * the inbox has loaded.
 */
export function conversationsHeadQueryOptions(accountId: string, category: Category) {
  const historyKey = queryKeys.conversations(accountId, category);
  return queryOptions({
    queryKey: queryKeys.conversationsHead(accountId, category),
    queryFn: async ({ signal, client }): Promise<PollResult> => {
      if (isHistoryJustLoaded(client, historyKey)) return null;
      const fresh = await fetchJson(conversationsUrl(accountId, { category }), conversationsPageSchema, signal);
      await waitForHistoryIdle(client, historyKey, signal);
      // An answer overtaken by a newer poll would reorder the list backwards: drop it.
      if (signal.aborted) return null;
      const before = client.getQueryData<ConversationPages>(historyKey);
      const merged = mergeInboxFirstPage(before, fresh);
      if (merged !== undefined && merged !== before) client.setQueryData<ConversationPages>(historyKey, merged);
      return { polledAt: Date.now(), received: fresh.conversations.length };
    },
    ...pollerBehaviour,
  });
}

/**
 * Polls a thread for messages newer than the newest one in the cache (read at call time) and
 * merges them into the loaded history. Enable it only once the history has loaded.
 */
export function messagesSinceQueryOptions(accountId: string, conversationId: string) {
  const historyKey = queryKeys.messages(accountId, conversationId);
  return queryOptions({
    queryKey: queryKeys.messagesSince(accountId, conversationId),
    queryFn: async ({ signal, client }): Promise<PollResult> => {
      const history = client.getQueryData<MessagePages>(historyKey);
      if (history === undefined || isHistoryJustLoaded(client, historyKey)) return null;
      // `since` is inclusive, so the newest message comes back every time: the merge dedupes it.
      const since = newestSentAt(history) ?? 0;
      const delta = await fetchJson(messagesUrl(accountId, conversationId, { since }), messagesPageSchema, signal);
      if (delta.meta?.truncated) {
        // More arrived than one `since` answer holds: a merge would leave a hidden gap, so the
        // thread reloads from its newest page instead.
        await client.resetQueries({ queryKey: historyKey, exact: true });
        return { polledAt: Date.now(), received: delta.messages.length };
      }
      await waitForHistoryIdle(client, historyKey, signal);
      // Out-of-order answers are harmless here (dedupe by id, deterministic order), so merge
      // even an overtaken one: nothing it carries is lost.
      const before = client.getQueryData<MessagePages>(historyKey);
      const merged = mergeMessagesSince(before, delta.messages);
      if (merged !== undefined && merged !== before) client.setQueryData<MessagePages>(historyKey, merged);
      return { polledAt: Date.now(), received: delta.messages.length };
    },
    ...pollerBehaviour,
  });
}

function isHistoryJustLoaded(client: QueryClient, historyKey: QueryKey): boolean {
  const state = client.getQueryState(historyKey);
  return state !== undefined && state.dataUpdateCount <= 1 && Date.now() - state.dataUpdatedAt < FRESH_HISTORY_MS;
}

/**
 * fetchNextPage builds its result from the pages as they were when it started, so a merge
 * written while it is in flight would be overwritten. Merge only once the history is idle.
 */
async function waitForHistoryIdle(client: QueryClient, historyKey: QueryKey, signal: AbortSignal): Promise<void> {
  for (let attempt = 0; attempt < 20 && !signal.aborted; attempt++) {
    const query = client.getQueryCache().find({ queryKey: historyKey, exact: true });
    const inFlight = query?.state.fetchStatus === "fetching" ? query.promise : undefined;
    if (inFlight === undefined) return;
    await inFlight.then(
      () => undefined,
      () => undefined,
    );
  }
}
