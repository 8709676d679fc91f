/**
 * Query definitions. The rules (DESIGN.md, "Client data rules"):
 *  - Inbox and thread histories are infinite queries over cursors. They never poll and never
 *    refetch on focus/reconnect (that would re-download every loaded page).
 *  - Freshness comes from two small pollers that run only while the page is visible:
 *      · the inbox head: the account's one question per period, "what changed?" (a small first
 *        page, merged into the loaded inbox with mergeInboxFirstPage), at the account's pace
 *        (poll-pace.ts: live, active, idle; jittered);
 *      · the thread `since` poller (thread-poll.ts): asked by the head when the thread's row moved
 *        (since = newest sentAt in the cache *at call time*, merged with mergeMessagesSince), else
 *        only a slow safety check of its own, skipped while the head vouches for the thread.
 *    Both write with writePages (a failed next page stays failed); a failing poll leaves
 *    the history (what is on screen) alone.
 *  - A pushed account (capabilities.push) asks our own database instead, quickly and for free,
 *    what its webhooks announced (the changes poller), and asks the provider only about that;
 *    its head and thread pollers are slow safety checks then.
 *  - While polls fail they back off (poll-backoff.ts). Offline, nothing is fetched: TanStack's
 *    onlineManager pauses every query (networkMode "online"), and on reconnect each poller
 *    catches up once, while the histories (staleTime Infinity, no refetchOnReconnect) stay put.
 */
import { focusManager, infiniteQueryOptions, queryOptions, type Query, type QueryClient, type QueryKey } from "@tanstack/react-query";
import type { Category, ChangesResponse, Conversation, ConversationsPage } from "@/lib/contracts/api";
import { activitySnapshot } from "./activity";
import { accountsUrl, changesUrl, conversationsUrl, messagesUrl, usageUrl } from "./api-urls";
import { isRetryableError, retryUnreachedRequest } from "./errors";
import { fetchJson } from "./fetch-json";
import { flattenConversations, inboxFromFirstPage, mergeInboxFirstPage, type ConversationPages } from "./merge-inbox";
import { newestSentAt, type MessagePages } from "./message-pages";
import { failuresInARow, pollDelayMs } from "./poll-backoff";
import { PACE_MS, paceDelayMs, paceOf, SAFETY_MS } from "./poll-pace";
import { queryKeys } from "./query-keys";

/** A poll right after the history itself loaded (or loaded more) would bring nothing new. */
const FRESH_HISTORY_MS = 2_000;

/** The credit meter: from our database only (no provider call), refreshed each minute while visible. */
export function usageQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: queryKeys.usage(accountId),
    queryFn: ({ signal }) => fetchJson(usageUrl(accountId), "usage", signal),
    staleTime: 30_000,
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
  });
}

export function accountsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.accounts(),
    queryFn: ({ signal }) => fetchJson(accountsUrl(), "accounts", signal),
    staleTime: 5 * 60_000,
  });
}

/** How often a history whose first read failed tries again by itself, while the page is visible. */
export const FIRST_READ_RETRY_MS = 30_000;

/** What firstReadFailed reads of a query (any query's state has it). */
type QueryOutcome = { state: { status: string; data: unknown; error: unknown } };

/** A history whose first read failed in a way waiting may cure (isRetryableError): it has nothing loaded to read twice. */
function firstReadFailed(query: QueryOutcome): boolean {
  const { status, data, error } = query.state;
  return status === "error" && data === undefined && isRetryableError(error);
}

/**
 * A loaded history is never refetched by itself: that would re-download every loaded page. Nor on
 * mounting again: a failed next page marks it stale (TanStack invalidates on any error), and the
 * lists invalidated on purpose (a Linked API account's people changed) are refetched then, while on
 * screen. One that has not loaded yet still loads on mount; one whose first read failed tries again
 * on its own (every FIRST_READ_RETRY_MS, and when the tab is shown or the network is back), so a
 * provider back up is seen without the rep's Retry.
 */
const historyBehaviour = {
  staleTime: Infinity,
  refetchOnWindowFocus: firstReadFailed,
  refetchOnReconnect: firstReadFailed,
  refetchOnMount: false,
  refetchInterval: (query: QueryOutcome) => (firstReadFailed(query) ? FIRST_READ_RETRY_MS : false),
  refetchIntervalInBackground: false,
} as const;

