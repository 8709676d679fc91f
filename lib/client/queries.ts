/**
 * Query definitions. The rules (DESIGN.md, "Client data rules"):
 *  - Inbox and thread histories are infinite queries over cursors. They never poll and never
 *    refetch on focus/reconnect (that would re-download every loaded page).
 *  - Freshness comes from two small pollers that run only while the page is visible:
 *      · the inbox head: page 1 again, merged into the loaded inbox with mergeInboxFirstPage;
 *      · the thread `since` poller: since = newest sentAt in the cache *at call time* (not in the
 *        key), merged into the loaded history with mergeMessagesSince.
 *    Both write with setQueryData; a failing poll leaves the history (what is on screen) alone.
 *  - While polls fail they back off (poll-backoff.ts). Offline, nothing is fetched: TanStack's
 *    onlineManager pauses every query (networkMode "online"), and on reconnect each poller
 *    catches up once, while the histories (staleTime Infinity, no refetchOnReconnect) stay put.
 */
import { infiniteQueryOptions, queryOptions, type Query, type QueryClient, type QueryKey } from "@tanstack/react-query";
import type { Category } from "@/lib/contracts/api";
import { accountsResponseSchema, conversationsPageSchema, messagesPageSchema } from "@/lib/contracts/api";
import { accountsUrl, conversationsUrl, messagesUrl } from "./api-urls";
import { retryUnreachedRequest } from "./errors";
import { fetchJson } from "./fetch-json";
import { mergeInboxFirstPage, type ConversationPages } from "./merge-inbox";
import { mergeMessagesSince, newestSentAt, type MessagePages } from "./merge-messages";
import { failuresInARow, POLL_INTERVAL_MS, pollDelayMs } from "./poll-backoff";
import { queryKeys } from "./query-keys";

/** A poll right after the history itself loaded (or loaded more) would bring nothing new. */
const FRESH_HISTORY_MS = 2_000;

export function accountsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.accounts(),
    queryFn: ({ signal }) => fetchJson(accountsUrl(), accountsResponseSchema, signal),
    staleTime: 5 * 60_000,
  });
}

/** A loaded history is never refetched by itself: that would re-download every loaded page. */
const historyBehaviour = {
  staleTime: Infinity,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
} as const;

export function conversationsInfiniteOptions(accountId: string, category: Category) {
  return infiniteQueryOptions({
    queryKey: queryKeys.conversations(accountId, category),
    queryFn: ({ pageParam, signal }) =>
      fetchJson(conversationsUrl(accountId, { category, cursor: pageParam }), conversationsPageSchema, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // Never refetch every loaded page: the head poller keeps page 1 fresh.
    ...historyBehaviour,
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
    ...historyBehaviour,
  });
}

/** What a poll reports (small on purpose: the data itself lands in the history's cache). */
export type PollResult = {
  /** When the poll answered; null when it was skipped because the history itself had just loaded. */
  polledAt: number | null;
  received: number;
  /** The poller's failed-fetch total when this poll started (see failuresInARow). */
  errorsBefore: number;
};

/** Every few seconds while polls succeed; backing off while they fail (poll-backoff.ts). */
function pollInterval(query: Query<PollResult, Error, PollResult, QueryKey>): number {
  const { state } = query;
  return pollDelayMs(failuresInARow(state), state.error, state.errorUpdatedAt);
}

const pollerBehaviour = {
  refetchInterval: pollInterval,
  // Only while the page is visible (TanStack's focus = document visibility) …
  refetchIntervalInBackground: false,
  // … and catch up at once when it becomes visible again, or comes back online.
  refetchOnWindowFocus: true,
  refetchOnReconnect: true,
  staleTime: POLL_INTERVAL_MS - 1_000,
  // A failed poll is retried by the next (backed-off) poll. A request that never reached our
  // server is retried: when the browser has just gone offline, that retry waits (paused) for the
  // network and becomes the catch-up poll.
  retry: retryUnreachedRequest,
  retryDelay: 1_000,
  gcTime: 60_000,
} as const;

/** The poller's failed-fetch total right now (recorded by each poll, for the backoff). */
function errorsSoFar(client: QueryClient, pollerKey: QueryKey): number {
  return client.getQueryState(pollerKey)?.errorUpdateCount ?? 0;
}

/**
 * Polls the inbox's first page and merges it into the loaded infinite inbox. Enable it only once
 * the inbox has loaded.
 */
export function conversationsHeadQueryOptions(accountId: string, category: Category) {
  const historyKey = queryKeys.conversations(accountId, category);
  return queryOptions({
    queryKey: queryKeys.conversationsHead(accountId, category),
    queryFn: async ({ signal, client, queryKey }): Promise<PollResult> => {
      const errorsBefore = errorsSoFar(client, queryKey);
      if (isHistoryJustLoaded(client, historyKey)) return { polledAt: null, received: 0, errorsBefore };
      const fresh = await fetchJson(conversationsUrl(accountId, { category }), conversationsPageSchema, signal);
      await waitForHistoryIdle(client, historyKey, signal);
      // An answer overtaken by a newer poll would reorder the list backwards: drop it.
      if (signal.aborted) return { polledAt: null, received: 0, errorsBefore };
      const before = client.getQueryData<ConversationPages>(historyKey);
      const merged = mergeInboxFirstPage(before, fresh);
      if (merged !== undefined && merged !== before) client.setQueryData<ConversationPages>(historyKey, merged);
      return { polledAt: Date.now(), received: fresh.conversations.length, errorsBefore };
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
    queryFn: async ({ signal, client, queryKey }): Promise<PollResult> => {
      const errorsBefore = errorsSoFar(client, queryKey);
      const history = client.getQueryData<MessagePages>(historyKey);
      if (history === undefined || isHistoryJustLoaded(client, historyKey)) return { polledAt: null, received: 0, errorsBefore };
      // `since` is inclusive, so the newest message comes back every time: the merge dedupes it.
      const since = newestSentAt(history) ?? 0;
      const delta = await fetchJson(messagesUrl(accountId, conversationId, { since }), messagesPageSchema, signal);
      if (delta.meta?.truncated) {
        // More arrived than one `since` answer holds: a merge would leave a hidden gap, so the
        // thread reloads from its newest page instead.
        await client.resetQueries({ queryKey: historyKey, exact: true });
        return { polledAt: Date.now(), received: delta.messages.length, errorsBefore };
      }
      await waitForHistoryIdle(client, historyKey, signal);
      // Out-of-order answers are harmless here (dedupe by id, deterministic order), so merge
      // even an overtaken one: nothing it carries is lost.
      const before = client.getQueryData<MessagePages>(historyKey);
      const merged = mergeMessagesSince(before, delta.messages);
      if (merged !== undefined && merged !== before) client.setQueryData<MessagePages>(historyKey, merged);
      return { polledAt: Date.now(), received: delta.messages.length, errorsBefore };
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