export function conversationsInfiniteOptions(accountId: string, category: Category) {
  return infiniteQueryOptions({
    queryKey: queryKeys.conversations(accountId, category),
    queryFn: ({ pageParam, signal }) =>
      fetchJson(conversationsUrl(accountId, { category, cursor: pageParam }), "conversationsPage", signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // Never refetch every loaded page: the head poller keeps page 1 fresh.
    ...historyBehaviour,
  });
}

/**
 * The provider's own search of a category (capabilities.search): pages by cursor like the inbox,
 * asked once per query and kept a minute, never polled (the loaded inbox, searched as the rep types,
 * shows what is new).
 */
export function conversationSearchInfiniteOptions(accountId: string, category: Category, search: string) {
  return infiniteQueryOptions({
    queryKey: queryKeys.conversationSearch(accountId, category, search),
    queryFn: ({ pageParam, signal }) =>
      fetchJson(conversationsUrl(accountId, { category, cursor: pageParam, search }), "conversationsPage", signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    ...historyBehaviour,
    staleTime: 60_000,
    gcTime: 60_000,
  });
}

export function messagesInfiniteOptions(accountId: string, conversationId: string) {
  return infiniteQueryOptions({
    queryKey: queryKeys.messages(accountId, conversationId),
    queryFn: ({ pageParam, signal }) =>
      fetchJson(messagesUrl(accountId, conversationId, { cursor: pageParam }), "messagesPage", signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // NO refetchInterval, ever: new messages come from the `since` poller.
    ...historyBehaviour,
  });
}

/** What a poll reports (small on purpose: the data itself lands in the history's cache). */
export type PollResult = {
  /** When the poll answered; null when it was skipped (the history itself had just loaded, or the inbox head vouched for the thread). */
  polledAt: number | null;
  received: number;
  /** The poller's failed-fetch total when this poll started (see failuresInARow). */
  errorsBefore: number;
  /** The newest message this poll knows of (what makes the account live: poll-pace.ts). */
  newestAt: number | null;
  /** When the provider was asked for what this poll got (a shared answer may be a few seconds old; a skipped `since` poll keeps its last read's). */
  checkedAt: number | null;
  /** An inbox head's only: each conversation on its answer with its newest message's time (see headVouchesFor, thread-poll.ts). */
  rowSentAt?: Readonly<Record<string, number>>;
};

type PollerQuery = Query<PollResult, Error, PollResult, QueryKey>;

/** The wait before a poller's next ask: `baseMs` jittered while polls succeed, backing off while they fail. */
function nextPollMs(query: PollerQuery, baseMs: number): number {
  const { state } = query;
  return pollDelayMs(failuresInARow(state), state.error, state.errorUpdatedAt, paceDelayMs(baseMs, state.dataUpdatedAt));
}

/**
 * A poller whose polls are failing, within its backed-off wait: news (a webhook's, a sent reply's)
 * does not ask it sooner. Its own next poll reads what the news was about; asking now would press a
 * provider that is down, or that said how long to wait.
 */
function isBackingOff(query: Query): boolean {
  const { state } = query as PollerQuery;
  return state.status === "error" && Date.now() - state.errorUpdatedAt < pollDelayMs(failuresInARow(state), state.error, state.errorUpdatedAt, 0);
}

/** How live the account is now (poll-pace.ts), from the newest message the poller knows of. */
function paceNow(query: PollerQuery) {
  return paceOf({ now: Date.now(), newestMessageAt: query.state.data?.newestAt ?? null, ...activitySnapshot() });
}

/**
 * A pushed account's own reads wait for a webhook's news, or the slow safety check; but one that
 * failed was asked about news that will not be announced again, so it tries again at the account's
 * pace (backing off while it fails), not in 5 minutes.
 */
function pushedMs(query: PollerQuery): number {
  return query.state.error ? PACE_MS[paceNow(query)].head : SAFETY_MS.pushed;
}

/** The inbox head: at the account's pace; for a pushed account, only the slow safety check. */
function headInterval(pushed: boolean) {
  return (query: PollerQuery) => nextPollMs(query, pushed ? pushedMs(query) : PACE_MS[paceNow(query)].head);
}

/** The open thread's own check: the inbox head (or a webhook) says when it changed; this is the slow safety net. */
export function threadInterval(pushed: boolean) {
  return (query: PollerQuery) => nextPollMs(query, pushed ? pushedMs(query) : SAFETY_MS.thread);
}

/** A pushed account's question to our database: quick (it costs nothing upstream), slower when idle. */
function changesInterval(query: PollerQuery): number {
  return nextPollMs(query, PACE_MS[paceNow(query)].changes);
}

/** Back online: ask at once, unless the tab is hidden (it asks when it is seen again). TanStack's focus is document visibility. */
export function isPageVisible(): boolean {
  return focusManager.isFocused();
}

/** How every poller behaves (the inbox head, the changes poller, and the thread's: thread-poll.ts). */
export const pollerBehaviour = {
  // Only while the page is visible (TanStack's focus = document visibility).
  refetchIntervalInBackground: false,
  staleTime: PACE_MS.live.head - 1_000,
  // A failed poll is retried by the next (backed-off) poll. A request that never reached our
  // server is retried: when the browser has just gone offline, that retry waits (paused) for the
  // network and becomes the catch-up poll.
  retry: retryUnreachedRequest,
  retryDelay: 1_000,
  gcTime: 60_000,
} as const;

/** The poller's failed-fetch total right now (recorded by each poll, for the backoff). */
export function errorsSoFar(client: QueryClient, pollerKey: QueryKey): number {
  return client.getQueryState(pollerKey)?.errorUpdateCount ?? 0;
}

/**
 * Polls the inbox's head and merges it into the loaded infinite inbox: the account's one question
 * per period, "what changed?". It asks for the smallest page that answers that (HEAD_LIMIT), and a
 * full page only when everything on the small one changed. A conversation whose row moved past
 * what its open thread shows has its thread asked for new messages, at once. Enable it only once
 * the inbox has loaded; it polls whether the list is on screen or not (a phone's open thread).
 */
export function conversationsHeadQueryOptions(accountId: string, category: Category, pushed = false) {
  const historyKey = queryKeys.conversations(accountId, category);
  return queryOptions({
    queryKey: queryKeys.conversationsHead(accountId, category),
    queryFn: async ({ signal, client, queryKey }): Promise<PollResult> => {
      const errorsBefore = errorsSoFar(client, queryKey);
      const skipped = { polledAt: null, received: 0, errorsBefore, newestAt: newestActivity(client.getQueryData<ConversationPages>(historyKey)), checkedAt: null };
      if (isHistoryJustLoaded(client, historyKey)) return skipped;
      const head = await fetchJson(conversationsUrl(accountId, { category, limit: HEAD_LIMIT }), "conversationsPage", signal);
      // Everything on the small page changed: more may have below it.
      const fresh =
        head.conversations.length === HEAD_LIMIT && changedRows(client.getQueryData<ConversationPages>(historyKey), head) === HEAD_LIMIT
          ? await fetchJson(conversationsUrl(accountId, { category }), "conversationsPage", signal)
          : head;
      await waitForHistoryIdle(client, historyKey, signal);
      // An answer overtaken by a newer poll would reorder the list backwards: drop it.
      if (signal.aborted) return skipped;
      const before = client.getQueryData<ConversationPages>(historyKey);
      // Every row of the full page changed too (back after a busy while): what the list held below
      // it may be as stale, so the list starts again from this page.
      const wholeListStale = fresh !== head && fresh.conversations.length > 0 && changedRows(before, fresh) === fresh.conversations.length;
      // The full page may be a shared answer older than the small one (lib/server/inbox.ts): the
      // small one goes over it. (Both ignore an answer older than the list.)
      const merged = mergeInboxFirstPage(wholeListStale ? inboxFromFirstPage(before, fresh) : mergeInboxFirstPage(before, fresh), head);
      if (merged !== undefined && merged !== before) writePages(client, historyKey, merged);
      askOpenThreadsThatMoved(client, accountId, fresh.conversations);
      const polledAt = Date.now();
      const rowSentAt = Object.fromEntries(fresh.conversations.flatMap((row) => (row.lastMessage === null ? [] : [[row.id, row.lastMessage.sentAt] as const])));
      return { polledAt, received: fresh.conversations.length, errorsBefore, newestAt: newestActivity(merged), checkedAt: fresh.meta?.checkedAt ?? polledAt, rowSentAt };
    },
    refetchInterval: headInterval(pushed),
    // Coming back to the tab, or back online: ask at once.
    refetchOnWindowFocus: true,
    refetchOnReconnect: isPageVisible,
    ...pollerBehaviour,
  });
}

/** The head poll's page size: the smallest that says what changed (Linkup bills per 10 results). */
export const HEAD_LIMIT = 10;

/**
 * How many of the fresh rows are new, or newer than the loaded copy. Not merely different: a shared
 * answer (lib/server/inbox.ts) may be older than the list, and mergeInboxFirstPage keeps the list then.
 */
function changedRows(loaded: ConversationPages | undefined, fresh: ConversationsPage): number {
  const known = new Map(flattenConversations(loaded).map((conversation) => [conversation.id, conversation.lastMessage?.sentAt ?? 0]));
  return fresh.conversations.filter((conversation) => (known.get(conversation.id) ?? -1) < (conversation.lastMessage?.sentAt ?? 0)).length;
}

function newestActivity(pages: ConversationPages | undefined): number | null {
  let newest: number | null = null;
  for (const conversation of flattenConversations(pages)) {
    const sentAt = conversation.lastMessage?.sentAt;
    if (sentAt !== undefined && (newest === null || sentAt > newest)) newest = sentAt;
  }
  return newest;
}

/** An open thread (a `since` poller someone watches) whose inbox row is newer than its newest message: ask it now. */
function askOpenThreadsThatMoved(client: QueryClient, accountId: string, rows: readonly Conversation[]): void {
  askOpenThreads(
    client,
    accountId,
    rows.flatMap((row) => (row.lastMessage === null ? [] : [{ conversationId: row.id, sentAt: row.lastMessage.sentAt }])),
  );
}

/** The newest news each open thread's poller was asked about and has not read yet: vouching never answers an ask. */
export const askedNews = new WeakMap<Query, number>();

/**
 * Asks each open thread (a `since` poller someone watches) told of a message newer than its newest.
 * One already asking about this news is left to it (not asked twice for the same news, by the head
 * and a webhook); one whose read began before it heard of the news asks again once that read is
 * done. Should a read have started just before the message existed, the next head or changes
 * answer, still showing the thread behind, asks again.
 */
export function askOpenThreads(client: QueryClient, accountId: string, news: readonly { conversationId: string; sentAt: number }[]): void {
  const asked = new Set<string>();
  for (const { conversationId, sentAt } of news) {
    if (asked.has(conversationId)) continue;
    const sinceKey = queryKeys.messagesSince(accountId, conversationId);
    const poller = client.getQueryCache().find({ queryKey: sinceKey, exact: true });
    if (!poller || poller.getObserversCount() === 0 || isBackingOff(poller)) continue;
    const newest = newestSentAt(client.getQueryData<MessagePages>(queryKeys.messages(accountId, conversationId)));
    if (newest !== null && sentAt <= newest) continue;
    asked.add(conversationId);
    const known = askedNews.get(poller);
    askedNews.set(poller, Math.max(known ?? 0, sentAt));
    const ask = () => client.refetchQueries({ queryKey: sinceKey, exact: true }, { cancelRefetch: false });
    const reading = poller.state.fetchStatus === "fetching" ? poller.promise : undefined;
    if (reading !== undefined && (known === undefined || known < sentAt)) void reading.then(ask, ask);
    else void ask();
  }
}

/**
 * A pushed account's poller: asks our own database what the account's webhooks announced since its
 * last answer (no provider call, no credits), then asks the provider only about that: the inbox
 * heads when a conversation moved past its loaded row, the open thread when it has news. Answers
 * overlap (changes.ts), so an announcement it has already acted on is recognised by its time.
 * Enable it only once the inbox has loaded: its first question starts when that was read.
 */
export function changesQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: queryKeys.changes(accountId),
    queryFn: async ({ signal, client, queryKey }): Promise<PollResult> => {
      const errorsBefore = errorsSoFar(client, queryKey);
      const since = client.getQueryData<PollResult>(queryKey)?.checkedAt ?? inboxReadAt(client, accountId);
      const answer = await fetchJson(changesUrl(accountId, since), "changes", signal);
      askAboutChanges(client, accountId, answer);
      const newestAt = answer.changes.reduce((newest, change) => (newest === null || change.sentAt > newest ? change.sentAt : newest), client.getQueryData<PollResult>(queryKey)?.newestAt ?? null);
      return { polledAt: Date.now(), received: answer.changes.length, errorsBefore, newestAt, checkedAt: answer.checkedAt };
    },
    refetchInterval: changesInterval,
    refetchOnWindowFocus: true,
    refetchOnReconnect: isPageVisible,
    ...pollerBehaviour,
  });
}

/** When the account's loaded inboxes were last read (the earliest of them; a head answer merged counts), by the server's clock where it said. */
export function inboxReadAt(client: QueryClient, accountId: string): number {
  let earliest = Date.now();
  for (const [key, pages] of client.getQueriesData<ConversationPages>({ queryKey: queryKeys.conversationLists(accountId) })) {
    if (pages === undefined) continue;
    const readAt = pages.pages[0]?.meta?.checkedAt ?? client.getQueryState(key)?.dataUpdatedAt ?? earliest;
    earliest = Math.min(earliest, readAt);
  }
  return earliest;
}

/** Acts on what the webhooks announced: each provider read it needs, once. */
function askAboutChanges(client: QueryClient, accountId: string, answer: ChangesResponse): void {
  const loadedRows = new Map<string, number>();
  for (const [, pages] of client.getQueriesData<ConversationPages>({ queryKey: queryKeys.conversationLists(accountId) })) {
    for (const row of flattenConversations(pages)) {
      const sentAt = row.lastMessage?.sentAt ?? 0;
      loadedRows.set(row.id, Math.max(sentAt, loadedRows.get(row.id) ?? 0));
    }
  }
  const inboxBehind = answer.truncated === true || answer.changes.some((change) => (loadedRows.get(change.conversationId) ?? -1) < change.sentAt);
  if (inboxBehind) void client.refetchQueries({ queryKey: queryKeys.conversationsHeads(accountId), type: "active", predicate: (query) => !isBackingOff(query) });
  askOpenThreads(client, accountId, answer.changes.map((change) => ({ conversationId: change.conversationId, sentAt: change.sentAt })));
}

/**
 * A change the rep makes to the account's rows (a mark, a sent reply): head answers on their way
 * were read before it and would put the old row back, so they are cancelled first; one that was
 * cancelled is asked again once the change is done, so what else it was bringing (a pushed
 * account asks its head only when told) still arrives.
 */
export async function aheadOfHeads(client: QueryClient, accountId: string, change: () => unknown): Promise<void> {
  const heads = queryKeys.conversationsHeads(accountId);
  const asking = client.isFetching({ queryKey: heads });
  await client.cancelQueries({ queryKey: heads });
  try {
    await change();
  } finally {
    if (asking) void client.refetchQueries({ queryKey: heads, type: "active" });
  }
}

/**
 * Writes into a loaded history. Not setQueryData, which would also mark it successful: one whose
 * next page failed must stay failed (its Retry on screen, scrolling asking nothing) until the rep
 * retries, or every poll or mark would ask the provider for that page again.
 */
export function writePages(client: QueryClient, queryKey: QueryKey, data: unknown): void {
  const query = client.getQueryCache().find({ queryKey, exact: true });
  // Counted as setQueryData counts: a list written since it loaded is not "just loaded" (isHistoryJustLoaded).
  query?.setState({ data, dataUpdatedAt: Date.now(), dataUpdateCount: query.state.dataUpdateCount + 1 });
}

export function isHistoryJustLoaded(client: QueryClient, historyKey: QueryKey): boolean {
  const state = client.getQueryState(historyKey);
  const age = Date.now() - (state?.dataUpdatedAt ?? 0);
  // A negative age is the server's clock (the page's first data) ahead of this device's: not fresh, or the poll waits that long.
  return (state?.dataUpdateCount ?? 2) <= 1 && age >= 0 && age < FRESH_HISTORY_MS;
}

/** Until no loaded list of the account is fetching (a next page, a reload): a write made now is not undone by one landing. */
export async function waitForListsIdle(client: QueryClient, accountId: string): Promise<void> {
  for (const [queryKey] of client.getQueriesData({ queryKey: queryKeys.conversationLists(accountId) })) await waitForHistoryIdle(client, queryKey);
}

/**
 * fetchNextPage builds its result from the pages as they were when it started, so a merge
 * written while it is in flight would be overwritten. Merge only once the history is idle.
 */
export async function waitForHistoryIdle(client: QueryClient, historyKey: QueryKey, signal?: AbortSignal): Promise<void> {
  for (let attempt = 0; attempt < 20 && !signal?.aborted; attempt++) {
    const query = client.getQueryCache().find({ queryKey: historyKey, exact: true });
    if (query?.state.fetchStatus !== "fetching") return;
    await query.promise?.catch(() => undefined);
  }
}
